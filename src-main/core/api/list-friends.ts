// `friends.list`: a page of the friends store for one account or all of them,
// so it works with no network. Search goes to the store's full-text index
// (word prefixes in any order, case and accents ignored); pages are the
// contract's offsets over the store's name order. An account id Kith does not
// hold is an E_UNKNOWN_ACCOUNT, not an empty page.
import type { z } from 'zod';
import { KithError, type Friend, type FriendPage, type FriendQuerySchema } from '../../../src-contract/kith-api';
import type { AccountRepository } from '../accounts/account-repository';
import type { FriendsStoreAccess } from '../friends/friends-store-access';
import type { StoredFriend } from '../ports';

/** A query as the dispatcher parsed it against the contract, defaults filled in. */
export type CheckedFriendQuery = z.output<typeof FriendQuerySchema>;

export function createListFriends(deps: { repo: AccountRepository; friends: FriendsStoreAccess }): (q: CheckedFriendQuery) => Promise<FriendPage> {
  return async (q) => {
    // A script token limited to some accounts (accountIds) sees no other: one outside them reads as unknown.
    const outside = q.accountId && q.accountIds && !q.accountIds.includes(q.accountId);
    if (q.accountId && (outside || !(await deps.repo.get(q.accountId)))) throw new KithError('E_UNKNOWN_ACCOUNT', `There is no account ${q.accountId}.`);
    const store = await deps.friends.get();
    const text = q.search?.trim();
    const page = await store.search({
      ...(text ? { text } : {}),
      ...(q.accountId ? { accountId: q.accountId } : {}),
      ...(q.accountIds ? { accountIds: q.accountIds } : {}),
      limit: q.limit,
      offset: q.offset,
    });
    return { items: page.items.map(toFriend), offset: q.offset, total: page.total };
  };
}

/** The contract's Friend: the primary email and phone of the stored person. */
export function toFriend(f: StoredFriend): Friend {
  return {
    id: f.id,
    accountId: f.accountId,
    provider: f.provider,
    name: f.displayName,
    email: f.emails[0]?.value ?? null,
    phone: f.phones[0]?.value ?? null,
    avatarUrl: f.avatarUrl,
  };
}
