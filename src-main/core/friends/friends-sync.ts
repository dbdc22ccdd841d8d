// Syncing one account's friends: each provider page is written to the friends
// store in one transaction with the sync state it leads to (applyPage), while
// the next page is already being fetched. A full sync's pages are staged and
// swapped in by its last commit, so a failed or killed sync leaves the last
// good list (or, incremental, changes the provider will send again) and
// records why. Progress is announced per page.
import { KithError, type SyncResult } from '../../../src-contract/kith-api';
import type { AccountRecord } from '../accounts/account-record';
import type { AccountRepository } from '../accounts/account-repository';
import { providerFor, type ProviderRegistry } from '../accounts/provider-registry';
import type { ProviderTokens } from '../accounts/provider-tokens';
import { hasCode } from '../../../src-contract/errors';
import { toCoreError } from '../api/core-error';
import type { EventHub } from '../api/event-hub';
import type { Clock, Logger } from '../ports';
import { missingPermissions, permissionScope, PermissionNotGranted } from '../providers/permission-scopes';
import type { FriendBatch, FriendSyncOutcome } from '../providers/provider';
import { nextTurn } from './background-slices';
import type { Connectivity } from './connectivity';
import type { FriendsStoreAccess } from './friends-store-access';
import { fromProviderPerson } from './stored-person';

export interface FriendsSyncDeps {
  repo: AccountRepository;
  friends: FriendsStoreAccess;
  tokens: ProviderTokens;
  providers: ProviderRegistry;
  connectivity: Connectivity;
  events: EventHub;
  clock: Clock;
  log: Logger;
  /** Announces the account list after a sync changed counts or errors. */
  onAccountChanged(): void;
  /** Runs work no caller waits for, where idle() and close() see it (without it, that work is left to the store). */
  background?(work: () => Promise<unknown>): void;
}

export interface FriendsSync {
  /** Syncs one account; never rejects for provider trouble (the result says), only for an unknown account. */
  sync(accountId: string): Promise<SyncResult>;
  /** Stops any sync of the account from committing (it was disconnected). */
  abandon(accountId: string): void;
}

export function createFriendsSync(deps: FriendsSyncDeps): FriendsSync {
  const running = new Map<string, { promise: Promise<SyncResult>; abandoned: boolean }>();

  /** Nothing to fetch: the person did not share their friends. The cache stays as it is; the account says why. */
  const skipped = (record: AccountRecord): SyncResult => ({
    accountId: record.id,
    ok: true,
    mode: null,
    friendCount: record.friendCount,
    syncedAt: record.lastSyncedAt,
    error: null,
  });

  async function run(record: AccountRecord, state: { abandoned: boolean }): Promise<SyncResult> {
    const accountId = record.id;
    if (missingPermissions(record.provider, record.scopes).includes('friends')) {
      deps.log.info('friends sync skipped: the person did not share their friends', { accountId });
      return skipped(record);
    }
    let fetched = 0;
    let total: number | null = null;
    const progress = (s: 'running' | 'done' | 'failed', error: KithError | null = null) =>
      deps.events.emit('syncProgress', { accountId, state: s, fetched, total, error: error?.toJSON() ?? null });
    progress('running');
    try {
      const store = await deps.friends.get();
      const syncToken = (await store.syncState(accountId))?.syncToken ?? null;
      const list = async (accessToken: string): Promise<FriendSyncOutcome> => {
        fetched = 0;
        let mode: 'full' | 'incremental' = syncToken ? 'incremental' : 'full';
        await store.beginSync(accountId, record.provider, mode);
        const listing = providerFor(deps.providers, record.provider).listFriends(accessToken, { syncToken });
        // The listing's outcome may settle (rejected) before we await it; never leave it unhandled.
        listing.outcome.catch(() => {});
        const pages = listing.batches[Symbol.asyncIterator]();
        let next = pages.next();
        for (;;) {
          const step = await next;
          if (step.done) break;
          if (state.abandoned) throw disconnectedDuringSync();
          // Fetch the next page while this one is written (one page ahead, no more).
          next = pages.next();
          next.catch(() => {});
          // The write below is synchronous work; the request for the next page leaves only once the
          // client's promise chain has run (auth headers, interceptors, fetch). One turn of the event
          // loop first, or the provider would start on the next page only after the write (measured:
          // every request was sent right after the previous page's commit, none during it).
          await nextTurn();
          const batch: FriendBatch = step.value;
          if (batch.mode && batch.mode !== mode) {
            // The provider restarted as a full listing (expired sync token): start staging afresh.
            mode = batch.mode;
            fetched = 0;
            await store.beginSync(accountId, record.provider, mode);
          }
          fetched += batch.upserts.length;
          if (batch.total !== null) total = batch.total;
          await store.applyPage(accountId, {
            upserts: batch.upserts.map(fromProviderPerson),
            deletes: batch.deletions,
            syncState: { cursor: 'next-page' },
          });
          progress('running');
        }
        return listing.outcome;
      };
      const accessToken = await deps.tokens.accessToken(accountId);
      let outcome: FriendSyncOutcome;
      try {
        outcome = await list(accessToken);
      } catch (error) {
        // A token refused before its expiry (revoked server-side, clocks apart) may only need a refresh:
        // try once with a new one before calling the grant gone.
        if (!hasCode(error, 'E_GRANT_REVOKED')) throw error;
        outcome = await list(await deps.tokens.accessToken(accountId, { rejected: accessToken }));
      }
      deps.connectivity.observe(null);
      if (state.abandoned) throw disconnectedDuringSync();
      const syncedAt = deps.clock.now();
      const friendTotal = outcome.friendTotal ?? (record.provider === 'facebook' ? total : null);
      // The last commit completes the sync: a full one swaps its staged pages in, with the new sync token.
      const done = await store.applyPage(accountId, { upserts: [], deletes: [], syncState: { cursor: null, syncToken: outcome.nextSyncToken, friendTotal, syncedAt } });
      const friendCount = done.friendCount;
      const kept = await deps.repo.update(accountId, (r) => ({ ...r, lastSyncedAt: syncedAt, lastSyncError: null, friendCount, friendTotal }));
      if (!kept || state.abandoned) {
        // Disconnected while the store was being written: nothing of the account may stay behind.
        await store.forgetAccount(accountId);
        throw disconnectedDuringSync();
      }
      progress('done');
      deps.onAccountChanged();
      deps.log.info('friends synced', { accountId, mode: outcome.mode, count: friendCount });
      return { accountId, ok: true, mode: outcome.mode, friendCount, syncedAt, error: null };
    } catch (thrown) {
      if (thrown instanceof PermissionNotGranted && !state.abandoned) {
        // Withdrawn at the provider since Kith last asked: the scopes now say what the provider says.
        const scope = permissionScope(record.provider, thrown.permission);
        const current = await deps.repo.update(accountId, (r) => ({ ...r, scopes: r.scopes.filter((s) => s !== scope) })).catch(() => undefined);
        deps.connectivity.observe(null);
        progress('done');
        deps.onAccountChanged();
        deps.log.info('friends sync skipped: the provider says the friends permission is no longer granted', { accountId });
        return skipped(current ?? record);
      }
      const error = toCoreError(thrown);
      deps.connectivity.observe(error);
      // Bookkeeping must not turn a failed sync into a rejected one (the storage may be what failed).
      const quietly = <T>(task: () => Promise<T>) => task().catch(() => undefined);
      if (hasCode(error, 'E_GRANT_REVOKED')) await quietly(() => deps.tokens.markNeedsReconnect(accountId, error));
      // A full sync's staged pages are dropped; the list held before it stays.
      // Disconnected meanwhile: nothing of the account may stay behind.
      await quietly(async () => {
        const store = await deps.friends.get();
        await (state.abandoned ? store.forgetAccount(accountId) : store.abandonSync(accountId));
      });
      const current = state.abandoned ? undefined : await quietly(() => deps.repo.update(accountId, (r) => ({ ...r, lastSyncError: error.toJSON() })));
      progress('failed', error);
      if (current) deps.onAccountChanged();
      deps.log.warn('friends sync failed', { accountId, code: error.code });
      return {
        accountId,
        ok: false,
        mode: null,
        friendCount: current?.friendCount ?? 0,
        syncedAt: current?.lastSyncedAt ?? null,
        error: error.toJSON(),
      };
    }
  }

  /** The store's log, which a full sync leaves long (FriendsStore.checkpoint), is folded once the caller has the result. */
  const foldStoreLog = () =>
    deps.background?.(async () => {
      // A macrotask later: whoever awaits the sync has been answered (its promise callbacks ran) before the fold starts.
      await nextTurn();
      const store = await deps.friends.get();
      await store.checkpoint?.();
    });

  return {
    async sync(accountId) {
      const existing = running.get(accountId);
      if (existing) return existing.promise;
      const record = await deps.repo.get(accountId);
      if (!record) throw new KithError('E_UNKNOWN_ACCOUNT', `There is no account ${accountId}.`);
      const again = running.get(accountId);
      if (again) return again.promise;
      const state = { abandoned: false, promise: null as unknown as Promise<SyncResult> };
      state.promise = run(record, state).finally(() => {
        if (running.get(accountId) === state) running.delete(accountId);
        foldStoreLog();
      });
      running.set(accountId, state);
      return state.promise;
    },
    abandon(accountId) {
      const current = running.get(accountId);
      if (current) current.abandoned = true;
      running.delete(accountId);
    },
  };
}

function disconnectedDuringSync(): KithError {
  return new KithError('E_UNKNOWN_ACCOUNT', 'The account was disconnected during the sync.');
}
