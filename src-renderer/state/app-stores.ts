// All of the renderer's state, created for one KithApi, and how the stores
// answer one another (a finished login or sync reloads the accounts and
// friends; notice-rules.ts decides what toast that leaves). The API's events
// reach them through app-store-events.ts. Nothing here touches the DOM, so
// tests run it against a scripted API.
import type { KithApi } from '../../src-contract/kith-api';
import { createAccountsStore, type AccountsStore } from './accounts-store';
import { createFriendsStore, type FriendsStore } from './friends-store';
import { createHistoryStore, type HistoryStore } from './history-store';
import { createLoginStore, type LoginStore } from './login-store';
import { createNoticeRules } from './notice-rules';
import { createNoticesStore, type NoticesStore } from './notices-store';
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
  readonly history: HistoryStore;
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
  return { api, accounts, friends, login, sync, status, notices, history: createHistoryStore(api) };
}
