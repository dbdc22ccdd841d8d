// Connected accounts as the core last reported them (accounts.list, accountsChanged).
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { AccountId, AccountSummary, DisconnectResult, KithApi, KithErrorInfo } from '../../src-contract/kith-api';
import { toErrorInfo } from '../lib/error-words';
import { providerName } from '../../src-contract/provider-names';

export interface AccountsState {
  /** Null until the first answer. */
  readonly accounts: readonly AccountSummary[] | null;
  readonly error: KithErrorInfo | null;
  /** Accounts whose disconnect is on its way. */
  readonly disconnecting: ReadonlySet<AccountId>;
  load(): Promise<void>;
  replace(accounts: readonly AccountSummary[]): void;
  disconnect(accountId: AccountId): Promise<DisconnectResult>;
}

export type AccountsStore = StoreApi<AccountsState>;

export function createAccountsStore(api: KithApi): AccountsStore {
  // A list answer and an accountsChanged event travel on different channels and can
  // arrive out of order: an answer that an event overtook is older than the event.
  let generation = 0;
  return createStore<AccountsState>()((set, get) => ({
    accounts: null,
    error: null,
    disconnecting: new Set(),
    load: async () => {
      const asked = ++generation;
      try {
        const accounts = await api.accounts.list({});
        if (asked === generation) set({ accounts, error: null });
      } catch (error) {
        if (asked === generation) set({ error: toErrorInfo(error) });
      }
    },
    replace: (accounts) => {
      generation += 1;
      set({ accounts, error: null });
    },
    disconnect: async (accountId) => {
      set({ disconnecting: new Set(get().disconnecting).add(accountId) });
      try {
        const result = await api.accounts.disconnect({ accountId });
        // Disconnect deletes locally first: drop the card now rather than wait for the event.
        set({ accounts: (get().accounts ?? []).filter((a) => a.id !== accountId) });
        return result;
      } finally {
        const next = new Set(get().disconnecting);
        next.delete(accountId);
        set({ disconnecting: next });
      }
    },
  }));
}

/** The newest successful sync across accounts, for "showing friends from ..." copy. */
export function lastSyncedAcross(accounts: readonly AccountSummary[] | null): number | null {
  let latest: number | null = null;
  for (const account of accounts ?? []) {
    if (account.lastSyncedAt !== null && (latest === null || account.lastSyncedAt > latest)) latest = account.lastSyncedAt;
  }
  return latest;
}

export function accountLabel(account: Pick<AccountSummary, 'displayName' | 'email'>): string {
  return account.displayName || account.email || 'Unnamed account';
}

/** An account with its provider, as cards, dialogs and notices name it: "Ada Lovelace (Google)". */
export function accountWithProvider(account: Pick<AccountSummary, 'displayName' | 'email' | 'provider'>): string {
  return `${accountLabel(account)} (${providerName(account.provider)})`;
}

/** Whose account, for names that must say which one: "Ada Lovelace’s Google account". */
export function accountPossessive(account: Pick<AccountSummary, 'displayName' | 'email' | 'provider'>): string {
  return `${accountLabel(account)}’s ${providerName(account.provider)} account`;
}
