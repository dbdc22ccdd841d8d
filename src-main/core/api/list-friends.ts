// `friends.list`: a page of the offline cache of one account or all of them,
// so it works with no network. An account id Kith does not hold is an
// E_UNKNOWN_ACCOUNT, not an empty page.
import { KithError, type FriendPage } from '../../../src-contract/kith-api';
import type { AccountRepository } from '../accounts/account-repository';
import type { FriendsCache } from '../friends/friends-cache';
import type { CheckedFriendQuery, FriendsQuery } from '../friends/friends-query';

export function createListFriends(deps: { repo: AccountRepository; cache: FriendsCache; query: FriendsQuery }): (q: CheckedFriendQuery) => Promise<FriendPage> {
  return async (q) => {
    const records = await deps.repo.all();
    const chosen = q.accountId ? records.filter((r) => r.id === q.accountId) : records;
    if (q.accountId && chosen.length === 0) throw new KithError('E_UNKNOWN_ACCOUNT', `There is no account ${q.accountId}.`);
    const indexes = await Promise.all(chosen.map(async (r) => (await deps.cache.load(r.id, r.provider, r.lastSyncedAt)).index));
    return deps.query.run(q, indexes);
  };
}
