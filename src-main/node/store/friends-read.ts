// Whole-list reads of the friends tables for the core's people index
// (core/friends/friends-index.ts): each account's people, the entries of a
// page by id, every match of a search, the words the search index holds for
// each (indexed-words.ts), and the stamps that say which
// account's list may have changed since the index last read it.
//
// The stamp is the account's friend_sync row as every write leaves it:
// beginSync sets `syncing`, each page of a sync that adds or removes people
// changes `friend_count`, and the last page sets `last_synced_at`; a
// trigger counts the pages of an incremental sync and the end of every sync
// in `writes` (saved-index-schema.ts), so the write path stays as it is.
import { z } from 'zod';
import { AccountIdSchema, ProviderIdSchema, type ProviderId } from '../../../src-contract/kith-api';
import type { AccountRow } from './friend-rows';
import type { EntryRef, FriendEntriesReader, StoredFriend } from './friends-store-port';
import { indexedTermsOf, indexedWordsOf } from './indexed-words';
import { accountMarker, providerMarker, searchExpression } from './search-expression';
import type { SqlConnection } from './sqlite-connection';
import { parsePerson } from './stored-person';
import { savedIndexOf, savedMergeKeysOf, savedWordsOf, saveIndex, saveWords } from './saved-index';

/** Ids per statement: the row holding their people stays some hundreds of KB. */
const REF_BATCH = 500;
// One row holding every person asked for, as ofAccount reads them: the binding's cost is per row.
// The ids are one parameter, a JSON array walked by json_each, each looked up by the account's
// unique (account_no, person_id) index (CROSS JOIN keeps json_each outermost, as written): one
// statement text for any count, where an IN list bound one parameter per id (a first page of 200
// read 15-25 % slower, bound as 500).
const BY_REFS = `SELECT '[' || group_concat(p.person, ',') || ']' AS people FROM json_each(?) j CROSS JOIN people p ON p.account_no = ? AND p.person_id = j.value`;

/** People per page of eachOfAccount: about 300 KB of text, short-lived enough for V8's young generation. */
const PEOPLE_PAGE = 1_000;
const PAGE_OF_ACCOUNT = `SELECT max(position) AS last, '[' || group_concat(person, ',') || ']' AS people
  FROM (SELECT position, person FROM people WHERE account_no = ? AND position > ? ORDER BY position LIMIT ?)`;

/** A person's place in its account's order (people.position). */
const PositionSchema = z.number().int().min(Number.MIN_SAFE_INTEGER).max(Number.MAX_SAFE_INTEGER);

const ScopeSchema = z.object({ accountId: AccountIdSchema.optional(), provider: ProviderIdSchema.optional() }).strict();

/** The reader's work, done synchronously on the connection; the store wraps it with its error handling. */
export type FriendsReaderWork = {
  [K in keyof FriendEntriesReader]: (...args: Parameters<FriendEntriesReader[K]>) => Awaited<ReturnType<FriendEntriesReader[K]>>;
};

// `writes` counts the writes that may change people in place (saved-index-schema.ts).
const stampOf = (row: AccountRow & { writes?: number }) => `${row.account_no}|${row.syncing ?? ''}|${row.friend_count}|${row.last_synced_at ?? ''}|${row.writes ?? 0}`;

export function createFriendsReader(sql: SqlConnection): FriendsReaderWork {
  const account = (accountId: string) => sql.first<AccountRow>('SELECT * FROM friend_sync WHERE account_id = ? LIMIT 1', [accountId]);

  return {
    stamps() {
      return sql
        .all<AccountRow>('SELECT * FROM friend_sync ORDER BY account_no')
        .map((row) => ({ accountId: row.account_id, provider: row.provider, order: row.account_no, stamp: stampOf(row) }));
    },

    ofAccount(accountId) {
      const acct = account(AccountIdSchema.parse(accountId));
      if (!acct) return [];
      // One row holding every person: the binding's cost is per row (tens of µs), SQLite's concatenation is not.
      const text = sql.first<{ people: string | null }>("SELECT '[' || group_concat(person, ',') || ']' AS people FROM people WHERE account_no = ?", [acct.account_no])?.people;
      return text ? (JSON.parse(text) as ReturnType<typeof parsePerson>[]) : [];
    },

    eachOfAccount(accountId, visit) {
      const acct = account(AccountIdSchema.parse(accountId));
      if (!acct) return;
      // Pages in position order, each one row as in ofAccount; one read transaction, so a sync
      // committing in another process meanwhile is seen wholly or not at all.
      sql.snapshot(() => {
        let after = Number.MIN_SAFE_INTEGER;
        for (;;) {
          const page = sql.first<{ last: number | null; people: string | null }>(PAGE_OF_ACCOUNT, [acct.account_no, after, PEOPLE_PAGE]);
          if (!page?.people || page.last === null) return;
          visit(JSON.parse(page.people) as ReturnType<typeof parsePerson>[]);
          after = page.last;
        }
      });
    },

    byRefs(refs) {
      // Each id once (a join, unlike IN, would give a person named twice twice).
      const byAccount = new Map<string, Set<string>>();
      for (const ref of refs) {
        const ids = byAccount.get(ref.accountId);
        if (ids) ids.add(ref.personId);
        else byAccount.set(ref.accountId, new Set([ref.personId]));
      }
      const found: StoredFriend[] = [];
      for (const [accountId, held] of byAccount) {
        const acct = account(AccountIdSchema.parse(accountId));
        if (!acct) continue;
        const ids = [...held];
        for (let at = 0; at < ids.length; at += REF_BATCH) {
          const text = sql.first<{ people: string | null }>(BY_REFS, [JSON.stringify(ids.slice(at, at + REF_BATCH)), acct.account_no])?.people;
          for (const person of text ? (JSON.parse(text) as ReturnType<typeof parsePerson>[]) : []) {
            found.push({ ...person, id: `${accountId}:${person.personId}`, accountId, provider: acct.provider });
          }
        }
      }
      return found;
    },

    indexedWords(accountId, after) {
      const id = AccountIdSchema.parse(accountId);
      const from = PositionSchema.parse(after ?? Number.MIN_SAFE_INTEGER);
      // Read first, outside a transaction: on a closed connection a statement fails as a store error.
      if (!account(id)) return null;
      // The stamp and the page read in one snapshot: words read across a sync's commit are never given the stamp of either side.
      const read = sql.snapshot(() => {
        const acct = account(id);
        return acct ? { acct, stamp: stampOf(acct), page: indexedTermsOf(sql, acct, from) } : null;
      });
      return read ? { ...indexedWordsOf(sql, read.stamp, read.page.rows), next: read.page.next } : null;
    },

    savedIndex: (half) => savedIndexOf(sql, half),
    savedMergeKeys: (accountId, stamp) => savedMergeKeysOf(sql, accountId, stamp),
    saveIndex: (index) => saveIndex(sql, index),
    savedWords: (stamps) => savedWordsOf(sql, stamps),
    saveWords: (stamps, words) => saveWords(sql, stamps, words),

    matching(text, scope) {
      const q = ScopeSchema.parse(scope);
      const markers: string[] = [];
      if (q.accountId) {
        const acct = account(q.accountId);
        if (!acct) return [];
        markers.push(accountMarker(acct.account_no));
      } else if (q.provider) {
        markers.push(providerMarker(q.provider as ProviderId));
      }
      const expression = searchExpression(z.string().max(200).parse(text), markers);
      if (!expression) return [];
      // As one JSON row of [account, person] pairs, for the same reason as ofAccount.
      const found = sql.first<{ refs: string | null }>(
        `SELECT json_group_array(json_array(a.account_id, p.person_id)) AS refs FROM people_search f JOIN people p ON p.position = f.rowid
         JOIN friend_sync a ON a.account_no = p.account_no WHERE people_search MATCH ?`,
        [expression],
      )?.refs;
      return found ? (JSON.parse(found) as [string, string][]).map(([accountId, personId]): EntryRef => ({ accountId, personId })) : [];
    },
  };
}
