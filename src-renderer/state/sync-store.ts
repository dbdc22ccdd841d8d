// Sync progress per account (syncProgress events) and the "Sync now" run.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { AccountId, KithApi, KithErrorInfo, SyncProgress, SyncResult } from '../../src-contract/kith-api';
import { toErrorInfo } from '../lib/error-words';

export interface SyncState {
  readonly progress: Readonly<Record<AccountId, SyncProgress>>;
  /** True while a sync.run started here is running. */
  readonly running: boolean;
  readonly error: KithErrorInfo | null;
  run(accountId?: AccountId): Promise<void>;
  onProgress(progress: SyncProgress): void;
}

export type SyncStore = StoreApi<SyncState>;

export function createSyncStore(api: KithApi, onFinished: (results: readonly SyncResult[] | null) => void = () => undefined): SyncStore {
  return createStore<SyncState>()((set, get) => ({
    progress: {},
    running: false,
    error: null,
    run: async (accountId) => {
      set({ running: true, error: null });
      let results: readonly SyncResult[] | null = null;
      try {
        results = await api.sync.run(accountId ? { accountId } : {});
        set({ running: false });
      } catch (error) {
        set({ running: false, error: toErrorInfo(error) });
      } finally {
        onFinished(results);
      }
    },
    onProgress: (progress) => {
      set({ progress: { ...get().progress, [progress.accountId]: progress } });
    },
  }));
}

/** Accounts whose sync is running, per the latest events. */
export function runningSyncs(progress: Readonly<Record<AccountId, SyncProgress>>): SyncProgress[] {
  return Object.values(progress).filter((p) => p.state === 'running');
}
