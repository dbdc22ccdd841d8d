// Reconnecting an account whose saved sign-in cannot be read, with the real
// node cipher against the sandbox over HTTP: the new tokens replace the old
// and work, and no grant the sandbox issued is left live without Kith holding
// it or revoking it (checked against the sandbox's GET /__sandbox/grants).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { KithError } from '../../src-contract/kith-api';
import type { Cipher } from '../core/ports';
import { startKithSandbox, type KithSandbox } from '../core/testing/kith-sandbox';
import { createRecordingLogger } from '../core/testing/recording-logger';
import { createSandboxCore, type SandboxCore } from '../core/testing/sandbox-core';
import { MemoryDocumentStore } from '../core/testing/memory-document-store';
import { createNodeCipher } from './node-cipher';

let env: KithSandbox;
let dir: string;
let kith: SandboxCore | null = null;

beforeAll(async () => {
  env = await startKithSandbox({ autoConsent: false });
});
afterAll(async () => {
  await env.close();
});
beforeEach(async () => {
  await env.admin.reset();
  dir = await mkdtemp(path.join(tmpdir(), 'kith-reconnect-'));
});
afterEach(async () => {
  await kith?.core.close();
  kith = null;
  await rm(dir, { recursive: true, force: true });
});

const cipherIn = (folder: string) => createNodeCipher({ dataDir: folder, keyring: null, log: createRecordingLogger() });

/** The vault's entry for the account, as stored (base64 of the cipher's output). */
function vaultEntry(store: MemoryDocumentStore, accountId: string): string {
  return JSON.parse(store.raw('vault')!).entries[accountId];
}

/** Every token the sandbox still honours, each either held by Kith now or none at all. */
async function liveTokens() {
  return (await env.admin.tokens({ provider: 'google', status: 'active' })).map((t) => t.value);
}

describe('reconnecting an account whose saved sign-in cannot be read', () => {
  it('replaces the unreadable tokens, works, and leaves no live token Kith does not hold', async () => {
    const store = new MemoryDocumentStore();
    kith = await createSandboxCore(env, { store, cipher: cipherIn(dir) });
    const account = await kith.core.accounts.connect({ provider: 'google' });
    // Let the sync that follows a connect finish first: it read the tokens before they were spoiled.
    await kith.core.sync.run({ accountId: account.id });

    // Sealed with a key Kith no longer has (an older key file, another machine's key).
    const foreign = Buffer.from(await cipherIn(path.join(dir, 'elsewhere')).encrypt('{"accessToken":"x","accessTokenExpiresAt":null,"refreshToken":null,"scopes":[]}'));
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
    expect((await env.admin.grants({ provider: 'google' })).grants.every((g) => g.status === 'revoked')).toBe(true);
  });

  it('refuses to start a sign-in while the vault is locked, so the provider issues nothing', async () => {
    const store = new MemoryDocumentStore();
    kith = await createSandboxCore(env, { store, cipher: cipherIn(dir) });
    await kith.core.accounts.connect({ provider: 'google' });
    await kith.core.close();
    await rm(path.join(dir, 'vault.key'));
    const grantsBefore = (await env.admin.grants({ provider: 'google' })).grants.length;

    kith = await createSandboxCore(env, { store, cipher: cipherIn(dir) });
    await expect(kith.core.accounts.connect({ provider: 'google' })).rejects.toMatchObject({ code: 'E_VAULT_LOCKED', message: expect.stringContaining('is gone') });
    expect(kith.browser.opened).toEqual([]);
    expect((await env.admin.grants({ provider: 'google' })).grants).toHaveLength(grantsBefore);
  });

  it('revokes a new grant it could neither store nor queue', async () => {
    const real = cipherIn(dir);
    let failWrites = false;
    const failing: Cipher = {
      ...real,
      encrypt: (plaintext) => (failWrites ? Promise.reject(new KithError('E_STORAGE', 'The disk is full.')) : real.encrypt(plaintext)),
      decrypt: (blob) => real.decrypt(blob),
      protection: () => real.protection(),
      state: () => real.state(),
    };
    kith = await createSandboxCore(env, { cipher: failing });
    failWrites = true;
    await expect(kith.core.accounts.connect({ provider: 'google' })).rejects.toMatchObject({ code: 'E_STORAGE' });
    expect((await env.admin.grants({ provider: 'google' })).grants).toHaveLength(1);
    expect(await liveTokens()).toEqual([]);
    expect(await kith.core.accounts.list()).toEqual([]);
  });
});
