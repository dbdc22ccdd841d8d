// electron-store cannot load without Electron's binary, so these tests open
// documents with a class built like electron-store 11 (conf with `name` in
// place of `configName`, and an absolute `cwd`).
import { chmod, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Conf from 'conf';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConfLike, ConfOpenOptions } from '../../node/conf-document-store';
import { createElectronStoreDocumentStore } from './electron-store-document-store';

class ElectronStoreLookalike extends Conf<{ value?: unknown }> {
  constructor(options: Omit<ConfOpenOptions, 'configName'> & { name: string }) {
    const { name, ...rest } = options;
    if (!path.isAbsolute(rest.cwd)) throw new Error('test stand-in expects an absolute cwd');
    super({ ...rest, configName: name });
  }
}
const openStore = ({ configName, ...rest }: ConfOpenOptions): ConfLike => new ElectronStoreLookalike({ ...rest, name: configName });

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'kith-estore-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('electron-store DocumentStore', () => {
  it('writes each document with mode 0600 and reads it back', async () => {
    const store = await createElectronStoreDocumentStore({ dataDir: dir, openStore });
    await store.write('accounts', { version: 1, accounts: [] });
    expect((await stat(path.join(dir, 'accounts.json'))).mode & 0o777).toBe(0o600);
    expect(await store.read('accounts')).toEqual({ kind: 'ok', value: { version: 1, accounts: [] } });
    expect(await store.read('vault')).toEqual({ kind: 'missing' });
  });

  it('moves a corrupt file aside and reports it', async () => {
    const store = await createElectronStoreDocumentStore({ dataDir: dir, openStore });
    await writeFile(path.join(dir, 'accounts.json'), '{"version":1,', { mode: 0o600 });
    const result = await store.read('accounts');
    expect(result).toMatchObject({ kind: 'corrupt', reason: 'the file is not valid JSON', movedTo: expect.stringMatching(/accounts\.corrupt-\d+\.json$/) });
    if (result.kind !== 'corrupt') return;
    expect(await readFile(result.movedTo, 'utf8')).toBe('{"version":1,');
    expect(await store.read('accounts')).toEqual({ kind: 'missing' });
  });

  it('makes a file that others can read private', async () => {
    await writeFile(path.join(dir, 'vault.json'), '{}');
    await chmod(path.join(dir, 'vault.json'), 0o644);
    const store = await createElectronStoreDocumentStore({ dataDir: dir, openStore });
    await store.read('vault');
    expect((await stat(path.join(dir, 'vault.json'))).mode & 0o777).toBe(0o600);
  });
});
