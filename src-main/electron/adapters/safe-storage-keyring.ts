// Electron's safeStorage as the node cipher's keyring (os-keyring.ts's
// interface): the data key, encrypted by safeStorage, kept in a small 0600
// file beside the data, one per entry name as a keyring keeps one entry per
// account. Over it the desktop app has what the host shell has: one data key
// for everything, a passphrase in its place, moves that rewrap only the key,
// a changed backend told apart from a lost key.
//
// On Linux, safeStorage's basic_text store (no keyring found: a fixed key
// built into Electron, so anyone who can read the files can read them) and a
// store it cannot name are refused as a keyring that does not answer: the
// cipher then keeps the key in a key file, reported as weak, and offers a
// passphrase, and moves the key into safeStorage once a real keyring answers.
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../../node/atomic-write';
import type { Keyring } from '../../node/os-keyring';
import { parseJsonOrNull } from '../../node/parse-json-or-null';
import { safeStorageProtection, type SafeStorageLike } from './safe-storage-cipher';

const EntrySchema = z.object({ version: z.literal(1), backend: z.string().max(100), sealed: z.string().min(1) }).strict();

export interface SafeStorageKeyringOptions {
  dataDir: string;
  platform?: NodeJS.Platform;
}

/** The file that keeps one entry: `<account>.safe-storage` in the data folder. */
export function safeStorageEntryFile(dataDir: string, account: string): string {
  return path.join(dataDir, `${account}.safe-storage`);
}

export function createSafeStorageKeyring(safeStorage: SafeStorageLike, options: SafeStorageKeyringOptions, account = 'vault-key'): Keyring {
  const platform = options.platform ?? process.platform;
  const file = safeStorageEntryFile(options.dataDir, account);
  const status = { answered: null as boolean | null };
  const backendName = () => (platform === 'linux' ? safeStorage.getSelectedStorageBackend() : platform);

  /** Rejects unless safeStorage is available and backed by a real keyring. */
  const usable = async () => {
    status.answered = await safeStorage.isAsyncEncryptionAvailable().catch(() => false);
    if (!status.answered) throw new Error('safeStorage is not available (the system keyring did not answer)');
    if (safeStorageProtection(safeStorage, platform).level !== 'strong') {
      throw new Error(`safeStorage has no keyring here (it would use ${backendName()}), so it cannot keep Kith's key safely`);
    }
  };

  return {
    get label() {
      return safeStorageProtection(safeStorage, platform).backend;
    },
    // Before the encryptor answers (or while its store is 'unknown') the label is no evidence of a change.
    mayHold(backend) {
      const known = status.answered !== false && !(platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'unknown');
      return !known || backend === this.label;
    },
    async get() {
      await usable();
      let text: string;
      try {
        text = await readFile(file, 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw new Error(`Kith could not read ${file} (${(error as NodeJS.ErrnoException).code ?? 'error'})`, { cause: error });
      }
      const entry = EntrySchema.safeParse(parseJsonOrNull(text));
      // Not a key: the cipher reports the entry as damaged and replaces nothing.
      if (!entry.success) return '';
      try {
        return (await safeStorage.decryptStringAsync(Buffer.from(entry.data.sealed, 'base64'))).result;
      } catch (error) {
        throw new Error(`safeStorage could not decrypt Kith's key in ${file} (was it sealed by another user or keyring?)`, { cause: error });
      }
    },
    async set(secret) {
      await usable();
      const sealed = (await safeStorage.encryptStringAsync(secret)).toString('base64');
      await writeFileAtomic(file, `${JSON.stringify({ version: 1, backend: backendName(), sealed })}\n`, 0o600);
    },
    async delete() {
      await rm(file, { force: true });
    },
    withAccount: (other) => createSafeStorageKeyring(safeStorage, options, other),
  };
}
