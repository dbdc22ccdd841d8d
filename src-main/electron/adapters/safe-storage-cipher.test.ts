import { describe, expect, it } from 'vitest';
import { createRecordingLogger } from '../../core/testing/recording-logger';
import { MemoryDocumentStore } from '../../core/testing/memory-document-store';
import { TypedDocumentStore } from '../../core/storage/typed-document-store';
import { TokenVault } from '../../core/vault/token-vault';
import { fakeSafeStorage } from '../testing/fake-safe-storage';
import { createSafeStorageCipher, safeStorageProtection, WEAK_BASIC_TEXT_ADVICE } from './safe-storage-cipher';

const SECRET = '1//0gElectronRefreshToken-0123456789';

describe('safeStorage cipher', () => {
  it('round-trips through the async API and never returns plaintext as ciphertext', async () => {
    const cipher = createSafeStorageCipher(fakeSafeStorage(), createRecordingLogger(), 'linux');
    const blob = await cipher.encrypt(SECRET);
    expect(Buffer.from(blob).toString('latin1')).not.toContain('ElectronRefreshToken');
    expect(await cipher.decrypt(blob)).toEqual({ plaintext: SECRET, shouldReEncrypt: false });
  });

  it('passes on shouldReEncrypt, and the vault rewrites the entry with the new key', async () => {
    const safeStorage = fakeSafeStorage();
    const log = createRecordingLogger();
    const cipher = createSafeStorageCipher(safeStorage, log, 'linux');
    const store = new MemoryDocumentStore();
    const vault = new TokenVault({ documents: new TypedDocumentStore(store, log), cipher, log });
    const tokens = { accessToken: 'ya29.x', accessTokenExpiresAt: null, refreshToken: SECRET, scopes: [] };
    await vault.put('acc_electron0001', tokens);
    safeStorage.state.generation = 2; // the OS rotated the key
    const blob = Buffer.from(JSON.parse(store.raw('vault')!).entries.acc_electron0001, 'base64');
    expect((await cipher.decrypt(new Uint8Array(blob))).shouldReEncrypt).toBe(true);
    expect(await vault.get('acc_electron0001')).toEqual(tokens);
    const rewritten = Buffer.from(JSON.parse(store.raw('vault')!).entries.acc_electron0001, 'base64');
    expect(rewritten.toString('latin1').startsWith('v2:')).toBe(true);
  });

  it('answers E_STORAGE, without the secret, for data it cannot decrypt', async () => {
    const log = createRecordingLogger();
    const cipher = createSafeStorageCipher(fakeSafeStorage(), log, 'linux');
    await expect(cipher.decrypt(new TextEncoder().encode('tampered'))).rejects.toMatchObject({ code: 'E_STORAGE' });
    expect(log.text()).toContain('could not decrypt');
  });

  it('refuses to work while encryption is unavailable, and recovers when it becomes available', async () => {
    const safeStorage = fakeSafeStorage();
    safeStorage.state.available = false;
    const cipher = createSafeStorageCipher(safeStorage, createRecordingLogger(), 'linux');
    await expect(cipher.encrypt(SECRET)).rejects.toMatchObject({ code: 'E_STORAGE', message: expect.stringContaining('not available') });
    expect(safeStorage.state.encryptCalls).toBe(0);
    safeStorage.state.available = true;
    await expect(cipher.encrypt(SECRET)).resolves.toBeInstanceOf(Uint8Array);
  });

  it('reports weak protection with plain advice for basic_text, strong for a real keyring', async () => {
    expect(await createSafeStorageCipher(fakeSafeStorage('basic_text'), createRecordingLogger(), 'linux').protection()).toEqual({
      level: 'weak',
      backend: 'safeStorage (basic_text)',
      advice: WEAK_BASIC_TEXT_ADVICE,
    });
    expect(WEAK_BASIC_TEXT_ADVICE).toMatch(/anyone who can read your files can read them/);
    expect(await createSafeStorageCipher(fakeSafeStorage('kwallet6'), createRecordingLogger(), 'linux').protection()).toMatchObject({ level: 'strong', advice: null });
    expect(safeStorageProtection(fakeSafeStorage('gnome_libsecret'), 'linux')).toMatchObject({ level: 'strong', backend: expect.stringContaining('GNOME') });
    expect(safeStorageProtection(fakeSafeStorage('unknown'), 'linux')).toMatchObject({ level: 'weak' });
    // The backend question is Linux-only; elsewhere safeStorage uses the OS store.
    expect(safeStorageProtection(fakeSafeStorage('basic_text'), 'darwin')).toMatchObject({ level: 'strong', backend: expect.stringContaining('Keychain') });
    expect(safeStorageProtection(fakeSafeStorage('basic_text'), 'win32')).toMatchObject({ level: 'strong', backend: expect.stringContaining('DPAPI') });
  });
});

describe('safeStorage cipher: the Linux backend that sealed the data', () => {
  it('is recorded at the first seal; under another backend Kith opens locked, changes nothing, and opens again once it is back', async () => {
    const { mkdtemp, readdir, readFile, rm } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const path = await import('node:path');
    const dataDir = await mkdtemp(path.join(tmpdir(), 'kith-backend-'));
    try {
      const storage = fakeSafeStorage('gnome_libsecret');
      const log = createRecordingLogger();
      const first = createSafeStorageCipher(storage, log, 'linux', { dataDir });
      const blob = await first.encrypt(SECRET);
      expect(JSON.parse(await readFile(path.join(dataDir, 'safe-storage.backend'), 'utf8'))).toMatchObject({ backend: 'gnome_libsecret' });

      storage.state.backend = 'basic_text';
      const changed = createSafeStorageCipher(storage, log, 'linux', { dataDir });
      expect(await changed.state?.()).toMatchObject({ state: 'locked', reason: 'backend-changed', protector: 'safe-storage', message: expect.stringContaining('gnome_libsecret') });
      await expect(changed.decrypt(blob)).rejects.toMatchObject({ code: 'E_VAULT_LOCKED' });
      await expect(changed.encrypt('other')).rejects.toMatchObject({ code: 'E_VAULT_LOCKED' });
      expect(await changed.protection()).toMatchObject({ level: 'weak', backend: 'safeStorage (basic_text)' });
      expect(JSON.parse(await readFile(path.join(dataDir, 'safe-storage.backend'), 'utf8'))).toMatchObject({ backend: 'gnome_libsecret' });
      expect(await readdir(dataDir)).toEqual(['safe-storage.backend']);

      storage.state.backend = 'gnome_libsecret';
      const back = createSafeStorageCipher(storage, log, 'linux', { dataDir });
      expect(await back.state?.()).toMatchObject({ state: 'open' });
      expect((await back.decrypt(blob)).plaintext).toBe(SECRET);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it('a keyring that does not answer is a lock the person can lift', async () => {
    const storage = fakeSafeStorage();
    storage.state.available = false;
    const cipher = createSafeStorageCipher(storage, createRecordingLogger(), 'linux');
    expect(await cipher.state?.()).toMatchObject({ state: 'locked', reason: 'keyring-unavailable', canUnlock: true });
    storage.state.available = true;
    expect(await cipher.state?.()).toMatchObject({ state: 'open' });
  });
});
