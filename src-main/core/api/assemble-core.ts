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
import { createReachability } from '../friends/reachability';
import { createFriendsStoreAccess } from '../friends/friends-store-access';
import { createFriendsSync } from '../friends/friends-sync';
import { createDisconnect } from '../revocation/disconnect';
import { createLapseWatch } from '../notifications/lapse-watch';
import { createNotificationSettings } from '../notifications/notification-settings';
import { revocationNotification, type NotificationContent } from '../notifications/notification-words';
import { createDisconnectEverywhere } from '../revocation/disconnect-everywhere';
import { createDisconnectHistory } from '../revocation/disconnect-history';
import { createRevocationQueue } from '../revocation/revocation-queue';
import { VaultLockedError } from '../vault/vault-locked';
import { createLastingProblems } from '../problems/lasting-problems';
import { createVaultControl } from '../vault/vault-control';
import { createVaultReset } from '../vault/vault-reset';
import { AccessLog } from '../tokens/access-log';
import { AccessTokenService } from '../tokens/access-token-service';
import { createTokenHandlers } from '../tokens/token-handlers';
import { createBackgroundTasks } from './background-tasks';
import type { CoreDeps } from './core-deps';
import { toCoreError } from './core-error';
import { createCoreHandlers } from './core-handlers';
import { createEventHub } from './event-hub';
import { createQuietWatch } from '../friends/background-slices';
import { createFriendsIndex } from '../friends/friends-index';
import { createFriendsQueries } from '../friends/friends-queries';
import { createNetworkHints, type NetworkHints } from './network-hints';
import { memoFriendPages } from './memo-friend-pages';
import { openContactLink } from './open-contact-link';
import { createStatusReport } from './status-report';
import { createSyncEveryAccount } from './sync-every-account';

/** The core's KithApi, as handlers: the shells' dispatcher validates every input before it gets here. */
export interface AssembledCore<AccessTokens> extends KithHandlers {
  readonly accessTokens: AccessTokens;
  /** What the shell noticed about the computer (network gone or back, woken from sleep). */
  readonly hints: NetworkHints;
  /** What scripts did with their tokens (recorded by the host server), kept in the friends database. */
  readonly accessLog: AccessLog;
  /** Retries revocations left queued by an earlier run, and starts the periodic sync. */
  start(): void;
  /** Settles once the work started in the background so far has (a benchmark's quiet point between two timed steps). */
  idle(): Promise<void>;
  /**
   * Lets go of the people index and its search words (saved in the store) unless a read or a save
   * is using them; the next friends read loads them again, some tens of ms at 100,000 entries.
   */
  releaseIndex(): Promise<boolean>;
  close(): Promise<void>;
}

/** How long close() waits for work on the wire (a background sync, queued revocations) before it returns. */
const CLOSE_GRACE_MS = 2_000;
/** How long after the last sync ended the people index is made in the background. */
const WARM_AFTER_SYNC_MS = 1_000;

export function assembleKithCore<AccessTokens>(deps: CoreDeps<AccessTokens>): AssembledCore<AccessTokens> {
  const { ports } = deps;
  const log = ports.log;
  const events = createEventHub(log);
  const connectivity = createConnectivity(events);
  const repo = createAccountRepository(deps.documents);
  const googleAppInTesting = deps.googleAppInTesting ?? false;
  const background = createBackgroundTasks(log);
  let closed = false;
  /** Work nobody waits for, seen by idle() and close(); none starts once the core is closed. */
  const inBackground = (work: () => Promise<unknown>) => {
    if (!closed) background.run(work());
  };

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
  const problems = createLastingProblems({ documents: deps.documents, clock: ports.clock, randomBytes: ports.randomBytes, log });
  const stopKeepingProblems = deps.documents.listen((problem) => {
    void problems.record({ kind: 'damaged-file', document: problem.document, message: problem.message });
  });
  const friends = createFriendsStoreAccess({
    database: ports.friendsDatabase, documents: deps.documents, cipher: ports.cipher, repo, randomBytes: ports.randomBytes,
    log,
    onRecreated: () => {
      if (!closed) background.run(syncEveryAccount());
    },
    onLastingProblem: (problem) => void problems.record({ kind: 'damaged-file', ...problem }),
  });
  const accessLog = new AccessLog({ store: () => friends.accessLog(), clock: ports.clock, log });
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
    background: inBackground,
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
    onSettled: (id, outcome) => history.settle(id, outcome),
  });
  const notificationSettings = createNotificationSettings(deps.documents);
  // Every notification reaches the window (a toast); `show` carries the person's switch for system ones.
  const notify = (content: NotificationContent) => {
    void notificationSettings
      .get()
      .then(({ enabled }) => events.emit('notification', { ...content, show: enabled }))
      .catch((error: unknown) => log.warn('could not send a notification', { code: toCoreError(error).code }));
  };
  const history = createDisconnectHistory({
    documents: deps.documents,
    events,
    clock: ports.clock,
    randomBytes: ports.randomBytes,
    log,
    queue,
    onSettledLater: (settled) => {
      const content = revocationNotification(settled);
      if (content) notify(content);
    },
  });
  // The history shows each pending revocation's attempts, which the queue's changes move on.
  const stopHistoryFollowingQueue = events.on('revocationsChanged', () => history.announce());
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
    assertVaultOpen: async () => {
      const state = await ports.cipher.state?.();
      if (state?.state === 'locked') throw new VaultLockedError(state.reason ?? 'key-missing', state.message ?? 'Kith’s vault is locked.', state.protector);
    },
    onConnected: (record) => {
      if (deps.syncAfterConnect !== false && !closed) background.run(friendsSync.sync(record.id));
    },
  });
  const disconnectDeps = {
    repo,
    vault: deps.vault,
    friends,
    sync: friendsSync,
    queue,
    history,
    scheduler: deps.scheduler,
    log,
    onAccountChanged: announce,
    ...(deps.disconnectWaitMs !== undefined ? { waitMs: deps.disconnectWaitMs } : {}),
    ...(deps.scriptAccess ? { scriptAccess: deps.scriptAccess } : {}),
  };
  const disconnect = createDisconnect(disconnectDeps);
  const disconnectEverywhere = createDisconnectEverywhere(disconnectDeps);
  const stopRetryOnOnline = connectivity.onChange((online) => {
    if (online) queue.retryAll();
  });

  const lapseWatch =
    (deps.watchLapses ?? deps.autoSync !== false)
      ? createLapseWatch({ repo, settings: notificationSettings, clock: ports.clock, scheduler: deps.scheduler, log, notify })
      : null;
  const stopLapseOnChange = events.on('accountsChanged', () => void lapseWatch?.check().catch(() => undefined));

  const vaultControl = createVaultControl({
    cipher: ports.cipher,
    documents: deps.documents,
    events,
    scheduler: deps.scheduler,
    log,
    // The sign-ins, the queued revocations, then the database key (opening the store seals it again when asked); a store that cannot open is reported where it is used.
    resealBeforeMove: async () => {
      await deps.vault.resealAll?.();
      await queue.resealAll();
      await friends.get().catch(() => undefined);
    },
  });
  const syncEveryAccount = createSyncEveryAccount(repo, friendsSync);
  const autoSync =
    deps.autoSync === false
      ? null
      : createAutoSync({
          scheduler: deps.scheduler,
          clock: ports.clock,
          connectivity,
          syncAll: syncEveryAccount,
          oldestSync: async () => {
            const records = await repo.all();
            if (records.length === 0) return 'no-accounts';
            return records.some((r) => r.lastSyncedAt === null) ? null : Math.min(...records.map((r) => r.lastSyncedAt ?? 0));
          },
          ...(deps.autoSync ? { timing: deps.autoSync } : {}),
        });
  const reachability = createReachability({
    fetch: ports.fetch,
    urls: deps.reachabilityUrls ?? [],
    connectivity,
    scheduler: deps.scheduler,
    log,
    ...(deps.reachability ? { timing: deps.reachability } : {}),
  });
  const hints = createNetworkHints({ reachability, autoSync, log });

  // The saves after a sync wait until this core's person has stopped asking (background-slices.ts).
  const quiet = createQuietWatch();
  const friendsQueries = createFriendsQueries({
    repo,
    friends,
    index: createFriendsIndex(quiet),
    quiet,
    clock: ports.clock,
    background: inBackground,
  });
  // Once the syncs have written, the index is made (and saved) while nobody waits for it: a
  // moment after the last one ended (its caller answered first, and syncs run back to back make
  // one index), at once when the core closes (within the grace period). Not while one runs: its
  // end makes any index made meanwhile stale, and the two would hold their memory at once; one
  // starting stops the words being read (the index's own read is one step).
  const syncing = new Set<string>();
  let warming: AbortController | null = null;
  let hurry = () => {};
  const hurried = new Promise<void>((resolve) => (hurry = resolve));
  const warmSoon = async (signal: AbortSignal) => {
    await Promise.race([hurried, new Promise((resolve) => setTimeout(resolve, WARM_AFTER_SYNC_MS).unref())]);
    if (!signal.aborted) await friendsQueries.warm(signal);
  };
  const stopWarmingAfterSync = events.on('syncProgress', (progress) => {
    if (progress.state === 'running') {
      syncing.add(progress.accountId);
      warming?.abort();
      return;
    }
    syncing.delete(progress.accountId);
    if (progress.state !== 'done' || syncing.size > 0 || closed) return;
    warming?.abort();
    warming = new AbortController();
    background.run(warmSoon(warming.signal));
  });
  const handlers = createCoreHandlers({
    accounts,
    disconnect,
    listFriends: memoFriendPages((q) => friendsQueries.list(q), friends, events),
    getFriend: (q) => friendsQueries.get(q),
    exportFriends: (q) => friendsQueries.export(q),
    disconnectEverywhere,
    friendsSync,
    syncEveryAccount,
    vault: vaultControl,
    vaultReset: createVaultReset({ cipher: ports.cipher, store: ports.store, repo, friends, log, onAccountChanged: announce }),
    status: createStatusReport({
      ports, repo, documents: deps.documents, friends, connectivity, queue, problems, shell: deps.shell, version: deps.version,
      signingIn: () => accounts.activeLogin !== null,
    }),
    problems,
    openContact: (link) => openContactLink(ports.browser, link),
    events,
    history,
    notificationSettings,
    isClosed: () => closed,
    hints,
    openDataFolder: async () => {
      if (!ports.folderOpener) return false;
      // The store's own folder, never a path from the caller.
      return ports.folderOpener.open(ports.store.location).catch((error: unknown) => {
        log.warn('could not open the data folder', { code: toCoreError(error).code });
        return false;
      });
    },
  });

  const tokenService = deps.tokenService ?? new AccessTokenService({ documents: deps.documents, clock: ports.clock, randomBytes: ports.randomBytes, log });

  return {
    ...handlers,
    accounts: {
      ...handlers.accounts,
      async disconnect(input) {
        const result = await handlers.accounts.disconnect(input);
        // A script token limited to this account stops reading it at once, in every process (the file changes).
        await tokenService.forgetAccount(input.accountId);
        return result;
      },
    },
    tokens: createTokenHandlers({ tokens: tokenService, accessLog, repo, clock: ports.clock }),
    accessTokens: deps.accessTokens,
    hints: {
      networkChanged: (online) => {
        if (!closed) hints.networkChanged(online);
      },
      resumed: () => {
        if (!closed) hints.resumed();
      },
    },
    accessLog,
    start() {
      if (closed) return;
      queue.retryAll();
      autoSync?.start();
      lapseWatch?.start();
      if (autoSync) reachability.start();
    },
    idle: () => background.settle(60_000),
    releaseIndex: () => friendsQueries.release(),
    async close() {
      if (closed) return;
      closed = true;
      stopRetryOnOnline();
      stopHistoryFollowingQueue();
      stopLapseOnChange();
      stopWarmingAfterSync();
      lapseWatch?.stop();
      vaultControl.close();
      stopKeepingProblems();
      autoSync?.stop();
      reachability.stop();
      // A sign-in still held for the person's choice is discarded; its revocation is queued before the queue closes.
      await accounts.close().catch((error: unknown) => log.warn('could not discard a held sign-in', { code: toCoreError(error).code }));
      hurry();
      // Work on the wire gets a short grace period together, never an unbounded wait.
      await Promise.all([queue.close(), background.settle(CLOSE_GRACE_MS)]);
      events.clear();
      // The last second's requests are appended before the database closes.
      await accessLog.flush();
      friends.close();
    },
  };
}
