// The Electron shell's Cipher: Electron's safeStorage (Keychain on macOS, DPAPI
// on Windows, the Secret Service or KWallet on Linux), through its async API
// only (the sync one is deprecated in Electron 45 and removed in 46). Written
// against a structural interface so it is unit-tested without Electron.
import { KithError } from '../../../src-contract/kith-api';
import type { Cipher, Logger, Protection } from '../../core/ports';

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

export function createSafeStorageCipher(safeStorage: SafeStorageLike, log: Logger, platform: NodeJS.Platform = process.platform): Cipher {
  let available: Promise<boolean> | null = null;
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
      try {
        return new Uint8Array(await safeStorage.encryptStringAsync(plaintext));
      } catch (error) {
        log.error('safeStorage could not encrypt', { reason: reasonOf(error) });
        throw new KithError('E_STORAGE', 'Kith could not encrypt a secret with the system keyring.');
      }
    },
    async decrypt(ciphertext) {
      await ensureAvailable();
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
  };
}

function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message.slice(0, 300) : String(error).slice(0, 300);
}
