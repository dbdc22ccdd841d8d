// The vault as the host wires it (conf documents + the real node cipher; a fake
// keyring where no Secret Service runs) when its key goes away: it opens locked,
// says why, changes nothing on disk, and opens again once the key is back.
import { mkdtemp, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TypedDocumentStore } from '../core/storage/typed-document-store';
import { createRecordingLogger } from '../core/testing/recording-logger';
import { TokenVault } from '../core/vault/token-vault';
import { createConfDocumentStore } from './conf-document-store';
import { KEY_META_NAME } from './key-meta';
import { createNodeCipher, KEY_FILE_NAME } from './node-cipher';
import type { Keyring } from './os-keyring';
import { fakeKeyring } from './testing/fake-keyring';

const ACCOUNT = 'acc_lockTest00001';
const TOKENS = { accessToken: 'ya29.lock-test-access-0123456789', accessTokenExpiresAt: null, refreshToken: '1//lock-test-refresh-0123', scopes: ['email'] };

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'kith-vault-lock-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function open(keyring: Keyring | null) {
  const log = createRecordingLogger();
  const store = await createConfDocumentStore({ dir, log });
  const cipher = createNodeCipher({ dataDir: dir, keyring, log });
  return { cipher, log, vault: new TokenVault({ documents: new TypedDocumentStore(store, log), cipher, log }) };
}

/** Every file's name and bytes, to show that a locked vault changed nothing. */
async function snapshot(): Promise<Record<string, string>> {
  const names = (await readdir(dir)).sort();
  return Object.fromEntries(await Promise.all(names.map(async (n) => [n, (await readFile(path.join(dir, n))).toString('base64')] as const)));
}

async function expectLocked(keyring: Keyring | null, reason: string, words: RegExp) {
  const before = await snapshot();
  const { cipher, vault, log } = await open(keyring);
  expect(await cipher.state()).toMatchObject({ state: 'locked', reason, message: expect.stringMatching(words) });
  await expect(vault.get(ACCOUNT)).rejects.toMatchObject({ code: 'E_VAULT_LOCKED', message: expect.stringMatching(words) });
  await expect(vault.put('acc_lockTest00002', TOKENS)).rejects.toMatchObject({ code: 'E_VAULT_LOCKED' });
  expect(await snapshot()).toEqual(before);
  expect(log.text()).not.toContain('lock-test');
  return cipher;
}

async function expectRestored(keyring: Keyring | null) {
  const { cipher, vault } = await open(keyring);
  expect(await vault.get(ACCOUNT)).toEqual(TOKENS);
  expect(await cipher.state()).toMatchObject({ state: 'open', reason: null });
}

describe('a vault whose key went away opens locked and never makes a new key', () => {
  it('key file deleted: locked as key-missing; putting the file back restores everything', async () => {
    await (await open(null)).vault.put(ACCOUNT, TOKENS);
    await rename(path.join(dir, KEY_FILE_NAME), path.join(dir, '..', `${path.basename(dir)}.key-backup`));
    await expectLocked(null, 'key-missing', /key file .*vault\.key.* is gone.*did not make a new one/);
    await rename(path.join(dir, '..', `${path.basename(dir)}.key-backup`), path.join(dir, KEY_FILE_NAME));
    await expectRestored(null);
  });

  it('key file replaced: locked as key-changed, the replacement left alone; the original restores everything', async () => {
    await (await open(null)).vault.put(ACCOUNT, TOKENS);
    const original = await readFile(path.join(dir, KEY_FILE_NAME), 'utf8');
    await writeFile(path.join(dir, KEY_FILE_NAME), `${Buffer.alloc(32, 9).toString('base64')}\n`, { mode: 0o600 });
    await expectLocked(null, 'key-changed', /holds a different key.*replaced/);
    await writeFile(path.join(dir, KEY_FILE_NAME), original, { mode: 0o600 });
    await expectRestored(null);
  });

  it('data from before key records existed, key file gone: still locked (the sealed data is seen)', async () => {
    await (await open(null)).vault.put(ACCOUNT, TOKENS);
    const key = await readFile(path.join(dir, KEY_FILE_NAME), 'utf8');
    await rm(path.join(dir, KEY_META_NAME));
    await rm(path.join(dir, KEY_FILE_NAME));
    await expectLocked(null, 'key-missing', /is gone/);
    await writeFile(path.join(dir, KEY_FILE_NAME), key, { mode: 0o600 });
    await expectRestored(null);
  });

  it('keyring entry deleted: locked as key-missing, no new entry made; putting it back restores everything', async () => {
    const keyring = fakeKeyring();
    await (await open(keyring)).vault.put(ACCOUNT, TOKENS);
    const key = keyring.value;
    keyring.value = null;
    await expectLocked(keyring, 'key-missing', /Test keyring no longer holds Kith's key/);
    expect(keyring.value).toBeNull();
    keyring.value = key;
    await expectRestored(keyring);
  });

  it('keyring entry replaced: locked as key-changed, the entry left as found', async () => {
    const keyring = fakeKeyring();
    await (await open(keyring)).vault.put(ACCOUNT, TOKENS);
    const key = keyring.value;
    keyring.value = Buffer.alloc(32, 4).toString('base64');
    await expectLocked(keyring, 'key-changed', /holds a different Kith key/);
    expect(keyring.value).toBe(Buffer.alloc(32, 4).toString('base64'));
    keyring.value = key;
    await expectRestored(keyring);
  });

  it('keyring locked: locked as keyring-unavailable (unlockable), no key file made; unlocking restores everything', async () => {
    const keyring = fakeKeyring();
    await (await open(keyring)).vault.put(ACCOUNT, TOKENS);
    keyring.locked = true;
    const cipher = await expectLocked(keyring, 'keyring-unavailable', /did not answer.*Unlock it/);
    expect(await cipher.state()).toMatchObject({ canUnlock: true, protector: 'keyring' });
    keyring.locked = false;
    // The same running process opens once the keyring answers: each call tries again.
    expect(await cipher.state()).toMatchObject({ state: 'open' });
    await expectRestored(keyring);
  });

  it('keyring turned off (KITH_KEYRING=none) after the key went there: locked, no weak key file made', async () => {
    const keyring = fakeKeyring();
    await (await open(keyring)).vault.put(ACCOUNT, TOKENS);
    await expectLocked(null, 'keyring-unavailable', /keyring is turned off/);
    await expectRestored(keyring);
  });

  it('a fresh folder still gets a new key at once (nothing is sealed yet)', async () => {
    const { cipher } = await open(null);
    expect(await cipher.state()).toMatchObject({ state: 'open', protector: 'key-file' });
    expect((await readdir(dir)).sort()).toEqual([KEY_FILE_NAME, KEY_META_NAME]);
  });

  it('starting over with a keyring leaves the old entry as it was and puts the new key under a new name', async () => {
    const keyring = fakeKeyring();
    await (await open(keyring)).vault.put(ACCOUNT, TOKENS);
    const old = keyring.value;
    keyring.value = null;
    const { cipher } = await open(keyring);
    expect(await cipher.state()).toMatchObject({ state: 'locked', reason: 'key-missing' });
    keyring.value = old; // found again after all: it must still be there after the start-over
    const moved = await cipher.reset();
    expect(moved).toEqual([expect.stringMatching(/^vault\.keymeta\.old-\d+$/)]);
    expect(keyring.value).toBe(old);
    expect([...keyring.entries.keys()]).toEqual(['vault-key', expect.stringMatching(/^vault-key-\d+$/)]);
    expect(await cipher.state()).toMatchObject({ state: 'open', protector: 'keyring' });
    const reopened = await open(keyring);
    await reopened.vault.put('acc_lockTest00002', TOKENS);
    expect(await reopened.vault.get('acc_lockTest00002')).toEqual(TOKENS);
  });
});
