// Wires the services into one object implementing the contract's handlers,
// and nothing else: the behaviour lives in the modules it wires (core-handlers,
// list-friends, sync-every-account, status-report, background-tasks and the
// services under accounts/, friends/, revocation/). No side effect happens in
// here beyond what the caller asks for: the revocation retry at startup is
// started by `start()`, and close() stops every timer.
import type { KithHandlers } from '../../../src-contract/kith-api';
import { createAccountRepository } from '../accounts/account-repository';
import { createAccountsService } from '../accounts/accounts-service';
import { createProviderTokens } from '../accounts/provider-tokens';
import { createAutoSync } from '../friends/auto-sync';
import { createConnectivity } from '../friends/connectivity';
import { createFriendsStoreAccess } from '../friends/friends-store-access';
import { createFriendsSync } from '../friends/friends-sync';
import { createDisconnect } from '../revocation/disconnect';
import { createRevocationQueue } from '../revocation/revocation-queue';
import { createBackgroundTasks } from './background-tasks';
import type { CoreDeps } from './core-deps';
import { toCoreError } from './core-error';
import { createCoreHandlers } from './core-handlers';
import { createEventHub } from './event-hub';
import { createFriendsIndex } from '../friends/friends-index';
import { createFriendsQueries } from '../friends/friends-queries';
import { openContactLink } from './open-contact-link';
import { createStatusReport } from './status-report';
import { createSyncEveryAccount } from './sync-every-account';

/** The core's KithApi, as handlers: the shells' dispatcher validates every input before it gets here. */
export interface AssembledCore<AccessTokens> extends KithHandlers {
  readonly accessTokens: AccessTokens;
  /** Retries revocations left queued by an earlier run, and starts the periodic sync. */
  start(): void;
  close(): Promise<void>;
}

/** How long close() waits for work on the wire (a background sync, queued revocations) before it returns. */
const CLOSE_GRACE_MS = 2_000;

export function assembleKithCore<AccessTokens>(deps: CoreDeps<AccessTokens>): AssembledCore<AccessTokens> {
  const { ports } = deps;
  const log = ports.log;
  const events = createEventHub(log);
  const connectivity = createConnectivity(events);
  const repo = createAccountRepository(deps.documents);
  const googleAppInTesting = deps.googleAppInTesting ?? false;
  const background = createBackgroundTasks(log);
  let closed = false;

  const announce = () => {
    void accounts.announce().catch((error: unknown) => log.warn('could not announce accounts', { code: toCoreError(error).code }));
  };

  const tokens = createProviderTokens({
    repo,
    vault: deps.vault,
    providers: deps.providers,
    clock: ports.clock,
    log,
    connectivity,
    googleAppInTesting,
    onAccountChanged: announce,
  });
  const friends = createFriendsStoreAccess({
    database: ports.friendsDatabase, documents: deps.documents, cipher: ports.cipher, repo, randomBytes: ports.randomBytes,
    log,
    onRecreated: () => {
      if (!closed) background.run(syncEveryAccount());
    },
  });
  const friendsSync = createFriendsSync({
    repo,
    friends,
    tokens,
    providers: deps.providers,
    connectivity,
    events,
    clock: ports.clock,
    log,
    onAccountChanged: announce,
  });
  const queue = createRevocationQueue({
    documents: deps.documents,
    cipher: ports.cipher,
    providers: deps.providers,
    connectivity,
    events,
    clock: ports.clock,
    scheduler: deps.scheduler,
    randomBytes: ports.randomBytes,
    log,
  });
  const accounts = createAccountsService({
    repo,
    vault: deps.vault,
    providers: deps.providers,
    tokens,
    runLogin: deps.runLogin,
    events,
    clock: ports.clock,
    randomBytes: ports.randomBytes,
    log,
    googleAppInTesting,
    scheduler: deps.scheduler,
    onReconnect: (provider, subject) => queue.forget(provider, subject),
    holdRevocations: (provider) => queue.hold(provider),
    revokeAbandoned: async (item) => {
      const id = await queue.enqueue(item);
      // Held until the login releases its hold on this provider's revocations; then it goes at once.
      void queue.attempt(id);
    },
    onConnected: (record) => {
      if (deps.syncAfterConnect !== false && !closed) background.run(friendsSync.sync(record.id));
    },
  });
  const disconnect = createDisconnect({
    repo,
    vault: deps.vault,
    friends,
    sync: friendsSync,
    queue,
    scheduler: deps.scheduler,
    log,
    onAccountChanged: announce,
    ...(deps.disconnectWaitMs !== undefined ? { waitMs: deps.disconnectWaitMs } : {}),
  });
  const stopRetryOnOnline = connectivity.onChange((online) => {
    if (online) queue.retryAll();
  });

  const syncEveryAccount = createSyncEveryAccount(repo, friendsSync);
  const autoSync =
    deps.autoSync === false
      ? null
      : createAutoSync({ scheduler: deps.scheduler, connectivity, syncAll: syncEveryAccount, ...(deps.autoSync ? { timing: deps.autoSync } : {}) });

  const friendsQueries = createFriendsQueries({ repo, friends, index: createFriendsIndex(), clock: ports.clock });
  const handlers = createCoreHandlers({
    accounts,
    disconnect,
    listFriends: (q) => friendsQueries.list(q),
    getFriend: (q) => friendsQueries.get(q),
    exportFriends: (q) => friendsQueries.export(q),
    friendsSync,
    syncEveryAccount,
    status: createStatusReport({ ports, repo, documents: deps.documents, friends, connectivity, queue, shell: deps.shell, version: deps.version }),
    openContact: (link) => openContactLink(ports.browser, link),
    events,
    isClosed: () => closed,
  });

  return {
    ...handlers,
    accessTokens: deps.accessTokens,
    start() {
      if (closed) return;
      queue.retryAll();
      autoSync?.start();
    },
    async close() {
      if (closed) return;
      closed = true;
      stopRetryOnOnline();
      autoSync?.stop();
      // A sign-in still held for the person's choice is discarded; its revocation is queued before the queue closes.
      await accounts.close().catch((error: unknown) => log.warn('could not discard a held sign-in', { code: toCoreError(error).code }));
      // Work on the wire gets a short grace period together, never an unbounded wait.
      await Promise.all([queue.close(), background.settle(CLOSE_GRACE_MS)]);
      events.clear();
      friends.close();
    },
  };
}
