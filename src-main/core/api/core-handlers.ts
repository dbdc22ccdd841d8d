// The core's side of the contract: each KithApi method (as KithHandlers, its
// input already parsed by the dispatcher) mapped to the service that does the
// work. Once the core is closing, every method but cancelConnect refuses.
import { KithError, type ContactLink, type Friend, type FriendExport, type FriendPage, type KithHandlers, type KithMethodParsedInput, type KithStatus, type SyncResult } from '../../../src-contract/kith-api';
import type { AccountsService } from '../accounts/accounts-service';
import type { CheckedFriendQuery } from './list-friends';
import type { FriendsSync } from '../friends/friends-sync';
import type { Disconnect } from '../revocation/disconnect';
import type { EventHub } from './event-hub';

export interface CoreHandlersDeps {
  accounts: AccountsService;
  disconnect: Disconnect;
  listFriends(q: CheckedFriendQuery): Promise<FriendPage>;
  getFriend(q: KithMethodParsedInput<'friends.get'>): Promise<Friend | null>;
  exportFriends(q: KithMethodParsedInput<'friends.export'>): Promise<FriendExport>;
  friendsSync: FriendsSync;
  syncEveryAccount(): Promise<SyncResult[]>;
  status(): Promise<KithStatus>;
  /** Hands a mailto: or tel: link to the system's opener, past the URL gate. */
  openContact(link: ContactLink): Promise<void>;
  events: EventHub;
  isClosed(): boolean;
}

export function createCoreHandlers(deps: CoreHandlersDeps): KithHandlers {
  const open = () => {
    if (deps.isClosed()) throw new KithError('E_INTERNAL', 'Kith is shutting down.');
  };
  return {
    accounts: {
      async list() {
        open();
        return deps.accounts.list();
      },
      async connect({ provider }) {
        open();
        return deps.accounts.connect(provider);
      },
      async reconnect({ accountId }) {
        open();
        return deps.accounts.reconnect(accountId);
      },
      async requestPermission({ accountId, permission }) {
        open();
        return deps.accounts.reconnect(accountId, { permission });
      },
      async resolveOtherPerson({ choiceId, choice }) {
        open();
        return deps.accounts.resolveOtherPerson(choiceId, choice);
      },
      async cancelConnect({ loginId }) {
        deps.accounts.cancel(loginId);
        return null;
      },
      async disconnect({ accountId }) {
        open();
        return deps.disconnect(accountId);
      },
    },
    friends: {
      async list(q) {
        open();
        return deps.listFriends(q);
      },
      async get(q) {
        open();
        return deps.getFriend(q);
      },
      async export(q) {
        open();
        return deps.exportFriends(q);
      },
    },
    sync: {
      async run({ accountId }) {
        open();
        return accountId ? [await deps.friendsSync.sync(accountId)] : deps.syncEveryAccount();
      },
    },
    status: {
      get: () => deps.status(),
    },
    links: {
      async openContact(link) {
        open();
        await deps.openContact(link);
        return null;
      },
    },
    events: {
      on: (name, listener) => deps.events.on(name, listener),
    },
  };
}
