import { chmod, mkdtemp, readFile, rm, stat, writeFile, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRecordingLogger } from '../core/testing/recording-logger';
import { KEY_META_NAME } from './key-meta';
import { createNodeCipher, KEY_FILE_NAME, WEAK_KEY_FILE_ADVICE } from './node-cipher';
import { createOsKeyring, type Keyring } from './os-keyring';

const SECRET = 'ya29.a-token-that-must-never-be-on-disk-0123456789';

import { fakeKeyring, brokenKeyring } from './testing/fake-keyring';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'kith-cipher-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});
const keyFile = () => path.join(dir, KEY_FILE_NAME);
const exists = async (file: string) => stat(file).then(() => true, () => false);

describe('node cipher with a key file (no keyring)', () => {
  it('creates a 0600 key file, reports weak protection with plain advice, and round-trips', async () => {
    const log = createRecordingLogger();
    const cipher = createNodeCipher({ dataDir: dir, keyring: null, log });
    const blob = await cipher.encrypt(SECRET);
    expect(Buffer.from(blob).toString('latin1')).not.toContain('never-be-on-disk');
    expect(await cipher.decrypt(blob)).toEqual({ plaintext: SECRET, shouldReEncrypt: false });
    expect((await stat(keyFile())).mode & 0o777).toBe(0o600);
    const protection = await cipher.protection();
    expect(protection).toEqual({ level: 'weak', backend: `key file (${keyFile()})`, advice: WEAK_KEY_FILE_ADVICE });
    expect(protection.advice).toMatch(/anyone who can read your files can read them/);
    expect(protection.advice).toMatch(/GNOME Keyring or KWallet/);
    const key = (await readFile(keyFile(), 'utf8')).trim();
    expect(Buffer.from(key, 'base64')).toHaveLength(32);
    expect(log.text()).not.toContain(key);
  });

  it('uses a fresh IV for every message', async () => {
    const cipher = createNodeCipher({ dataDir: dir, keyring: null, log: createRecordingLogger() });
    const a = Buffer.from(await cipher.encrypt(SECRET));
    const b = Buffer.from(await cipher.encrypt(SECRET));
    expect(a.equals(b)).toBe(false);
    expect(a.subarray(9, 21).equals(b.subarray(9, 21))).toBe(false);
  });

  it('falls back to the key file when the keyring fails, and keeps using the same key next time', async () => {
    const log = createRecordingLogger();
    const first = createNodeCipher({ dataDir: dir, keyring: brokenKeyring, log });
    const blob = await first.encrypt(SECRET);
    expect((await first.protection()).level).toBe('weak');
    expect(log.text()).toContain('no OS keyring answered');
    const second = createNodeCipher({ dataDir: dir, keyring: brokenKeyring, log });
    expect((await second.decrypt(blob)).plaintext).toBe(SECRET);
  });

  it('makes a key file that others can read private again', async () => {
    await createNodeCipher({ dataDir: dir, keyring: null, log: createRecordingLogger() }).ready();
    await chmod(keyFile(), 0o644);
    const log = createRecordingLogger();
    await createNodeCipher({ dataDir: dir, keyring: null, log }).ready();
    expect((await stat(keyFile())).mode & 0o777).toBe(0o600);
    expect(log.text()).toContain('made it private');
  });

  it('refuses to replace a damaged key file, and says so in the protection report', async () => {
    await writeFile(keyFile(), 'not a key\n', { mode: 0o600 });
    const cipher = createNodeCipher({ dataDir: dir, keyring: null, log: createRecordingLogger() });
    await expect(cipher.encrypt('x')).rejects.toMatchObject({ code: 'E_VAULT_LOCKED', message: expect.stringContaining('damaged') });
    expect(await readFile(keyFile(), 'utf8')).toBe('not a key\n');
    expect(await cipher.protection()).toMatchObject({ level: 'weak', advice: expect.stringContaining('damaged') });
  });

  it('creates exactly one key when two processes start at once', async () => {
    const ciphers = [0, 1, 2, 3].map(() => createNodeCipher({ dataDir: dir, keyring: null, log: createRecordingLogger() }));
    const blobs = await Promise.all(ciphers.map((c) => c.encrypt(SECRET)));
    for (const cipher of ciphers) for (const blob of blobs) expect((await cipher.decrypt(blob)).plaintext).toBe(SECRET);
    expect((await readdir(dir)).filter((f) => f !== KEY_FILE_NAME && f !== KEY_META_NAME)).toEqual([]);
  });
});

describe('node cipher with an OS keyring', () => {
  it('keeps a new key in the keyring, writes no key file, and reports strong protection', async () => {
    const keyring = fakeKeyring();
    const log = createRecordingLogger();
    const cipher = createNodeCipher({ dataDir: dir, keyring, log });
    const blob = await cipher.encrypt(SECRET);
    expect(await cipher.protection()).toEqual({ level: 'strong', backend: 'Test keyring', advice: null });
    expect(Buffer.from(keyring.value!, 'base64')).toHaveLength(32);
    expect(await exists(keyFile())).toBe(false);
    expect((await cipher.decrypt(blob)).plaintext).toBe(SECRET);
    expect(log.text()).not.toContain(keyring.value!);
    // The same keyring key decrypts after a restart.
    expect((await createNodeCipher({ dataDir: dir, keyring, log }).decrypt(blob)).plaintext).toBe(SECRET);
    expect(keyring.sets).toBe(1);
  });

  it('moves an existing key file into an empty keyring, keeping old data readable', async () => {
    const before = createNodeCipher({ dataDir: dir, keyring: null, log: createRecordingLogger() });
    const blob = await before.encrypt(SECRET);
    const fileKey = (await readFile(keyFile(), 'utf8')).trim();
    const keyring = fakeKeyring();
    const after = createNodeCipher({ dataDir: dir, keyring, log: createRecordingLogger() });
    expect(await after.decrypt(blob)).toEqual({ plaintext: SECRET, shouldReEncrypt: false });
    expect(keyring.value).toBe(fileKey);
    expect(await exists(keyFile())).toBe(false);
    expect((await after.protection()).level).toBe('strong');
  });

  it('reads data sealed with a leftover key file and asks for it to be re-encrypted with the keyring key', async () => {
    const keyring = fakeKeyring(Buffer.alloc(32, 7).toString('base64'));
    const fromFile = await createNodeCipher({ dataDir: dir, keyring: brokenKeyring, log: createRecordingLogger() }).encrypt(SECRET);
    const cipher = createNodeCipher({ dataDir: dir, keyring, log: createRecordingLogger() });
    expect(await cipher.decrypt(fromFile)).toEqual({ plaintext: SECRET, shouldReEncrypt: true });
    const fresh = await cipher.encrypt(SECRET);
    expect(await cipher.decrypt(fresh)).toEqual({ plaintext: SECRET, shouldReEncrypt: false });
  });

  it('falls back to the key file when the keyring does not keep what it is given', async () => {
    const forgetful: Keyring = { label: 'Forgetful', get: async () => null, set: async () => {}, delete: async () => {}, withAccount: () => forgetful };
    const cipher = createNodeCipher({ dataDir: dir, keyring: forgetful, log: createRecordingLogger() });
    await cipher.ready();
    expect((await cipher.protection()).level).toBe('weak');
    expect(await exists(keyFile())).toBe(true);
  });

  it('does not fall back to a key file when the keyring that holds the key stops answering', async () => {
    const keyring = fakeKeyring();
    const blob = await createNodeCipher({ dataDir: dir, keyring, log: createRecordingLogger() }).encrypt(SECRET);
    expect(await exists(path.join(dir, KEY_META_NAME))).toBe(true);
    expect(await readFile(path.join(dir, KEY_META_NAME), 'utf8')).not.toContain(keyring.value!);

    const locked: Keyring = { ...brokenKeyring, label: 'Test keyring' };
    const meanwhile = createNodeCipher({ dataDir: dir, keyring: locked, log: createRecordingLogger() });
    await expect(meanwhile.encrypt(SECRET)).rejects.toMatchObject({ code: 'E_VAULT_LOCKED', message: expect.stringMatching(/Test keyring, which did not answer.*Unlock it/) });
    expect(await meanwhile.protection()).toMatchObject({ level: 'weak', advice: expect.stringContaining('Unlock it') });
    expect(await exists(keyFile())).toBe(false);

    const unlocked = createNodeCipher({ dataDir: dir, keyring, log: createRecordingLogger() });
    expect((await unlocked.decrypt(blob)).plaintext).toBe(SECRET);
  });

  it('refuses a damaged keyring entry instead of replacing it', async () => {
    const keyring = fakeKeyring('garbage');
    const cipher = createNodeCipher({ dataDir: dir, keyring, log: createRecordingLogger() });
    await expect(cipher.encrypt('x')).rejects.toMatchObject({ code: 'E_VAULT_LOCKED' });
    expect(keyring.value).toBe('garbage');
  });
});

describe('node cipher decrypting bad data', () => {
  it('answers E_STORAGE for tampered, truncated, foreign-key and unknown-version blobs', async () => {
    const cipher = createNodeCipher({ dataDir: dir, keyring: fakeKeyring(), log: createRecordingLogger() });
    const blob = Buffer.from(await cipher.encrypt(SECRET));
    const flipped = (i: number) => {
      const copy = Buffer.from(blob);
      copy[i] = (copy[i] ?? 0) ^ 0x01;
      return new Uint8Array(copy);
    };
    await expect(cipher.decrypt(flipped(blob.length - 20))).rejects.toMatchObject({ code: 'E_STORAGE', message: expect.stringMatching(/integrity/) }); // body
    await expect(cipher.decrypt(flipped(blob.length - 1))).rejects.toMatchObject({ code: 'E_STORAGE' }); // tag
    await expect(cipher.decrypt(flipped(10))).rejects.toMatchObject({ code: 'E_STORAGE' }); // IV
    await expect(cipher.decrypt(flipped(3))).rejects.toMatchObject({ code: 'E_STORAGE', message: expect.stringMatching(/different key/) }); // key id
    await expect(cipher.decrypt(flipped(0))).rejects.toMatchObject({ code: 'E_STORAGE', message: expect.stringMatching(/format/) }); // version
    await expect(cipher.decrypt(new Uint8Array(blob.subarray(0, 30)))).rejects.toMatchObject({ code: 'E_STORAGE' });
    const other = createNodeCipher({ dataDir: path.join(dir, 'other'), keyring: fakeKeyring(), log: createRecordingLogger() });
    await expect(other.decrypt(new Uint8Array(blob))).rejects.toMatchObject({ code: 'E_STORAGE' });
  });
});

describe('the real OS keyring here', () => {
  const headlessLinux = process.platform === 'linux' && !process.env.DBUS_SESSION_BUS_ADDRESS;
  it.runIf(headlessLinux)('rejects (rather than hanging or using the kernel keyring) where no Secret Service runs', async () => {
    const keyring = createOsKeyring({ service: 'Kith-test', account: 'probe', timeoutMs: 2_000 });
    expect(keyring.label).toBe('OS keyring (Secret Service)');
    await expect(keyring.get()).rejects.toThrow();
  });
});
