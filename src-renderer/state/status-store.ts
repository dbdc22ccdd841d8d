// Protection level, data folder, connectivity and pending revocations (status.get,
// connectivity and revocationsChanged events), and whether the session is still valid.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { KithApi, KithErrorInfo, KithStatus, PendingRevocation } from '../../src-contract/kith-api';
import { toErrorInfo } from '../lib/error-words';

export interface StatusState {
  readonly status: KithStatus | null;
  /** Null until known; the connectivity event keeps it current. */
  readonly online: boolean | null;
  readonly pendingRevocations: readonly PendingRevocation[];
  readonly error: KithErrorInfo | null;
  /** The host server answered 401: the page must be reopened from the launch link. */
  readonly sessionEnded: boolean;
  load(): Promise<void>;
  setOnline(online: boolean): void;
  setPendingRevocations(pending: readonly PendingRevocation[]): void;
  endSession(): void;
}

export type StatusStore = StoreApi<StatusState>;

export function createStatusStore(api: KithApi): StatusStore {
  return createStore<StatusState>()((set) => ({
    status: null,
    online: null,
    pendingRevocations: [],
    error: null,
    sessionEnded: false,
    load: async () => {
      try {
        const status = await api.status.get({});
        set({ status, online: status.online, pendingRevocations: status.pendingRevocations, error: null });
      } catch (error) {
        set({ error: toErrorInfo(error) });
      }
    },
    setOnline: (online) => set({ online }),
    setPendingRevocations: (pendingRevocations) => set({ pendingRevocations }),
    endSession: () => set({ sessionEnded: true }),
  }));
}
