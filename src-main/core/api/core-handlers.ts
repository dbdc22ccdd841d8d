// The core's side of the contract: each KithApi method (as KithHandlers, its
// input already parsed by the dispatcher) mapped to the service that does the
// work. Once the core is closing, every method but cancelConnect refuses.
import { KithError, type Friend, type ContactLink, type FriendExport, type KithHandlers, type KithMethodOutput, type KithMethodParsedInput, type KithStatus, type SyncResult, type VaultResetResult } from '../../../src-contract/kith-api';
import type { AccountsService } from '../accounts/accounts-service';
import type { CheckedFriendQuery } from './list-friends';
import type { FriendsSync } from '../friends/friends-sync';
import type { Disconnect } from '../revocation/disconnect';
import type { DisconnectEverywhere } from '../revocation/disconnect-everywhere';
import type { DisconnectHistory } from '../revocation/disconnect-history';
import type { NotificationSettingsStore } from '../notifications/notification-settings';
import type { LastingProblems } from '../problems/lasting-problems';
import type { VaultControl } from '../vault/vault-control';
import type { EventHub } from './event-hub';
import type { NetworkHints } from './network-hints';

export interface CoreHandlersDeps {
  accounts: AccountsService;
  disconnect: Disconnect;
  disconnectEverywhere: DisconnectEverywhere;
  listFriends(q: CheckedFriendQuery): Promise<KithMethodOutput<'friends.list'>>;
  getFriend(q: KithMethodParsedInput<'friends.get'>): Promise<Friend | null>;
  exportFriends(q: KithMethodParsedInput<'friends.export'>): Promise<FriendExport>;
  friendsSync: FriendsSync;
  syncEveryAccount(): Promise<SyncResult[]>;
  status(): Promise<KithStatus>;
  vaultReset(): Promise<VaultResetResult>;
  vault: VaultControl;
  problems: Pick<LastingProblems, 'dismiss'>;
  /** Hands a mailto: or tel: link to the system's opener, past the URL gate. */
  openContact(link: ContactLink): Promise<void>;
  events: EventHub;
  history: DisconnectHistory;
  notificationSettings: NotificationSettingsStore;
  isClosed(): boolean;
  hints: NetworkHints;
  /** Opens the data folder (only that one); false when it could not. */
  openDataFolder(): Promise<boolean>;
}

/** Every method but `tokens.*` (tokens/token-handlers.ts, wired beside these). */
export function createCoreHandlers(deps: CoreHandlersDeps): Omit<KithHandlers, 'tokens'> {
  const open = () => {
    if (deps.isClosed()) throw new KithError('E_INTERNAL', 'Kith is shutting down.');
    // Every request is the person at work: the idle auto-lock starts counting again.
    deps.vault.touch();
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
      async planDisconnectEverywhere() {
        open();
        return deps.disconnectEverywhere.plan();
      },
      async disconnectEverywhere() {
        open();
        return deps.disconnectEverywhere.run();
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
      async dismissProblem({ id }) {
        open();
        await deps.problems.dismiss(id);
        return deps.status();
      },
    },
    vault: {
      status: () => deps.vault.state(),
      async reset() {
        open();
        // The input's `confirm: true` is checked by the dispatcher: no start-over without it.
        const result = await deps.vaultReset();
        void deps.vault.announce();
        return result;
      },
      async unlock({ passphrase }) {
        open();
        return deps.vault.unlock(passphrase);
      },
      async lock() {
        open();
        return deps.vault.lock();
      },
      async setProtector(change) {
        open();
        return deps.vault.setProtector(change);
      },
      async settings() {
        open();
        return deps.vault.settings();
      },
      async setIdleLock({ idleLockMinutes }) {
        open();
        return deps.vault.setIdleLock(idleLockMinutes);
      },
    },
    history: {
      list: () => deps.history.list(),
      async dismiss({ receiptId }) {
        open();
        await deps.history.dismiss(receiptId);
        return null;
      },
      async retry({ receiptId }) {
        open();
        return deps.history.retry(receiptId);
      },
    },
    notifications: {
      get: () => deps.notificationSettings.get(),
      async set(settings) {
        open();
        return deps.notificationSettings.set(settings);
      },
    },
    connectivity: {
      async report({ online }) {
        open();
        deps.hints.networkChanged(online);
        return null;
      },
    },
    dataFolder: {
      async open() {
        open();
        return { opened: await deps.openDataFolder() };
      },
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
