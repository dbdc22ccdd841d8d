// Protection level, data folder, connectivity and pending revocations (status.get,
// connectivity and revocationsChanged events), and whether the session is still valid.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { KithApi, KithErrorInfo, KithStatus, PendingRevocation } from '../../src-contract/kith-api';
import { toErrorInfo } from '../lib/error-words';

export interface StatusState {
  readonly status: KithStatus | null;
  /** Null until known; the connectivity event keeps it current. */
  readonly online: boolean | null;
  /** The browser's own word (navigator.onLine, its offline/online events): false means no network at all here. */
  readonly pageOnline: boolean;
  readonly pendingRevocations: readonly PendingRevocation[];
  readonly error: KithErrorInfo | null;
  /** The host server answered 401: the page must be reopened from the launch link. */
  readonly sessionEnded: boolean;
  load(): Promise<void>;
  setOnline(online: boolean): void;
  setPageOnline(online: boolean): void;
  setPendingRevocations(pending: readonly PendingRevocation[]): void;
  endSession(): void;
}

export type StatusStore = StoreApi<StatusState>;

/** Offline as a person means it: Kith cannot reach the providers, or the page has no network at all. */
export function seemsOffline(state: Pick<StatusState, 'online' | 'pageOnline'>): boolean {
  return state.online === false || !state.pageOnline;
}

export function createStatusStore(api: KithApi): StatusStore {
  return createStore<StatusState>()((set) => ({
    status: null,
    online: null,
    pageOnline: true,
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
    setPageOnline: (pageOnline) => set({ pageOnline }),
    setPendingRevocations: (pendingRevocations) => set({ pendingRevocations }),
    endSession: () => set({ sessionEnded: true }),
  }));
}
