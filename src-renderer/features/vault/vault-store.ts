// Whether the vault is open, and the person's ways out when it is not: unlock
// with a passphrase, try again once the key is back, or start over. Kept apart
// from the app's other stores: the vault gate (vault-gate.tsx) owns it.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { KithApi, KithErrorInfo, VaultState } from '../../../src-contract/kith-api';
import { toErrorInfo } from '../../lib/error-words';

export interface VaultStoreState {
  /** Null until the first answer. */
  readonly vault: VaultState | null;
  /** True once the vault was seen open in this window: a later lock is the idle auto-lock (or a lock elsewhere). */
  readonly wasOpen: boolean;
  readonly busy: boolean;
  readonly error: KithErrorInfo | null;
  load(): Promise<void>;
  unlock(passphrase: string): Promise<boolean>;
  startOver(): Promise<boolean>;
  /** The vault's own event: set as told. */
  changed(vault: VaultState): void;
}

export type VaultStore = StoreApi<VaultStoreState>;

export function createVaultStore(api: KithApi): VaultStore {
  return createStore<VaultStoreState>()((set, get) => {
    const apply = (vault: VaultState) => set({ vault, wasOpen: get().wasOpen || vault.state === 'open' });
    return {
      vault: null,
      wasOpen: false,
      busy: false,
      error: null,
      async load() {
        try {
          apply(await api.vault.status({}));
          set({ error: null });
        } catch (error) {
          set({ error: toErrorInfo(error) });
        }
      },
      async unlock(passphrase) {
        set({ busy: true, error: null });
        try {
          apply(await api.vault.unlock({ passphrase }));
          return get().vault?.state === 'open';
        } catch (error) {
          set({ error: toErrorInfo(error) });
          return false;
        } finally {
          set({ busy: false });
        }
      },
      async startOver() {
        set({ busy: true, error: null });
        try {
          apply((await api.vault.reset({ confirm: true })).vault);
          return true;
        } catch (error) {
          set({ error: toErrorInfo(error) });
          return false;
        } finally {
          set({ busy: false });
        }
      },
      changed: apply,
    };
  });
}
