import { mkdtemp, readdir, readFile, rm, stat, writeFile, chmod, utimes } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createRecordingLogger } from '../core/testing/recording-logger';
import type { DocumentStore } from '../core/ports';
import { defineDocument, TypedDocumentStore } from '../core/storage/typed-document-store';
import { createConfDocumentStore } from './conf-document-store';

let dir: string;
beforeEach(async () => {
  dir = path.join(await mkdtemp(path.join(tmpdir(), 'kith-conf-')), 'data');
});
afterEach(async () => {
  await rm(path.dirname(dir), { recursive: true, force: true });
});

const mode = async (file: string) => (await stat(file)).mode & 0o777;

describe('ConfDocumentStore', () => {
  it('creates the data folder 0700 and writes each document as plain JSON with mode 0600', async () => {
    const store = await createConfDocumentStore({ dir });
    expect(store.location).toBe(dir);
    expect(await mode(dir)).toBe(0o700);
    await store.write('accounts', { version: 1, accounts: [{ id: 'acc_abcdef' }] });
    await store.write('friends-acc_abcdef', { people: [['p1', 'Ada', null, null, null]] });
    await store.write('list', [1, 2, 3]);
    for (const name of ['accounts', 'friends-acc_abcdef', 'list']) {
      expect(await mode(path.join(dir, `${name}.json`))).toBe(0o600);
    }
    expect(JSON.parse(await readFile(path.join(dir, 'accounts.json'), 'utf8'))).toEqual({ version: 1, accounts: [{ id: 'acc_abcdef' }] });
    expect(await store.read('accounts')).toEqual({ kind: 'ok', value: { version: 1, accounts: [{ id: 'acc_abcdef' }] } });
    expect(await store.read('friends-acc_abcdef')).toEqual({ kind: 'ok', value: { people: [['p1', 'Ada', null, null, null]] } });
    expect(await store.read('list')).toEqual({ kind: 'ok', value: [1, 2, 3] });
    expect(await store.read('nothing')).toEqual({ kind: 'missing' });
  });

  it("changes a document's stamp when another process rewrites it, and keeps it otherwise", async () => {
    const server = await createConfDocumentStore({ dir });
    const cli = await createConfDocumentStore({ dir });
    expect(await server.stamp!('access-tokens')).toBe('missing');
    await cli.write('access-tokens', { version: 1, tokens: [] });
    const first = await eventually(server, 'access-tokens', 'missing');
    expect(await server.stamp!('access-tokens')).toBe(first);
    // Same size, new contents, written outside any Kith store (an editor, a restore from backup).
    await writeFile(path.join(dir, 'access-tokens.json'), JSON.stringify({ version: 1, tokens: [] }).replace('[]', '[ ]').slice(0, -1) + '}');
    const second = await eventually(server, 'access-tokens', first);
    expect(second).not.toBe(first);
    await server.write('access-tokens', { version: 1, tokens: [] });
    expect(await server.stamp!('access-tokens')).not.toBe(second);
  });

  it('sees writes made by another store on the same folder (another Kith process)', async () => {
    const a = await createConfDocumentStore({ dir });
    const b = await createConfDocumentStore({ dir });
    await a.write('vault', { n: 1 });
    expect(await b.read('vault')).toEqual({ kind: 'ok', value: { n: 1 } });
    await b.write('vault', { n: 2 });
    expect(await a.read('vault')).toEqual({ kind: 'ok', value: { n: 2 } });
  });

  it.each(['accounts', 'friends-acc_abcdef'])('moves a corrupt %s file aside and reports it, without quoting it', async (name) => {
    const store = await createConfDocumentStore({ dir, now: () => 1_700_000_000_000 });
    const garbage = '{"accessToken":"ya29.secret-in-a-broken-file", "x": tru';
    await writeFile(path.join(dir, `${name}.json`), garbage, { mode: 0o600 });
    const result = await store.read(name);
    const movedTo = path.join(dir, `${name}.corrupt-1700000000000.json`);
    expect(result).toMatchObject({ kind: 'corrupt', movedTo, reason: 'the file is not valid JSON' });
    // Its bytes come back only for the document's salvage; the words never quote them.
    expect(JSON.stringify({ ...result, text: undefined })).not.toContain('ya29');
    expect(await readFile(movedTo, 'utf8')).toBe(garbage);
    expect(await store.read(name)).toEqual({ kind: 'missing' });
    await store.write(name, { fresh: true });
    expect(await store.read(name)).toEqual({ kind: 'ok', value: { fresh: true } });
    expect(await readFile(movedTo, 'utf8')).toBe(garbage);
  });

  it('never overwrites an earlier moved-aside file', async () => {
    const store = await createConfDocumentStore({ dir, now: () => 5 });
    await writeFile(path.join(dir, 'accounts.json'), 'one{');
    await store.read('accounts');
    await writeFile(path.join(dir, 'accounts.json'), 'two{');
    const second = await store.read('accounts');
    expect(second).toMatchObject({ kind: 'corrupt', movedTo: path.join(dir, 'accounts.corrupt-5-1.json') });
    expect(await readFile(path.join(dir, 'accounts.corrupt-5.json'), 'utf8')).toBe('one{');
  });

  it('moves an empty file (a non-atomic writer killed early) aside too', async () => {
    const store = await createConfDocumentStore({ dir });
    await writeFile(path.join(dir, 'vault.json'), '');
    expect(await store.read('vault')).toMatchObject({ kind: 'corrupt' });
  });

  it('moves a document that fails its schema aside on disk through the typed layer', async () => {
    const store = await createConfDocumentStore({ dir, now: () => 7 });
    const log = createRecordingLogger();
    const documents = new TypedDocumentStore(store, log);
    const Doc = defineDocument('settings', z.object({ version: z.literal(1) }).strict());
    await store.write('settings', { version: 99 });
    const result = await documents.read(Doc);
    expect(result).toMatchObject({ kind: 'recovered', problem: { kind: 'invalid', movedTo: path.join(dir, 'settings.invalid-7.json') } });
    expect(JSON.parse(await readFile(path.join(dir, 'settings.invalid-7.json'), 'utf8'))).toEqual({ version: 99 });
    expect(await documents.read(Doc)).toEqual({ kind: 'missing' });
  });

  it('lands concurrent writes of one document in call order, and a remove after them', async () => {
    const store = await createConfDocumentStore({ dir });
    const big = { people: Array.from({ length: 100_000 }, (_, i) => [`p${i}`, `Person ${i}`]) };
    await Promise.all([store.write('friends-acc_order001', big), store.write('friends-acc_order001', { people: [] })]);
    expect(await store.read('friends-acc_order001')).toEqual({ kind: 'ok', value: { people: [] } });
    await Promise.all([store.write('friends-acc_order001', big), store.remove('friends-acc_order001')]);
    expect(await store.read('friends-acc_order001')).toEqual({ kind: 'missing' });
  });

  it('removes a document', async () => {
    const store = await createConfDocumentStore({ dir });
    await store.write('vault', { a: 1 });
    await store.write('friends-acc_abcdef', { a: 1 });
    await store.remove('vault');
    await store.remove('friends-acc_abcdef');
    await store.remove('never-written');
    expect(await store.read('vault')).toEqual({ kind: 'missing' });
    expect(await readdir(dir)).toEqual([]);
  });

  it('makes a document that others can read private', async () => {
    const log = createRecordingLogger();
    const store = await createConfDocumentStore({ dir, log });
    await writeFile(path.join(dir, 'vault.json'), '{"a":1}');
    await chmod(path.join(dir, 'vault.json'), 0o644);
    expect(await store.read('vault')).toEqual({ kind: 'ok', value: { a: 1 } });
    expect(await mode(path.join(dir, 'vault.json'))).toBe(0o600);
    expect(log.text()).toContain('made it private');
  });

  it('removes temp files no writer holds (its process gone, or old), but not one a live writer may still hold', async () => {
    const { mkdir } = await import('node:fs/promises');
    const { spawnSync } = await import('node:child_process');
    await mkdir(dir, { recursive: true });
    // A writer that was killed: its process id is free now.
    const gone = spawnSync(process.execPath, ['-e', '0']).pid;
    const stale = path.join(dir, 'vault.json.tmp-17000000001a2b3c');
    const orphan = path.join(dir, `accounts.json.tmp-${gone}-abcdef`);
    const orphanMeta = path.join(dir, `vault.keymeta.tmp-${gone}-123456`);
    const held = path.join(dir, `accounts.json.tmp-${process.pid}-abcdef`);
    for (const file of [stale, orphan, orphanMeta, held]) await writeFile(file, '{"half":');
    const old = new Date(Date.now() - 3600_000);
    await utimes(stale, old, old);
    await createConfDocumentStore({ dir });
    expect((await readdir(dir)).sort()).toEqual([path.basename(held)]);
  });

  it('keeps writes atomic inside a Snap, where conf itself would not', async () => {
    let opened = 0;
    const store = await createConfDocumentStore({ dir, insideSnap: true, openConf: () => (opened++, { path: '', store: {} }) });
    await store.write('accounts', { a: 1 });
    expect(await store.read('accounts')).toEqual({ kind: 'ok', value: { a: 1 } });
    expect(opened).toBe(0);
  });

  it('refuses names that could leave the data folder', async () => {
    const store: DocumentStore = await createConfDocumentStore({ dir });
    await expect(store.write('../escape', {})).rejects.toThrow();
    await expect(store.read('a/b')).rejects.toThrow();
  });
});

/** The store's stamp once it differs from `old`: the folder watcher reports another process's write a moment later. */
async function eventually(store: DocumentStore, name: string, old: string): Promise<string> {
  for (let i = 0; i < 200; i++) {
    const stamp = await store.stamp!(name);
    if (stamp !== old) return stamp;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error(`the stamp of ${name} never changed`);
}
