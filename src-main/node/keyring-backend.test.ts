// The host cipher over the real OS keyring adapter (a fake native entry per
// Secret Service provider, as each provider keeps its own entries): a key put
// there under GNOME Keyring and looked for under KWallet is a changed backend,
// said in words naming both, with nothing written anywhere; GNOME Keyring back
// opens everything.
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRecordingLogger } from '../core/testing/recording-logger';
import { createNodeCipher } from './node-cipher';
import { createOsKeyring, type KeyringEntry } from './os-keyring';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'kith-keyring-backend-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Each provider's own store of entries, by service and account. */
const stores = new Map<string, Map<string, string>>();
function entryIn(provider: string, service: string, account: string): KeyringEntry {
  const entries = stores.get(provider) ?? new Map<string, string>();
  stores.set(provider, entries);
  const key = `${service}/${account}`;
  return {
    getPassword: async () => entries.get(key) ?? null,
    setPassword: async (secret) => void entries.set(key, secret),
    deletePassword: async () => entries.delete(key),
  };
}
const keyringOf = (provider: string) =>
  createOsKeyring({ platform: 'linux', openEntry: (service, account) => entryIn(provider, service, account), identifyProvider: async () => provider });
const cipherWith = (provider: string) => createNodeCipher({ dataDir: dir, keyring: keyringOf(provider), log: createRecordingLogger() });

describe('the host cipher when the Secret Service provider changed', () => {
  it('opens locked as backend-changed, naming both, writes nothing, and the first provider back opens it', async () => {
    stores.clear();
    const first = cipherWith('GNOME Keyring');
    const blob = await first.encrypt('1//0gRefreshToken');
    expect(JSON.parse(await readFile(path.join(dir, 'vault.keymeta'), 'utf8'))).toMatchObject({ protector: 'keyring', backend: 'GNOME Keyring (Secret Service)' });
    const files = await readdir(dir);

    const other = cipherWith('KWallet');
    expect(await other.state()).toMatchObject({
      state: 'locked',
      reason: 'backend-changed',
      protector: 'keyring',
      message: expect.stringMatching(/sealed by GNOME Keyring \(Secret Service\), but what keeps keys here now is KWallet \(Secret Service\)/),
    });
    await expect(other.decrypt(blob)).rejects.toMatchObject({ code: 'E_VAULT_LOCKED' });
    await expect(other.encrypt('x')).rejects.toMatchObject({ code: 'E_VAULT_LOCKED' });
    expect(stores.get('KWallet')?.size ?? 0).toBe(0);
    expect(await readdir(dir)).toEqual(files);

    const back = cipherWith('GNOME Keyring');
    expect(await back.state()).toMatchObject({ state: 'open' });
    expect((await back.decrypt(blob)).plaintext).toBe('1//0gRefreshToken');
  });

  it('a record from before providers were named is not taken for a change: the missing entry is reported as missing', async () => {
    stores.clear();
    const unnamed = createNodeCipher({
      dataDir: dir,
      keyring: createOsKeyring({ platform: 'linux', openEntry: (s, a) => entryIn('GNOME Keyring', s, a), identifyProvider: async () => null }),
      log: createRecordingLogger(),
    });
    await unnamed.encrypt('secret');
    expect(await cipherWith('KWallet').state()).toMatchObject({ state: 'locked', reason: 'key-missing' });
    // Found again under its provider, the record learns its name.
    expect(await cipherWith('GNOME Keyring').state()).toMatchObject({ state: 'open' });
    expect(JSON.parse(await readFile(path.join(dir, 'vault.keymeta'), 'utf8'))).toMatchObject({ backend: 'GNOME Keyring (Secret Service)' });
  });
});
