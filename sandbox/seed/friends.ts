// Facebook friends, computed from (person, index). Facebook lists only the
// friends who also use the app; here every third friend does not, so
// summary.total_count is visibly larger than the list. The k-th friend who
// uses the app is found in O(1), so paging never scans.
import type { SeededPerson } from './people';
import { hueFor, initialsOf, nameFor } from './names';
import { avatarPath } from './avatars';

export interface SeedFriend {
  id: string;
  name: string;
  givenName: string;
  familyName: string;
  avatarPath: string;
}

/** How many of `total` friends use the app. */
export function appUsingFriendCount(total: number): number {
  return total - Math.floor(total / 3);
}

/** Index (among all friends) of the k-th friend who uses the app. */
export function appUsingFriendIndex(k: number): number {
  return Math.floor(k / 2) * 3 + (k % 2);
}

export function friendAt(person: SeededPerson, index: number): SeedFriend {
  const { given, family } = nameFor(index * 3 + person.ordinal * 29 + 5);
  return {
    id: `2000${person.ordinal}${String(index).padStart(10, '0')}`,
    name: `${given} ${family}`,
    givenName: given,
    familyName: family,
    avatarPath: avatarPath(initialsOf(given, family), hueFor(index * 3 + 1)),
  };
}
