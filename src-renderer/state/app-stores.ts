// All of the renderer's state, created for one KithApi, and the event wiring that
// keeps it current. Nothing here touches the DOM, so tests run it against the fake.
import type { KithApi } from '../../src-contract/kith-api';
import { accountWithProvider, createAccountsStore, type AccountsStore } from './accounts-store';
import { createFriendsStore, type FriendsStore } from './friends-store';
import { createLoginStore, type LoginStore } from './login-store';
import { createNoticesStore, type NoticesStore } from './notices-store';
import { createStatusStore, type StatusStore } from './status-store';
import { createSyncStore, type SyncStore } from './sync-store';
import { pluralize } from '../lib/format';
import { errorWords } from '../lib/error-words';
import type { AccountSummary, SyncResult } from '../../src-contract/kith-api';

export interface AppStores {
  readonly api: KithApi;
  readonly accounts: AccountsStore;
  readonly friends: FriendsStore;
  readonly login: LoginStore;
  readonly sync: SyncStore;
  readonly status: StatusStore;
  readonly notices: NoticesStore;
}

export function createAppStores(api: KithApi): AppStores {
  const notices = createNoticesStore();
  const accounts = createAccountsStore(api);
  const friends = createFriendsStore(api);
  const status = createStatusStore(api);
  const login = createLoginStore(api, (account) => {
    notices.getState().push(`Connected ${accountWithProvider(account)}.`);
    void accounts.getState().load();
    friends.getState().refresh();
  });
  const sync = createSyncStore(api, (results) => {
    if (results) {
      const words = syncSummary(results, accounts.getState().accounts ?? []);
      if (words) notices.getState().push(words.text, words.tone);
    }
    void accounts.getState().load();
    friends.getState().refresh();
  });
  return { api, accounts, friends, login, sync, status, notices };
}

/**
 * Loads the first state and subscribes to every event; returns the function that
 * unsubscribes. Call once per page.
 */
export function startAppStores(stores: AppStores): () => void {
  const { api } = stores;
  const offs = [
    api.events.on('accountsChanged', (list) => {
      stores.accounts.getState().replace(list);
      const selected = stores.friends.getState().accountId;
      if (selected && !list.some((a) => a.id === selected)) stores.friends.getState().setAccount(null);
      else stores.friends.getState().refresh();
    }),
    api.events.on('syncProgress', (progress) => {
      stores.sync.getState().onProgress(progress);
      if (progress.state !== 'running') stores.friends.getState().refresh();
    }),
    api.events.on('connectivity', ({ online }) => stores.status.getState().setOnline(online)),
    api.events.on('loginStarted', (event) => stores.login.getState().onStarted(event)),
    api.events.on('loginEnded', (event) => stores.login.getState().onEnded(event)),
    api.events.on('revocationsChanged', (pending) => stores.status.getState().setPendingRevocations(pending)),
  ];
  void stores.accounts.getState().load();
  void stores.status.getState().load();
  return () => {
    for (const off of offs) off();
  };
}

/** After the event stream reconnects, events may have been missed: ask again. */
export function reloadAppStores(stores: AppStores): void {
  void stores.accounts.getState().load();
  void stores.status.getState().load();
  stores.friends.getState().refresh();
}

/** One line after "Sync now": how many accounts synced, or why the first failure failed. */
export function syncSummary(results: readonly SyncResult[], accounts: readonly AccountSummary[]): { text: string; tone: 'success' | 'error' } | null {
  if (results.length === 0) return null;
  const failed = results.filter((r) => !r.ok);
  if (failed.length === 0) return { text: `Synced ${pluralize(results.length, 'account')}.`, tone: 'success' };
  const first = failed[0];
  const account = accounts.find((a) => a.id === first?.accountId);
  const words = first?.error ? errorWords(first.error, { provider: account?.provider ?? null, action: 'sync' }) : null;
  const who = account ? accountWithProvider(account) : 'an account';
  return { text: `Could not sync ${who}.${words ? ` ${words}` : ''}`, tone: 'error' };
}
