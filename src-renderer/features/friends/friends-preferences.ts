// The Friends page's sort and "show separately" choices, kept in this browser's (or
// window's) local storage so they outlast a reload; validated on the way back in.
import { FriendSortSchema, FriendViewSchema, type FriendSort, type FriendView } from '../../../src-contract/kith-api';

const KEY = 'kith.friends.preferences';

export interface FriendsPreferences {
  sort: FriendSort;
  view: FriendView;
}

export function loadFriendsPreferences(storage: Pick<Storage, 'getItem'> | undefined = globalThis.localStorage): Partial<FriendsPreferences> {
  try {
    const raw = JSON.parse(storage?.getItem(KEY) ?? '{}') as Record<string, unknown>;
    const sort = FriendSortSchema.safeParse(raw.sort);
    const view = FriendViewSchema.safeParse(raw.view);
    return { ...(sort.success ? { sort: sort.data } : {}), ...(view.success ? { view: view.data } : {}) };
  } catch {
    return {};
  }
}

export function saveFriendsPreferences(preferences: FriendsPreferences, storage: Pick<Storage, 'setItem'> | undefined = globalThis.localStorage): void {
  try {
    storage?.setItem(KEY, JSON.stringify(preferences));
  } catch {
    // Storage full or refused: the choice holds for this session only.
  }
}
