// The vault wired as the host wires it (conf store + node cipher with a key
// file): no token appears in any file in the data folder, in any encoding.
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRecordingLogger } from '../core/testing/recording-logger';
import { TypedDocumentStore } from '../core/storage/typed-document-store';
import { TokenVault } from '../core/vault/token-vault';
import { createConfDocumentStore } from './conf-document-store';
import { createNodeCipher } from './node-cipher';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'kith-vault-disk-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function allFileBytes(folder: string): Promise<Buffer> {
  const names = await readdir(folder, { recursive: true });
  const parts = await Promise.all(names.map((name) => readFile(path.join(folder, name)).catch(() => Buffer.alloc(0))));
  return Buffer.concat(parts);
}

describe('TokenVault on disk', () => {
  it('never writes a token, in plain text or base64, to any file', async () => {
    const log = createRecordingLogger();
    const store = await createConfDocumentStore({ dir, log });
    const vault = new TokenVault({ documents: new TypedDocumentStore(store, log), cipher: createNodeCipher({ dataDir: dir, keyring: null, log }), log });
    const access = 'ya29.A0ARrdaM-on-disk-access-token-0123456789';
    const refresh = '1//0gOnDiskRefreshToken-0123456789abcdef';
    await vault.put('acc_diskTest0001', { accessToken: access, accessTokenExpiresAt: null, refreshToken: refresh, scopes: ['email'] });
    expect((await vault.get('acc_diskTest0001'))?.refreshToken).toBe(refresh);

    const bytes = await allFileBytes(dir);
    for (const secret of [access, refresh, 'on-disk-access-token', 'OnDiskRefreshToken']) {
      expect(bytes.includes(Buffer.from(secret))).toBe(false);
      expect(bytes.includes(Buffer.from(Buffer.from(secret).toString('base64').slice(0, 24)))).toBe(false);
    }
    expect(log.text()).not.toContain('OnDiskRefreshToken');
    expect((await readdir(dir)).sort()).toEqual(['vault.json', 'vault.key', 'vault.keymeta']);
  });
});
