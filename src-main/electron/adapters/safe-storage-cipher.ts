// The Electron shell's Cipher: Electron's safeStorage (Keychain on macOS, DPAPI
// on Windows, the Secret Service or KWallet on Linux), through its async API
// only (the sync one is deprecated in Electron 45 and removed in 46). Written
// against a structural interface so it is unit-tested without Electron.
import { KithError } from '../../../src-contract/kith-api';
import type { Cipher, Logger, Protection, VaultState } from '../../core/ports';
import { VaultLockedError } from '../../core/vault/vault-locked';
import { readBackendRecord, writeBackendRecord } from './safe-storage-backend';

/** The part of Electron's `safeStorage` this adapter uses. */
export interface SafeStorageLike {
  isAsyncEncryptionAvailable(): Promise<boolean>;
  encryptStringAsync(plainText: string): Promise<Buffer>;
  decryptStringAsync(encrypted: Buffer): Promise<{ result: string; shouldReEncrypt: boolean }>;
  /** Linux only. */
  getSelectedStorageBackend(): string;
}

export const WEAK_BASIC_TEXT_ADVICE =
  'No keyring was found, so your tokens are encrypted with a fixed key built into Electron: anyone who can read your files can read them. ' +
  'Install or unlock a keyring such as GNOME Keyring or KWallet (any Secret Service keyring) and restart Kith.';

const UNKNOWN_BACKEND_ADVICE =
  'Kith could not tell which password store protects your tokens. If this persists, install or unlock a keyring such as GNOME Keyring or KWallet and restart Kith.';

const LINUX_BACKEND_NAMES: Record<string, string> = {
  gnome_libsecret: 'GNOME Keyring / Secret Service',
  kwallet: 'KWallet',
  kwallet5: 'KWallet 5',
  kwallet6: 'KWallet 6',
};

export function safeStorageProtection(safeStorage: Pick<SafeStorageLike, 'getSelectedStorageBackend'>, platform: NodeJS.Platform): Protection {
  if (platform === 'darwin') return { level: 'strong', backend: 'safeStorage (macOS Keychain)', advice: null };
  if (platform === 'win32') return { level: 'strong', backend: 'safeStorage (Windows DPAPI)', advice: null };
  const backend = safeStorage.getSelectedStorageBackend();
  if (backend === 'basic_text') return { level: 'weak', backend: 'safeStorage (basic_text)', advice: WEAK_BASIC_TEXT_ADVICE };
  const name = LINUX_BACKEND_NAMES[backend];
  if (name) return { level: 'strong', backend: `safeStorage (${name})`, advice: null };
  // 'unknown' means asked before the app was ready; never call that strong.
  return { level: 'weak', backend: `safeStorage (${backend})`, advice: UNKNOWN_BACKEND_ADVICE };
}

export interface SafeStorageCipherOptions {
  /** Where the Linux backend is recorded (safe-storage-backend.ts); without it nothing is recorded. */
  dataDir?: string;
  now?: () => number;
}

export function createSafeStorageCipher(safeStorage: SafeStorageLike, log: Logger, platform: NodeJS.Platform = process.platform, options: SafeStorageCipherOptions = {}): Cipher {
  let available: Promise<boolean> | null = null;
  let recorded = false;
  /** On Linux: the backend in use must be the one that sealed the data; the first seal records it. */
  const checkBackend = async (sealing: boolean) => {
    if (platform !== 'linux' || !options.dataDir || recorded) return;
    const current = safeStorage.getSelectedStorageBackend();
    const before = await readBackendRecord(options.dataDir);
    if (before !== null && before !== current) {
      throw new VaultLockedError(
        'backend-changed',
        `Kith's data was sealed by the ${before} password store, but Electron is now using ${current}, which cannot read it. Nothing was deleted or overwritten: start Kith where ${before} is available again (the same desktop session, its keyring running), or start over.`,
        'safe-storage',
      );
    }
    if (before === null && !sealing) return;
    if (before === null) await writeBackendRecord(options.dataDir, current, (options.now ?? Date.now)());
    recorded = true;
  };
  const ensureAvailable = async () => {
    available ??= safeStorage.isAsyncEncryptionAvailable().catch(() => false);
    if (!(await available)) {
      available = null; // ask again next time: the keyring may have been unlocked meanwhile
      throw new KithError('E_STORAGE', 'Encryption is not available yet (the system keyring did not answer), so Kith cannot read or save sign-ins. Unlock your keyring and try again.');
    }
  };

  return {
    async encrypt(plaintext) {
      await ensureAvailable();
      await checkBackend(true);
      try {
        return new Uint8Array(await safeStorage.encryptStringAsync(plaintext));
      } catch (error) {
        log.error('safeStorage could not encrypt', { reason: reasonOf(error) });
        throw new KithError('E_STORAGE', 'Kith could not encrypt a secret with the system keyring.');
      }
    },
    async decrypt(ciphertext) {
      await ensureAvailable();
      await checkBackend(false);
      try {
        const { result, shouldReEncrypt } = await safeStorage.decryptStringAsync(Buffer.from(ciphertext));
        return { plaintext: result, shouldReEncrypt };
      } catch (error) {
        log.error('safeStorage could not decrypt', { reason: reasonOf(error) });
        throw new KithError(
          'E_STORAGE',
          'Kith could not decrypt saved data: it was changed, or it was encrypted by another user account or keyring.',
        );
      }
    },
    async protection() {
      try {
        await safeStorage.isAsyncEncryptionAvailable(); // the backend is only known once the encryptor is initialised
      } catch {
        // Reported below as unknown/weak.
      }
      return safeStorageProtection(safeStorage, platform);
    },
    async state(): Promise<VaultState> {
      try {
        if (!(await safeStorage.isAsyncEncryptionAvailable().catch(() => false))) {
          const message = 'The system keyring did not answer, so Kith cannot read or save sign-ins. Unlock your keyring, then try again.';
          return { state: 'locked', reason: 'keyring-unavailable', message, canUnlock: true, protector: 'safe-storage' };
        }
        await checkBackend(false);
        return { state: 'open', reason: null, message: null, canUnlock: false, protector: 'safe-storage' };
      } catch (error) {
        if (error instanceof VaultLockedError) return error.toState();
        throw error;
      }
    },
  };
}

function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message.slice(0, 300) : String(error).slice(0, 300);
}
