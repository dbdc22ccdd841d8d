// The passphrase protector over the real node cipher (scrypt at a cheap cost so
// the test is quick; the stored parameters say which): set, restart locked,
// wrong then right passphrase, change, and moves between protectors — the
// sealed data never changes, only the wrapping of its key.
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
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

const ACCOUNT = 'acc_passTest00001';
const TOKENS = { accessToken: 'ya29.pass-test-access-0123456789', accessTokenExpiresAt: null, refreshToken: null, scopes: ['email'] };
const CHEAP = { N: 1024, r: 8, p: 1 };

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'kith-passphrase-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function open(keyring: Keyring | null = null, scryptCost = CHEAP) {
  const log = createRecordingLogger();
  const waits: number[] = [];
  const store = await createConfDocumentStore({ dir, log });
  const cipher = createNodeCipher({ dataDir: dir, keyring, log, scryptCost, sleep: async (ms) => void waits.push(ms) });
  return { cipher, log, waits, vault: new TokenVault({ documents: new TypedDocumentStore(store, log), cipher, log }) };
}
const meta = async () => JSON.parse(await readFile(path.join(dir, KEY_META_NAME), 'utf8'));

describe('a passphrase-protected vault', () => {
  it('locks at start until the right passphrase, answers wrong ones with a growing delay, and keeps the key off the disk', async () => {
    const first = await open();
    await first.vault.put(ACCOUNT, TOKENS);
    const sealed = await readFile(path.join(dir, 'vault.json'), 'utf8');
    expect(await first.cipher.moveKey({ protector: 'passphrase', passphrase: 'correct horse battery staple' })).toMatchObject({ state: 'open', protector: 'passphrase' });
    expect(await first.cipher.protection()).toMatchObject({ level: 'strong', backend: 'passphrase (scrypt)' });
    expect(await readdir(dir)).not.toContain(KEY_FILE_NAME);
    expect(await meta()).toMatchObject({ protector: 'passphrase', kdf: { name: 'scrypt', N: 1024, r: 8, p: 1 } });

    const later = await open();
    expect(await later.cipher.state()).toMatchObject({ state: 'locked', reason: 'passphrase-required', canUnlock: true });
    await expect(later.vault.get(ACCOUNT)).rejects.toMatchObject({ code: 'E_VAULT_LOCKED' });
    await expect(later.cipher.unlock('wrong')).rejects.toMatchObject({ code: 'E_WRONG_PASSPHRASE', message: expect.stringMatching(/not the passphrase.*waits 1 s/) });
    await expect(later.cipher.unlock('wrong again')).rejects.toMatchObject({ message: expect.stringContaining('waits 2 s') });
    // The count survives a restart: a new process per guess waits as long.
    const restarted = await open();
    await expect(restarted.cipher.unlock('third wrong')).rejects.toMatchObject({ message: expect.stringContaining('waits 4 s') });
    expect(restarted.waits).toEqual([2000]);
    await expect(later.cipher.unlock('correct horse battery staple')).resolves.toMatchObject({ state: 'open' });
    expect(later.waits).toEqual([1000, 4000]);
    expect(await readdir(dir)).not.toContain('vault.attempts');
    expect(await later.vault.get(ACCOUNT)).toEqual(TOKENS);
    expect(await readFile(path.join(dir, 'vault.json'), 'utf8')).toBe(sealed);
    expect(later.log.text()).not.toContain('correct horse');
    expect(JSON.stringify(await meta())).not.toContain('correct horse');
    // Idle auto-lock forgets the key again.
    later.cipher.lock();
    expect(await later.cipher.state()).toMatchObject({ state: 'locked', reason: 'passphrase-required' });
  });

  it('a change rewraps only the data key: the old passphrase stops working, the sealed data is untouched', async () => {
    const first = await open();
    await first.vault.put(ACCOUNT, TOKENS);
    await first.cipher.moveKey({ protector: 'passphrase', passphrase: 'first passphrase' });
    const keyId = (await meta()).keyId;
    const sealed = await readFile(path.join(dir, 'vault.json'), 'utf8');
    await expect(first.cipher.moveKey({ protector: 'passphrase', passphrase: 'second passphrase' })).rejects.toMatchObject({ code: 'E_WRONG_PASSPHRASE' });
    await expect(first.cipher.moveKey({ protector: 'passphrase', passphrase: 'second passphrase', currentPassphrase: 'not it' })).rejects.toMatchObject({
      code: 'E_WRONG_PASSPHRASE',
    });
    await first.cipher.moveKey({ protector: 'passphrase', passphrase: 'second passphrase', currentPassphrase: 'first passphrase' });
    expect((await meta()).keyId).toBe(keyId);
    const later = await open();
    await expect(later.cipher.unlock('first passphrase')).rejects.toMatchObject({ code: 'E_WRONG_PASSPHRASE' });
    await later.cipher.unlock('second passphrase');
    expect(await later.vault.get(ACCOUNT)).toEqual(TOKENS);
    expect(await readFile(path.join(dir, 'vault.json'), 'utf8')).toBe(sealed);
  });

  it('raises stored scrypt parameters weaker than today’s at the next unlock', async () => {
    const first = await open();
    await first.vault.put(ACCOUNT, TOKENS);
    await first.cipher.moveKey({ protector: 'passphrase', passphrase: 'upgrade me' });
    const stronger = await open(null, { N: 2048, r: 8, p: 1 });
    await stronger.cipher.unlock('upgrade me');
    expect((await meta()).kdf.N).toBe(2048);
    const again = await open(null, { N: 2048, r: 8, p: 1 });
    await again.cipher.unlock('upgrade me');
    expect(await again.vault.get(ACCOUNT)).toEqual(TOKENS);
  });

  it('moves key file → keyring → passphrase → keyring, and with no keyring back to a key file, reporting each level', async () => {
    await (await open()).vault.put(ACCOUNT, TOKENS);
    const keyring = fakeKeyring();
    const inKeyring = await open(keyring);
    expect(await inKeyring.cipher.state()).toMatchObject({ state: 'open', protector: 'keyring' });
    expect(await inKeyring.cipher.protection()).toMatchObject({ level: 'strong', backend: 'Test keyring' });
    await inKeyring.cipher.moveKey({ protector: 'passphrase', passphrase: 'moving around' });
    expect(keyring.value).toBeNull();
    const back = await open(keyring);
    await back.cipher.unlock('moving around');
    expect(await back.cipher.moveKey({ protector: 'keyring', currentPassphrase: 'moving around' })).toMatchObject({ state: 'open', protector: 'keyring' });
    expect(await (await open(keyring)).vault.get(ACCOUNT)).toEqual(TOKENS);

    await (await open(keyring)).cipher.moveKey({ protector: 'passphrase', passphrase: 'to a file' });
    const noKeyring = await open(null);
    await noKeyring.cipher.unlock('to a file');
    await expect(noKeyring.cipher.moveKey({ protector: 'keyring', currentPassphrase: 'to a file' })).rejects.toMatchObject({ code: 'E_STORAGE' });
    expect(await noKeyring.cipher.protectors()).toContainEqual({ protector: 'keyring', available: false, level: 'strong' });
    expect(await noKeyring.cipher.moveKey({ protector: 'key-file', currentPassphrase: 'to a file' })).toMatchObject({ state: 'open', protector: 'key-file' });
    expect(await noKeyring.cipher.protection()).toMatchObject({ level: 'weak' });
    expect(await (await open(null)).vault.get(ACCOUNT)).toEqual(TOKENS);
  });
});
