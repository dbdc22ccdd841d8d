// All of the renderer's state, created for one KithApi, and how the stores
// answer one another (a finished login or sync reloads the accounts and
// friends and leaves a notice). The API's events reach them through
// app-store-events.ts. Nothing here touches the DOM, so tests run it against the fake.
import type { KithApi } from '../../src-contract/kith-api';
import { accountWithProvider, createAccountsStore, type AccountsStore } from './accounts-store';
import { createFriendsStore, type FriendsStore } from './friends-store';
import { createLoginStore, type LoginStore } from './login-store';
import { createNoticesStore, type NoticesStore } from './notices-store';
import { createStatusStore, type StatusStore } from './status-store';
import { createSyncStore, type SyncStore } from './sync-store';
import { syncSummary } from './sync-summary';

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
