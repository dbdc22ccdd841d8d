// `friends.list`: a page of the friends store for one account or all of them,
// so it works with no network. Search goes to the store's full-text index
// (word prefixes in any order, case and accents ignored). An account id Kith
// does not hold is an E_UNKNOWN_ACCOUNT, not an empty page. Each page says
// where every account it covers stands, and, when empty, why (empty-state.ts).
import type { z } from 'zod';
import { KithError, type FriendPage, type FriendQuerySchema } from '../../../src-contract/kith-api';
import type { AccountRecord } from '../accounts/account-record';
import type { AccountRepository } from '../accounts/account-repository';
import { accountStanding, emptyReason, type AccountStanding } from '../friends/empty-state';
import { toFriend, type SourceAccount } from '../friends/friend-person';
import type { FriendsStoreAccess } from '../friends/friends-store-access';
import type { FriendsStore, StoredFriend } from '../ports';

/** A query as the dispatcher parsed it against the contract, defaults filled in. */
export type CheckedFriendQuery = z.output<typeof FriendQuerySchema>;

export interface FriendsScope {
  records: AccountRecord[];
  standings: AccountStanding[];
}

/** The accounts a query covers and where each stands; E_UNKNOWN_ACCOUNT for an account Kith does not hold. */
export async function scopeOf(repo: AccountRepository, store: FriendsStore, q: { accountId?: string | undefined; provider?: string | undefined }): Promise<FriendsScope> {
  const all = await repo.all();
  if (q.accountId && !all.some((r) => r.id === q.accountId)) throw new KithError('E_UNKNOWN_ACCOUNT', `There is no account ${q.accountId}.`);
  const records = all.filter((r) => (!q.accountId || r.id === q.accountId) && (!q.provider || r.provider === q.provider));
  const standings = await Promise.all(
    records.map(async (r) => {
      const state = await store.syncState(r.id);
      return accountStanding({
        accountId: r.id,
        provider: r.provider,
        scopes: r.scopes,
        status: r.status,
        lastSyncedAt: r.lastSyncedAt,
        syncing: state?.syncing != null,
        entries: state?.friendCount ?? 0,
      });
    }),
  );
  return { records, standings };
}

export function sourceAccountOf(record: AccountRecord): SourceAccount {
  return { displayName: record.displayName, email: record.email, lastSyncedAt: record.lastSyncedAt };
}

export function createListFriends(deps: { repo: AccountRepository; friends: FriendsStoreAccess }): (q: CheckedFriendQuery) => Promise<FriendPage> {
  return async (q) => {
    const store = await deps.friends.get();
    const scope = await scopeOf(deps.repo, store, q);
    const byId = new Map(scope.records.map((r) => [r.id, r]));
    const text = q.search?.trim();
    const page = await store.search({
      ...(text ? { text } : {}),
      ...(q.accountId ? { accountId: q.accountId } : {}),
      ...(q.provider ? { provider: q.provider } : {}),
      ...(q.after ? { after: q.after } : {}),
      limit: q.limit,
      offset: q.offset,
    });
    const part = (entry: StoredFriend) => {
      const record = byId.get(entry.accountId);
      return { entry, account: record ? sourceAccountOf(record) : { displayName: '', email: null, lastSyncedAt: null }, sameAs: null };
    };
    return {
      items: page.items.map((entry) => toFriend([part(entry)])),
      offset: q.offset,
      total: page.total,
      nextCursor: page.nextCursor,
      counts: { people: page.total, entries: page.total },
      letters: null,
      empty: emptyReason(scope.standings, page.total),
      accounts: scope.standings,
    };
  };
}
