// Reconnecting an account whose saved sign-in cannot be read, with the real
// node cipher against the sandbox over HTTP: the new tokens replace the old
// and work, and no grant the sandbox issued is left live without Kith holding
// it or revoking it (checked against the sandbox's GET /__sandbox/grants).
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { KithError } from '../../src-contract/kith-api';
import type { Cipher } from '../core/ports';
import { createRecordingLogger } from '../core/testing/recording-logger';
import type { MemoryDocumentStore } from '../core/testing/memory-document-store';
import { createNodeCipher } from './node-cipher';
import { useSandboxDataFolder } from './testing/sandbox-data-folder';

const folder = useSandboxDataFolder({ folderPrefix: 'kith-reconnect-', autoConsent: false });

const cipherIn = (dataDir: string) => createNodeCipher({ dataDir, keyring: null, log: createRecordingLogger() });

/** The vault's entry for the account, as stored (base64 of the cipher's output). */
function vaultEntry(store: MemoryDocumentStore, accountId: string): string {
  return JSON.parse(store.raw('vault')!).entries[accountId];
}

/** Every token the sandbox still honours, each either held by Kith now or none at all. */
async function liveTokens() {
  return (await folder.env.admin.tokens({ provider: 'google', status: 'active' })).map((t) => t.value);
}

describe('reconnecting an account whose saved sign-in cannot be read', () => {
  it('replaces the unreadable tokens, works, and leaves no live token Kith does not hold', async () => {
    const { store } = folder;
    const kith = await folder.start(cipherIn(folder.dir));
    const account = await kith.core.accounts.connect({ provider: 'google' });
    // Let the sync that follows a connect finish first: it read the tokens before they were spoiled.
    await kith.core.sync.run({ accountId: account.id });

    // Sealed with a key Kith no longer has (an older key file, another machine's key).
    const foreign = Buffer.from(await cipherIn(path.join(folder.dir, 'elsewhere')).encrypt('{"accessToken":"x","accessTokenExpiresAt":null,"refreshToken":null,"scopes":[]}'));
    const contents = JSON.parse(store.raw('vault')!);
    contents.entries[account.id] = foreign.toString('base64');
    store.putRaw('vault', JSON.stringify(contents));
    const [broken] = await kith.core.sync.run({ accountId: account.id });
    expect(broken).toMatchObject({ ok: false, error: { code: 'E_STORAGE' } });

    const again = await kith.core.accounts.connect({ provider: 'google' });
    expect(again).toMatchObject({ id: account.id, status: 'active' });
    expect(vaultEntry(store, account.id)).not.toBe(foreign.toString('base64'));
    const [synced] = await kith.core.sync.run({ accountId: account.id });
    expect(synced).toMatchObject({ ok: true });

    // What Kith holds now is a live grant; disconnecting revokes it and nothing stays live.
    expect(await liveTokens()).not.toEqual([]);
    expect(await kith.core.accounts.disconnect({ accountId: account.id })).toMatchObject({ revocation: 'revoked' });
    expect(await liveTokens()).toEqual([]);
    expect((await folder.env.admin.grants({ provider: 'google' })).grants.every((g) => g.status === 'revoked')).toBe(true);
  });

  it('refuses to start a sign-in while the vault is locked, so the provider issues nothing', async () => {
    const first = await folder.start(cipherIn(folder.dir));
    await first.core.accounts.connect({ provider: 'google' });
    await folder.stop(first);
    await rm(path.join(folder.dir, 'vault.key'));
    const grantsBefore = (await folder.env.admin.grants({ provider: 'google' })).grants.length;

    const kith = await folder.start(cipherIn(folder.dir));
    await expect(kith.core.accounts.connect({ provider: 'google' })).rejects.toMatchObject({ code: 'E_VAULT_LOCKED', message: expect.stringContaining('is gone') });
    expect(kith.browser.opened).toEqual([]);
    expect((await folder.env.admin.grants({ provider: 'google' })).grants).toHaveLength(grantsBefore);
  });

  it('revokes a new grant it could neither store nor queue', async () => {
    const real = cipherIn(folder.dir);
    let failWrites = false;
    const failing: Cipher = {
      ...real,
      encrypt: (plaintext) => (failWrites ? Promise.reject(new KithError('E_STORAGE', 'The disk is full.')) : real.encrypt(plaintext)),
      decrypt: (blob) => real.decrypt(blob),
      protection: () => real.protection(),
      state: () => real.state(),
    };
    const kith = await folder.start(failing);
    failWrites = true;
    await expect(kith.core.accounts.connect({ provider: 'google' })).rejects.toMatchObject({ code: 'E_STORAGE' });
    expect((await folder.env.admin.grants({ provider: 'google' })).grants).toHaveLength(1);
    expect(await liveTokens()).toEqual([]);
    expect(await kith.core.accounts.list()).toEqual([]);
  });
});
