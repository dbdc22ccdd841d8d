// All of the renderer's state, created for one KithApi, and the event wiring that
// keeps it current. Nothing here touches the DOM, so tests run it against the fake.
import type { KithApi } from '../../src-contract/kith-api';
import { createAccountsStore, type AccountsStore } from './accounts-store';
import { createFriendsStore, type FriendsStore } from './friends-store';
import { createLoginStore, type LoginStore } from './login-store';
import { createNoticesStore, type NoticesStore } from './notices-store';
import { createNoticeRules } from './notice-rules';
import { createStatusStore, type StatusStore } from './status-store';
import { createSyncStore, type SyncStore } from './sync-store';

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
  const rules = createNoticeRules(notices, accounts);
  const login = createLoginStore(api, (account) => {
    rules.connected(account);
    void accounts.getState().load();
    friends.getState().refresh();
  });
  const sync = createSyncStore(api, (results) => {
    rules.syncFinished(results, sync.getState().error);
    void accounts.getState().load();
    friends.getState().refresh();
  });
  sync.subscribe((state, previous) => {
    if (state.running && !previous.running) rules.syncStarted();
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
