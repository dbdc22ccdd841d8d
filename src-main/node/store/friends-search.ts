// Searches and lists the friends tables in name order. The search index
// returns matches by rowid, which is name order (row-order.ts), so a page is
// one range read of the index whatever the number of matches; plain lists
// read people by position. Totals: the index's count for a search (kept for
// the next page of the same search until anything is written, here or in
// another process), the per-account counts for a plain list.
import { z } from 'zod';
import { AccountIdSchema, ProviderIdSchema, type ProviderId } from '../../../src-contract/kith-api';
import type { AccountRow, PeopleRow } from './friend-rows';
import { decodeCursor, encodeCursor } from './friends-cursor';
import type { FriendsSearch, FriendsSearchPage, StoredFriend } from './friends-store-port';
import { accountMarker, markerExpression, providerMarker, searchExpression } from './search-expression';
import type { SqlConnection } from './sqlite-connection';
import { parsePerson } from './stored-person';

const FriendsSearchSchema = z
  .object({
    text: z.string().max(200).optional(),
    accountId: AccountIdSchema.optional(),
    accountIds: z.array(AccountIdSchema).max(100).readonly().optional(),
    provider: ProviderIdSchema.optional(),
    limit: z.number().int().min(1).max(1000),
    after: z.string().max(8000).nullish(),
    offset: z.number().int().nonnegative().max(10_000_000).optional(),
  })
  .strict();

export interface FriendsSearcher {
  search(query: FriendsSearch): FriendsSearchPage;
  /** Something was written by this connection: a kept count may be stale. */
  written(): void;
  /**
   * Changes with every write to the friends: by another connection (PRAGMA data_version), or
   * on this one (every friends write goes through a store's writing(), which calls written()). Not total_changes(): that also counts the access log's inserts on this
   * connection, which would empty the page memo every second while scripts poll.
   */
  version(): string;
}

/**
 * Per connection, not per searcher: every friends store on a connection sees the others'
 * writes (tests share one in-memory connection between two "processes"). The id tells one
 * connection's versions from another's (a database reopened after a reset counts again).
 */
const writeCounts = new WeakMap<SqlConnection, { id: number; writes: number }>();
let connectionsSeen = 0;

function writeCountOf(sql: SqlConnection): { id: number; writes: number } {
  let count = writeCounts.get(sql);
  if (!count) {
    count = { id: ++connectionsSeen, writes: 0 };
    writeCounts.set(sql, count);
  }
  return count;
}

export function createFriendsSearcher(sql: SqlConnection): FriendsSearcher {
  let counted: { expression: string; version: string; total: number } | null = null;
  const count = writeCountOf(sql);
  const account = (accountId: string) => sql.first<AccountRow>('SELECT * FROM friend_sync WHERE account_id = ? LIMIT 1', [accountId]);

  const versionNow = () => `${count.id}:${sql.dataVersion()}:${count.writes}`;

  function matchCount(expression: string): number {
    const version = versionNow();
    if (counted?.expression === expression && counted.version === version) return counted.total;
    const total = sql.first<{ n: number }>('SELECT count(*) AS n FROM people_search WHERE people_search MATCH ?', [expression])?.n ?? 0;
    counted = { expression, version, total };
    return total;
  }

  const SELECT_FRIEND = 'SELECT p.position, p.account_no, p.person_id, p.sort_key, p.person, a.account_id, a.provider FROM';
  type FriendRow = PeopleRow & { account_id: string; provider: ProviderId };

  function friendOf(row: FriendRow): StoredFriend {
    return { ...parsePerson(row.person), id: `${row.account_id}:${row.person_id}`, accountId: row.account_id, provider: row.provider };
  }

  /** Several accounts (a limited token): one marker group, `("#a1" OR "#a2")`, before any search words. */
  function someAccounts(q: z.output<typeof FriendsSearchSchema>, accountIds: readonly string[]): FriendsSearchPage | null {
    const held = accountIds
      .map(account)
      .filter((a): a is AccountRow => a !== undefined && (!q.provider || a.provider === q.provider) && (!q.accountId || a.account_id === q.accountId));
    if (held.length === 0) return { items: [], nextCursor: null, total: 0 };
    // One account: the plain single-account path.
    if (held.length === 1) return search({ ...q, accountIds: undefined, accountId: held[0]!.account_id });
    return null;
  }

  function search(input: FriendsSearch): FriendsSearchPage {
    const q = FriendsSearchSchema.parse(input);
    if (q.accountIds) {
      const narrowed = someAccounts(q, q.accountIds);
      if (narrowed) return narrowed;
      return searchAccounts(q, q.accountIds.map(account).filter((a): a is AccountRow => a !== undefined && (!q.provider || a.provider === q.provider)));
    }
    const markers: string[] = [];
    let accountNo: number | null = null;
    if (q.accountId) {
      const acct = account(q.accountId);
      if (!acct || (q.provider && acct.provider !== q.provider)) return { items: [], nextCursor: null, total: 0 };
      accountNo = acct.account_no;
      markers.push(accountMarker(acct.account_no));
    } else if (q.provider) {
      markers.push(providerMarker(q.provider));
    }
    let after = 0;
    if (q.after) {
      const key = decodeCursor(q.after);
      after =
        sql.first<{ position: number }>(
          `SELECT position FROM people WHERE (sort_key, account_no, person_id) <= (?, ?, ?)
           ORDER BY sort_key DESC, account_no DESC, person_id DESC LIMIT 1`,
          [key.sortKey, key.accountNo, key.personId],
        )?.position ?? 0;
    }
    const take = q.limit + 1;
    // OFFSET steps over rows in name order (cheap per row, no sort); a keyset `after` is cheaper still.
    const skip = q.offset ?? 0;
    const expression = q.text ? searchExpression(q.text, markers) : null;
    let rows: FriendRow[];
    let total: number;
    const join = 'JOIN friend_sync a ON a.account_no = p.account_no';
    if (expression) {
      rows = sql.all<FriendRow>(
        `${SELECT_FRIEND} people_search f JOIN people p ON p.position = f.rowid ${join}
         WHERE people_search MATCH ? AND f.rowid > ? ORDER BY f.rowid LIMIT ? OFFSET ?`,
        [expression, after, take, skip],
      );
      total = matchCount(expression);
    } else if (accountNo !== null) {
      rows = sql.all<FriendRow>(`${SELECT_FRIEND} people p ${join} WHERE p.account_no = ? AND p.position > ? ORDER BY p.position LIMIT ? OFFSET ?`, [accountNo, after, take, skip]);
      total = sql.first<{ n: number }>('SELECT friend_count AS n FROM friend_sync WHERE account_no = ?', [accountNo])?.n ?? 0;
    } else if (q.provider) {
      rows = sql.all<FriendRow>(
        `${SELECT_FRIEND} people_search f JOIN people p ON p.position = f.rowid ${join}
         WHERE people_search MATCH ? AND f.rowid > ? ORDER BY f.rowid LIMIT ? OFFSET ?`,
        [markerExpression(markers)!, after, take, skip],
      );
      total = sql.first<{ n: number }>('SELECT coalesce(sum(friend_count), 0) AS n FROM friend_sync WHERE provider = ?', [q.provider])?.n ?? 0;
    } else {
      rows = sql.all<FriendRow>(`${SELECT_FRIEND} people p ${join} WHERE p.position > ? ORDER BY p.position LIMIT ? OFFSET ?`, [after, take, skip]);
      total = sql.first<{ n: number }>('SELECT coalesce(sum(friend_count), 0) AS n FROM friend_sync')?.n ?? 0;
    }
    const more = rows.length > q.limit;
    const items = rows.slice(0, q.limit);
    const lastRow = items.at(-1);
    return {
      items: items.map(friendOf),
      nextCursor: more && lastRow ? encodeCursor({ sortKey: lastRow.sort_key, accountNo: lastRow.account_no, personId: lastRow.person_id }) : null,
      total,
    };
  }

  /** Two or more accounts, by the index: their markers OR'ed, any search words AND'ed to that. */
  function searchAccounts(q: z.output<typeof FriendsSearchSchema>, held: AccountRow[]): FriendsSearchPage {
    const group = `(${held.map((a) => markerExpression([accountMarker(a.account_no)])).join(' OR ')})`;
    const words = q.text ? searchExpression(q.text, []) : null;
    const expression = words ? `${group} AND (${words})` : group;
    const take = q.limit + 1;
    const rows = sql.all<FriendRow>(
      `${SELECT_FRIEND} people_search f JOIN people p ON p.position = f.rowid JOIN friend_sync a ON a.account_no = p.account_no
       WHERE people_search MATCH ? ORDER BY f.rowid LIMIT ? OFFSET ?`,
      [expression, take, q.offset ?? 0],
    );
    const total = words ? matchCount(expression) : held.reduce((sum, a) => sum + (a.friend_count ?? 0), 0);
    const items = rows.slice(0, q.limit);
    return { items: items.map(friendOf), nextCursor: null, total };
  }

  return {
    search,
    written: () => void count.writes++,
    version: versionNow,
  };
}
