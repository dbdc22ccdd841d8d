// The Electron shell's Cipher: the node cipher (one random data key, AES-256-GCM,
// vault.keymeta) with Electron's safeStorage as its keyring (safe-storage-keyring.ts),
// so the desktop app has the host shell's passphrase vault, protector moves and
// locked states. Data sealed item by item with safeStorage by earlier versions
// (safe-storage-cipher.ts) is still read with safeStorage and sealed again with the
// data key when it is next written back; a new data key is not made while that
// older data was sealed by a safeStorage store other than the one here now.
import type { Logger } from '../../core/ports';
import { VaultLockedError } from '../../core/vault/vault-locked';
import { createNodeCipher, type NodeCipher, type NodeCipherOptions } from '../../node/node-cipher';
import { readBackendRecord } from './safe-storage-backend';
import { createSafeStorageCipher, type SafeStorageLike } from './safe-storage-cipher';
import { createSafeStorageKeyring } from './safe-storage-keyring';

export interface ElectronCipherOptions extends Pick<NodeCipherOptions, 'now' | 'randomBytes' | 'scryptCost' | 'sleep'> {
  dataDir: string;
  log: Logger;
  platform?: NodeJS.Platform;
}

export function createElectronCipher(safeStorage: SafeStorageLike, options: ElectronCipherOptions): NodeCipher {
  const { dataDir, log, platform = process.platform, ...rest } = options;
  const earlier = createSafeStorageCipher(safeStorage, log, platform, { dataDir, ...(rest.now ? { now: rest.now } : {}) });
  return createNodeCipher({
    ...rest,
    dataDir,
    log,
    keyring: createSafeStorageKeyring(safeStorage, { dataDir, platform }),
    keyringProtector: 'safe-storage',
    legacy: { decrypt: async (blob) => (await earlier.decrypt(blob)).plaintext },
    async beforeNewKey() {
      // Earlier versions recorded the store at their first seal: its data exists.
      if ((await readBackendRecord(dataDir)) === null) return;
      const state = await earlier.state?.();
      if (state?.state === 'locked' && state.reason) throw new VaultLockedError(state.reason, state.message ?? 'Kith cannot read what it saved earlier.', 'safe-storage');
    },
  });
}
