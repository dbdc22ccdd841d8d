// Search and paging over the cached friends of one account or all of them,
// served from the in-memory indexes: stable order by name, case-insensitive
// match on name, email or phone. The merged all-accounts view and the last
// search's matches are kept, so scrolling through pages costs a slice.
import type { z } from 'zod';
import type { FriendPage, FriendQuerySchema } from '../../../src-contract/kith-api';
import { compareEntries, fold, type FriendEntry, type FriendIndex } from './friend-index';

/** A query as the dispatcher parsed it against the contract, defaults filled in. */
export type CheckedFriendQuery = z.output<typeof FriendQuerySchema>;

export interface FriendsQuery {
  run(query: CheckedFriendQuery, indexes: FriendIndex[]): FriendPage;
}

export function createFriendsQuery(): FriendsQuery {
  let merged: { key: string; entries: FriendEntry[] } | null = null;
  let matches: { key: string; entries: FriendEntry[] } | null = null;

  function view(indexes: FriendIndex[]): { key: string; entries: FriendEntry[] } {
    const key = indexes.map((i) => `${i.accountId}@${i.version}`).join(',');
    if (indexes.length === 1) return { key, entries: indexes[0]!.sorted() };
    if (merged?.key !== key) {
      merged = { key, entries: indexes.flatMap((i) => i.sorted()).sort(compareEntries) };
    }
    return merged;
  }

  return {
    run(q, indexes) {
      const all = view(indexes);
      const needle = fold(q.search?.trim() ?? '');
      let entries = all.entries;
      if (needle) {
        const key = `${all.key}|${needle}`;
        if (matches?.key !== key) matches = { key, entries: all.entries.filter((e) => e.haystack.includes(needle)) };
        entries = matches.entries;
      }
      return {
        items: entries.slice(q.offset, q.offset + q.limit).map((e) => ({ ...e.friend })),
        offset: q.offset,
        total: entries.length,
      };
    },
  };
}
