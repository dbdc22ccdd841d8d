// The disconnect receipts of Settings → History (history.list, kept current by
// historyChanged), and the person's two actions on them: ask again now, dismiss.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { DisconnectReceipt, KithApi, KithErrorInfo } from '../../src-contract/kith-api';
import { toErrorInfo } from '../lib/error-words';

export interface HistoryState {
  /** Newest first; null until loaded. */
  readonly receipts: readonly DisconnectReceipt[] | null;
  readonly error: KithErrorInfo | null;
  /** Receipts with an action on the wire. */
  readonly busy: ReadonlySet<string>;
  /**
   * The receipt of a disconnect everywhere made from this page: in the host shell it ends this
   * window's session too, and the page that says so shows this receipt.
   */
  readonly everywhere: DisconnectReceipt | null;
  rememberEverywhere(receipt: DisconnectReceipt): void;
  load(): Promise<void>;
  replace(receipts: readonly DisconnectReceipt[]): void;
  retry(receiptId: string): Promise<void>;
  dismiss(receiptId: string): Promise<void>;
}

export type HistoryStore = StoreApi<HistoryState>;

export function createHistoryStore(api: KithApi): HistoryStore {
  return createStore<HistoryState>()((set, get) => {
    const withBusy = async (receiptId: string, work: () => Promise<void>) => {
      set({ busy: new Set([...get().busy, receiptId]) });
      try {
        await work();
        set({ error: null });
      } catch (error) {
        set({ error: toErrorInfo(error) });
      } finally {
        const busy = new Set(get().busy);
        busy.delete(receiptId);
        set({ busy });
      }
    };
    return {
      receipts: null,
      error: null,
      busy: new Set(),
      everywhere: null,
      rememberEverywhere: (receipt) => set({ everywhere: receipt, receipts: [receipt, ...(get().receipts ?? []).filter((r) => r.id !== receipt.id)] }),
      load: async () => {
        try {
          set({ receipts: await api.history.list({}), error: null });
        } catch (error) {
          set({ error: toErrorInfo(error) });
        }
      },
      replace: (receipts) => set({ receipts }),
      retry: (receiptId) =>
        withBusy(receiptId, async () => {
          const updated = await api.history.retry({ receiptId });
          set({ receipts: (get().receipts ?? []).map((r) => (r.id === receiptId ? updated : r)) });
        }),
      dismiss: (receiptId) =>
        withBusy(receiptId, async () => {
          await api.history.dismiss({ receiptId });
          set({ receipts: (get().receipts ?? []).filter((r) => r.id !== receiptId) });
        }),
    };
  });
}
