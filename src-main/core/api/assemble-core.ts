// Wires the services into one object implementing KithApi. No side effect
// happens in here beyond what the caller asks for: the revocation retry at
// startup is started by `start()`, and close() stops every timer.
import { KithError, type KithHandlers, type KithStatus, type SyncResult } from '../../../src-contract/kith-api';
import { createAccountRepository } from '../accounts/account-repository';
import { createAccountsService } from '../accounts/accounts-service';
import { createProviderTokens } from '../accounts/provider-tokens';
import { createAutoSync } from '../friends/auto-sync';
import { createConnectivity } from '../friends/connectivity';
import { createFriendsCache } from '../friends/friends-cache';
import { createFriendsQuery } from '../friends/friends-query';
import { createFriendsSync } from '../friends/friends-sync';
import { createDisconnect } from '../revocation/disconnect';
import { createRevocationQueue } from '../revocation/revocation-queue';
import type { CoreDeps } from './core-deps';
import { toCoreError } from './core-error';
import { createEventHub } from './event-hub';

/** The core's KithApi, as handlers: the shells' dispatcher validates every input before it gets here. */
export interface AssembledCore<AccessTokens> extends KithHandlers {
  readonly accessTokens: AccessTokens;
  /** Retries revocations left queued by an earlier run, and starts the periodic sync. */
  start(): void;
  close(): Promise<void>;
}

export function assembleKithCore<AccessTokens>(deps: CoreDeps<AccessTokens>): AssembledCore<AccessTokens> {
  const { ports } = deps;
  const log = ports.log;
  const events = createEventHub(log);
  const connectivity = createConnectivity(events);
  const repo = createAccountRepository(deps.documents);
  const googleAppInTesting = deps.googleAppInTesting ?? false;
  const background = new Set<Promise<unknown>>();
  let closed = false;

  const announce = () => {
    void accounts.announce().catch((error: unknown) => log.warn('could not announce accounts', { code: toCoreError(error).code }));
  };
  const runInBackground = (task: Promise<unknown>) => {
    const tracked = task.catch((error: unknown) => log.warn('background task failed', { code: toCoreError(error).code }));
    background.add(tracked);
    void tracked.finally(() => background.delete(tracked));
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
  const cache = createFriendsCache(deps.documents, ports.cipher, log);
  const query = createFriendsQuery();
  const friendsSync = createFriendsSync({
    repo,
    cache,
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
    onReconnect: (provider, subject) => queue.forget(provider, subject),
    holdRevocations: (provider) => queue.hold(provider),
    revokeAbandoned: async (item) => {
      const id = await queue.enqueue(item);
      // Held until the login releases its hold on this provider's revocations; then it goes at once.
      void queue.attempt(id);
    },
    onConnected: (record) => {
      if (deps.syncAfterConnect !== false && !closed) runInBackground(friendsSync.sync(record.id));
    },
  });
  const disconnect = createDisconnect({
    repo,
    vault: deps.vault,
    cache,
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

  const open = () => {
    if (closed) throw new KithError('E_INTERNAL', 'Kith is shutting down.');
  };

  async function syncEveryAccount(): Promise<SyncResult[]> {
    const results: SyncResult[] = [];
    // One account after another: gentler on provider rate limits than all at once.
    for (const record of await repo.all()) {
      try {
        results.push(await friendsSync.sync(record.id));
      } catch (error) {
        // Disconnected meanwhile: nothing to report for it.
        if (toCoreError(error).code !== 'E_UNKNOWN_ACCOUNT') throw error;
      }
    }
    return results;
  }
  const autoSync =
    deps.autoSync === false
      ? null
      : createAutoSync({ scheduler: deps.scheduler, connectivity, syncAll: syncEveryAccount, ...(deps.autoSync ? { timing: deps.autoSync } : {}) });

  return {
    accessTokens: deps.accessTokens,
    accounts: {
      async list() {
        open();
        return accounts.list();
      },
      async connect({ provider }) {
        open();
        return accounts.connect(provider);
      },
      async cancelConnect({ loginId }) {
        accounts.cancel(loginId);
        return null;
      },
      async disconnect({ accountId }) {
        open();
        return disconnect(accountId);
      },
    },
    friends: {
      async list(q) {
        open();
        const records = await repo.all();
        const chosen = q.accountId ? records.filter((r) => r.id === q.accountId) : records;
        if (q.accountId && chosen.length === 0) throw new KithError('E_UNKNOWN_ACCOUNT', `There is no account ${q.accountId}.`);
        const indexes = await Promise.all(chosen.map(async (r) => (await cache.load(r.id, r.provider, r.lastSyncedAt)).index));
        return query.run(q, indexes);
      },
    },
    sync: {
      async run({ accountId }) {
        open();
        if (accountId) return [await friendsSync.sync(accountId)];
        return syncEveryAccount();
      },
    },
    status: {
      async get(): Promise<KithStatus> {
        // Reading the account list first means a damaged one is found and reported here,
        // even in a process (the CLI's `kith status`) that has not read it yet.
        await repo.all();
        return {
          protection: await ports.cipher.protection(),
          dataDir: ports.store.location,
          online: connectivity.online,
          pendingRevocations: await queue.pending(),
          storageProblems: deps.documents.problems().map(({ document, message }) => ({ document, message })),
          shell: deps.shell,
          version: deps.version,
        };
      },
    },
    events: {
      on: (name, listener) => events.on(name, listener),
    },
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
      accounts.close();
      // Work on the wire gets a short grace period together, never an unbounded wait.
      await Promise.all([
        queue.close(),
        Promise.race([Promise.allSettled([...background]), new Promise((resolve) => setTimeout(resolve, 2_000).unref())]),
      ]);
      events.clear();
    },
  };
}
