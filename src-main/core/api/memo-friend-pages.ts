// Scripts poll the same friends page over and over (and a window scrolls back
// over pages it saw): while the friends store's version is unchanged, the
// same query answers the same frozen page. Frozen, it is checked against the
// contract once by the dispatcher and serialised once by the REST route, both
// of which keep what they made for a frozen object (see dispatcher.ts and
// host/server/api-routes.ts). Any write to the store, in this process or
// another (a sync page, a disconnect), changes the version and empties the memo;
// so does any change to the accounts (a page carries each account's standing:
// needs reconnecting, permissions missing), announced by accountsChanged.
import type { KithMethodOutput } from '../../../src-contract/kith-api';
import type { FriendsStoreAccess } from '../friends/friends-store-access';
import type { CheckedFriendQuery } from './list-friends';
import type { EventHub } from './event-hub';

/** Pages kept per version: a few scrolled pages and the scripts polling the same queries. */
const PAGES_KEPT = 64;

/** A page of either shape (`shape: 'row'` or not), kept under the query that asked for it. */
type AnyFriendPage = KithMethodOutput<'friends.list'>;

export function memoFriendPages(
  list: (q: CheckedFriendQuery) => Promise<AnyFriendPage>,
  friends: FriendsStoreAccess,
  events: Pick<EventHub, 'on'>,
): (q: CheckedFriendQuery) => Promise<AnyFriendPage> {
  let memo: { version: string; pages: Map<string, AnyFriendPage> } = { version: '', pages: new Map() };
  events.on('accountsChanged', () => {
    memo = { version: '', pages: new Map() };
  });
  return async (q) => {
    const store = await friends.get();
    if (!store.version) return list(q);
    const version = await store.version();
    if (memo.version !== version) memo = { version, pages: new Map() };
    const key = JSON.stringify(q);
    const kept = memo.pages.get(key);
    if (kept) return kept;
    const kept2 = memo;
    const page = deepFreeze(await list(q));
    // Written meanwhile: this page may already be older than the store; keep it only if not.
    if ((await store.version()) === kept2.version) {
      if (kept2.pages.size >= PAGES_KEPT) kept2.pages.delete(kept2.pages.keys().next().value!);
      kept2.pages.set(key, page);
    }
    return page;
  };
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
