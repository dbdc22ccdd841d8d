// Syncing one account's friends: batches stream from the provider into maps
// keyed by person id (no quadratic work for 50,000 contacts), progress is
// announced per batch, and the cache is replaced only when the sync completes,
// so a failed sync leaves the last good cache and records why.
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
import type { FriendSyncOutcome, ProviderPerson } from '../providers/provider';
import type { Connectivity } from './connectivity';
import { peopleOf, type FriendsCache } from './friends-cache';

export interface FriendsSyncDeps {
  repo: AccountRepository;
  cache: FriendsCache;
  tokens: ProviderTokens;
  providers: ProviderRegistry;
  connectivity: Connectivity;
  events: EventHub;
  clock: Clock;
  log: Logger;
  /** Announces the account list after a sync changed counts or errors. */
  onAccountChanged(): void;
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
      const cached = await deps.cache.load(accountId, record.provider, record.lastSyncedAt);
      const syncToken = await deps.cache.syncToken(cached);
      const upserts = new Map<string, ProviderPerson>();
      const deletions = new Set<string>();
      const list = async (accessToken: string): Promise<FriendSyncOutcome> => {
        upserts.clear();
        deletions.clear();
        fetched = 0;
        const listing = providerFor(deps.providers, record.provider).listFriends(accessToken, { syncToken });
        // The listing's outcome may settle (rejected) before we await it; never leave it unhandled.
        listing.outcome.catch(() => {});
        for await (const batch of listing.batches) {
          if (state.abandoned) throw disconnectedDuringSync();
          for (const person of batch.upserts) {
            upserts.set(person.personId, person);
            deletions.delete(person.personId);
          }
          for (const personId of batch.deletions) {
            upserts.delete(personId);
            deletions.add(personId);
          }
          fetched += batch.upserts.length;
          if (batch.total !== null) total = batch.total;
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
      // Drained as the new index is built, so the streamed batch and the new cache are not held side by side.
      const people = outcome.mode === 'full' ? drain(upserts) : mergeIncremental(peopleOf(cached.index), upserts, deletions);
      const syncedAt = deps.clock.now();
      const friendTotal = outcome.friendTotal ?? (record.provider === 'facebook' ? total : null);
      const next = await deps.cache.commit(accountId, record.provider, { people, syncedAt, friendTotal, syncToken: outcome.nextSyncToken });
      const kept = await deps.repo.update(accountId, (r) => ({ ...r, lastSyncedAt: syncedAt, lastSyncError: null, friendCount: next.index.size, friendTotal }));
      if (!kept || state.abandoned) {
        // Disconnected while the cache was being written: nothing of the account may stay behind.
        await deps.cache.wipe(accountId);
        throw disconnectedDuringSync();
      }
      progress('done');
      deps.onAccountChanged();
      deps.log.info('friends synced', { accountId, mode: outcome.mode, count: next.index.size });
      return { accountId, ok: true, mode: outcome.mode, friendCount: next.index.size, syncedAt, error: null };
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

function* mergeIncremental(current: Iterable<ProviderPerson>, upserts: Map<string, ProviderPerson>, deletions: Set<string>): Iterable<ProviderPerson> {
  for (const person of current) {
    if (deletions.has(person.personId) || upserts.has(person.personId)) continue;
    yield person;
  }
  yield* drain(upserts);
}

function* drain(people: Map<string, ProviderPerson>): Iterable<ProviderPerson> {
  // Deleting the entry being visited is safe while iterating a Map.
  for (const [personId, person] of people) {
    people.delete(personId);
    yield person;
  }
}

function disconnectedDuringSync(): KithError {
  return new KithError('E_UNKNOWN_ACCOUNT', 'The account was disconnected during the sync.');
}
