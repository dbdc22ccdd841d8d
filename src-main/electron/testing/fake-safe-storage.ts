// FOR TESTS ONLY: Electron's safeStorage as the adapters use it (the async API and,
// on Linux, the selected backend). Each backend has its own secret, as each password
// store keeps its own key: what one backend sealed, another cannot decrypt, and the
// same backend back decrypts it again. basic_text's secret is fixed, as Electron's is.
import type { SafeStorageLike } from '../adapters/safe-storage-cipher';

export interface FakeSafeStorage extends SafeStorageLike {
  state: {
    /** The key generation; blobs of an older one decrypt with shouldReEncrypt. */
    generation: number;
    /** What isAsyncEncryptionAvailable answers. */
    available: boolean;
    encryptCalls: number;
    /** What getSelectedStorageBackend answers: gnome_libsecret, kwallet6, basic_text, unknown... */
    backend: string;
  };
}

export function fakeSafeStorage(backend = 'gnome_libsecret'): FakeSafeStorage {
  const state = { generation: 1, available: true, encryptCalls: 0, backend };
  const mask = (name: string) => [...name].reduce((sum, char) => (sum + char.charCodeAt(0)) % 251, 0x5a) || 1;
  return {
    state,
    async isAsyncEncryptionAvailable() {
      return state.available;
    },
    async encryptStringAsync(plainText) {
      state.encryptCalls += 1;
      const m = mask(state.backend);
      return Buffer.concat([Buffer.from(`v${state.generation}:${m}:`), Buffer.from(plainText).map((b) => b ^ m)]);
    },
    async decryptStringAsync(encrypted) {
      const text = encrypted.toString('latin1');
      const match = /^v(\d+):(\d+):/.exec(text);
      if (!match || Number(match[2]) !== mask(state.backend)) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
      const body = Buffer.from(encrypted.subarray(match[0].length).map((b) => b ^ Number(match[2])));
      return { result: body.toString('utf8'), shouldReEncrypt: Number(match[1]) !== state.generation };
    },
    getSelectedStorageBackend() {
      return state.backend;
    },
  };
}
