// FriendsStorePort over the encrypted Kith database (friends-schema.ts).
//
// Writes: one transaction per provider page, carrying the sync state the
// page leads to. An incremental page changes people in place. A full sync
// stages its pages in people_staged; its last page, in the same transaction,
// swaps the staged list in: people gone are deleted, people changed are
// updated, new ones are placed in name order — so readers, in this process
// or another, see the old list or the new one, never a mix.
// Reads: the full-text index returns matches in name order (row-order.ts),
// so a page is one indexed range read; counts come from the index (searches)
// or from the kept per-account counts (plain lists).
import { z } from 'zod';
import { AccountIdSchema, KithError, ProviderIdSchema, type ProviderId } from '../../../src-contract/kith-api';
import { decodeCursor, encodeCursor } from './friends-cursor';
import type { FriendsSearch, FriendsSearchPage, FriendsStorePort, FriendSyncState, StoredFriend, SyncPage } from './friends-store-port';
import type { KithDatabase } from './kith-database';
import { compareKeys, placeInOrder, type Move, type OrderKey } from './row-order';
import { accountMarker, markerExpression, providerMarker, searchExpression } from './search-expression';
import type { SqlValue } from './sqlite-connection';
import { storeFailure } from './store-error';
import { searchTextOf, sortKeyOf, StoredPersonSchema, type StoredPerson } from './stored-person';

const MAX_PAGE_ITEMS = 10_000;

const SyncPageSchema = z
  .object({
    upserts: z.array(StoredPersonSchema).max(MAX_PAGE_ITEMS),
    deletes: z.array(z.string().min(1).max(200)).max(MAX_PAGE_ITEMS),
    syncState: z
      .object({
        cursor: z.string().max(8192).nullable(),
        syncToken: z.string().max(8192).nullable().optional(),
        friendTotal: z.number().int().nonnegative().nullable().optional(),
        syncedAt: z.number().int().nonnegative().optional(),
      })
      .strict(),
  })
  .strict();

const FriendsSearchSchema = z
  .object({
    text: z.string().max(200).optional(),
    accountId: AccountIdSchema.optional(),
    provider: ProviderIdSchema.optional(),
    limit: z.number().int().min(1).max(1000),
    after: z.string().max(8000).nullish(),
  })
  .strict();

interface AccountRow {
  account_no: number;
  account_id: string;
  provider: ProviderId;
  syncing: 'full' | 'incremental' | null;
  cursor: string | null;
  sync_token: string | null;
  last_synced_at: number | null;
  friend_count: number;
  friend_total: number | null;
}

/** A person as stored in a row (people and people_staged share these columns). */
interface PersonColumns {
  person_id: string;
  sort_key: string;
  display_name: string;
  given_name: string | null;
  family_name: string | null;
  emails: string;
  phones: string;
  avatar_url: string | null;
  provider_updated_at: string | null;
}

interface PeopleRow extends PersonColumns {
  position: number;
  account_no: number;
}

const PERSON_COLUMNS = 'person_id, sort_key, display_name, given_name, family_name, emails, phones, avatar_url, provider_updated_at';
const SAME_CONTENT = `p.display_name IS s.display_name AND p.given_name IS s.given_name AND p.family_name IS s.family_name
  AND p.emails IS s.emails AND p.phones IS s.phones AND p.avatar_url IS s.avatar_url AND p.provider_updated_at IS s.provider_updated_at`;

function columnsOf(person: StoredPerson): PersonColumns {
  return {
    person_id: person.personId,
    sort_key: sortKeyOf(person),
    display_name: person.displayName,
    given_name: person.givenName,
    family_name: person.familyName,
    emails: JSON.stringify(person.emails),
    phones: JSON.stringify(person.phones),
    avatar_url: person.avatarUrl,
    provider_updated_at: person.providerUpdatedAt,
  };
}

const valuesOf = (c: PersonColumns): SqlValue[] => [
  c.person_id,
  c.sort_key,
  c.display_name,
  c.given_name,
  c.family_name,
  c.emails,
  c.phones,
  c.avatar_url,
  c.provider_updated_at,
];

const sameContent = (a: PersonColumns, b: PersonColumns) =>
  a.display_name === b.display_name &&
  a.given_name === b.given_name &&
  a.family_name === b.family_name &&
  a.emails === b.emails &&
  a.phones === b.phones &&
  a.avatar_url === b.avatar_url &&
  a.provider_updated_at === b.provider_updated_at;

function personOf(c: PersonColumns): StoredPerson {
  return {
    personId: c.person_id,
    displayName: c.display_name,
    givenName: c.given_name,
    familyName: c.family_name,
    emails: JSON.parse(c.emails) as StoredPerson['emails'],
    phones: JSON.parse(c.phones) as StoredPerson['phones'],
    avatarUrl: c.avatar_url,
    providerUpdatedAt: c.provider_updated_at,
  };
}

function stateOf(row: AccountRow): FriendSyncState {
  return {
    accountId: row.account_id,
    provider: row.provider,
    syncing: row.syncing,
    cursor: row.cursor,
    syncToken: row.sync_token,
    lastSyncedAt: row.last_synced_at,
    friendCount: row.friend_count,
    friendTotal: row.friend_total,
  };
}

export function createSqliteFriendsStore(db: KithDatabase): FriendsStorePort {
  const { sql } = db;
  /** The last search count, valid while nothing was written (here, or by another process: data_version). */
  let counted: { expression: string; version: string; total: number } | null = null;
  let writes = 0;

  const guarded =
    <A extends unknown[], R>(work: (...args: A) => R) =>
    async (...args: A): Promise<R> => {
      try {
        return work(...args);
      } catch (error) {
        if (error instanceof z.ZodError) throw new KithError('E_INVALID_INPUT', 'The friends store was given data it does not accept.');
        throw storeFailure(error, db.file);
      }
    };

  const account = (accountId: string) => sql.first<AccountRow>('SELECT * FROM friend_sync WHERE account_id = ? LIMIT 1', [accountId]);

  const markersOf = (row: Pick<AccountRow, 'account_no' | 'provider'>) => [accountMarker(row.account_no), providerMarker(row.provider)];

  function index(position: number, columns: PersonColumns, markers: readonly string[]): void {
    sql.run('INSERT INTO people_search (rowid, terms) VALUES (?, ?)', [position, searchTextOf(personOf(columns), markers)]);
  }

  function unindex(position: number): void {
    sql.run('DELETE FROM people_search WHERE rowid = ?', [position]);
  }

  /** Moved rows keep their text; only their index entries follow them. */
  function reindex(moves: readonly Move[]): void {
    for (const move of moves) unindex(move.from);
    for (const move of moves) {
      const row = sql.first<PeopleRow & { provider: ProviderId }>(
        'SELECT p.*, a.provider FROM people p JOIN friend_sync a ON a.account_no = p.account_no WHERE p.position = ? LIMIT 1',
        [move.to],
      );
      if (row) index(move.to, row, markersOf(row));
    }
  }

  function insertPeople(acct: AccountRow, rows: readonly PersonColumns[]): void {
    const keys: OrderKey[] = rows.map((r) => ({ sortKey: r.sort_key, accountNo: acct.account_no, personId: r.person_id }));
    const sorted = keys.map((key, i) => ({ key, row: rows[i]! })).sort((a, b) => compareKeys(a.key, b.key));
    const markers = markersOf(acct);
    placeInOrder(
      sql,
      sorted.map((s) => s.key),
      (from, to, positions) => {
        for (let k = from; k < to; k++) insertAt(positions[k - from]!, acct.account_no, sorted[k]!.row, markers);
      },
      reindex,
    );
  }

  function insertAt(position: number, accountNo: number, row: PersonColumns, markers: readonly string[]): void {
    sql.run(`INSERT INTO people (position, account_no, ${PERSON_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, [position, accountNo, ...valuesOf(row)]);
    index(position, row, markers);
  }

  function deleteAt(position: number): void {
    unindex(position);
    sql.run('DELETE FROM people WHERE position = ?', [position]);
  }

  function applyIncremental(acct: AccountRow, upserts: readonly StoredPerson[], deletes: readonly string[]): void {
    const latest = new Map<string, PersonColumns>();
    for (const person of upserts) latest.set(person.personId, columnsOf(person));
    // A person both listed and deleted in one page is deleted (as the in-memory merge did).
    for (const personId of deletes) latest.delete(personId);
    const toInsert: PersonColumns[] = [];
    const markers = markersOf(acct);
    for (const columns of latest.values()) {
      const live = sql.first<PeopleRow>('SELECT * FROM people WHERE account_no = ? AND person_id = ? LIMIT 1', [acct.account_no, columns.person_id]);
      if (live && sameContent(live, columns)) continue;
      if (live && live.sort_key === columns.sort_key) {
        sql.run(
          `UPDATE people SET display_name = ?, given_name = ?, family_name = ?, emails = ?, phones = ?, avatar_url = ?, provider_updated_at = ?
           WHERE position = ?`,
          [columns.display_name, columns.given_name, columns.family_name, columns.emails, columns.phones, columns.avatar_url, columns.provider_updated_at, live.position],
        );
        unindex(live.position);
        index(live.position, columns, markers);
        continue;
      }
      // A new person, or a new name: it takes a new place in name order.
      if (live) deleteAt(live.position);
      toInsert.push(columns);
    }
    for (const personId of deletes) {
      const live = sql.first<{ position: number }>('SELECT position FROM people WHERE account_no = ? AND person_id = ? LIMIT 1', [acct.account_no, personId]);
      if (live) deleteAt(live.position);
    }
    insertPeople(acct, toInsert);
  }

  function stage(acct: AccountRow, upserts: readonly StoredPerson[], deletes: readonly string[]): void {
    for (const person of upserts) {
      sql.run(
        `INSERT INTO people_staged (account_no, ${PERSON_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (account_no, person_id) DO UPDATE SET sort_key = excluded.sort_key, display_name = excluded.display_name,
           given_name = excluded.given_name, family_name = excluded.family_name, emails = excluded.emails, phones = excluded.phones,
           avatar_url = excluded.avatar_url, provider_updated_at = excluded.provider_updated_at`,
        [acct.account_no, ...valuesOf(columnsOf(person))],
      );
    }
    for (const personId of deletes) sql.run('DELETE FROM people_staged WHERE account_no = ? AND person_id = ?', [acct.account_no, personId]);
  }

  /** Replaces the account's people with its staged list (inside the last page's transaction). */
  function swapInStaged(acct: AccountRow): void {
    const a = acct.account_no;
    const missing = 'NOT EXISTS (SELECT 1 FROM people_staged s WHERE s.account_no = p.account_no AND s.person_id = p.person_id)';
    sql.run(`DELETE FROM people_search WHERE rowid IN (SELECT position FROM people p WHERE p.account_no = ? AND ${missing})`, [a]);
    sql.run(`DELETE FROM people AS p WHERE p.account_no = ? AND ${missing}`, [a]);

    const changed = sql.all<PersonColumns & { position: number; live_sort_key: string }>(
      `SELECT s.*, p.position, p.sort_key AS live_sort_key FROM people_staged s
       JOIN people p ON p.account_no = s.account_no AND p.person_id = s.person_id
       WHERE s.account_no = ? AND NOT (${SAME_CONTENT})`,
      [a],
    );
    const markers = markersOf(acct);
    for (const row of changed) {
      if (row.sort_key === row.live_sort_key) {
        sql.run(
          `UPDATE people SET display_name = ?, given_name = ?, family_name = ?, emails = ?, phones = ?, avatar_url = ?, provider_updated_at = ?
           WHERE position = ?`,
          [row.display_name, row.given_name, row.family_name, row.emails, row.phones, row.avatar_url, row.provider_updated_at, row.position],
        );
        unindex(row.position);
        index(row.position, row, markers);
      } else {
        deleteAt(row.position);
      }
    }

    // The rest are new (or renamed, deleted just above): placed in name order, read in chunks.
    const fresh = `s.account_no = ? AND NOT EXISTS (SELECT 1 FROM people p WHERE p.account_no = s.account_no AND p.person_id = s.person_id)`;
    const keys = sql
      .all<{ sort_key: string; person_id: string }>(`SELECT sort_key, person_id FROM people_staged s WHERE ${fresh} ORDER BY sort_key, person_id`, [a])
      .map((k): OrderKey => ({ sortKey: k.sort_key, accountNo: a, personId: k.person_id }));
    let last: OrderKey | null = null;
    let chunk: PersonColumns[] = [];
    let chunkAt = 0;
    const rowAt = (k: number): PersonColumns => {
      if (k - chunkAt >= chunk.length) {
        chunkAt = k;
        chunk = last
          ? sql.all<PersonColumns>(
              `SELECT ${PERSON_COLUMNS} FROM people_staged s WHERE ${fresh} AND (s.sort_key, s.person_id) > (?, ?) ORDER BY sort_key, person_id LIMIT 1000`,
              [a, last.sortKey, last.personId],
            )
          : sql.all<PersonColumns>(`SELECT ${PERSON_COLUMNS} FROM people_staged s WHERE ${fresh} ORDER BY sort_key, person_id LIMIT 1000`, [a]);
      }
      const row = chunk[k - chunkAt];
      if (!row || row.person_id !== keys[k]!.personId) throw new KithError('E_INTERNAL', 'Staged people changed during a swap.');
      return row;
    };
    placeInOrder(
      sql,
      keys,
      (from, to, positions) => {
        for (let k = from; k < to; k++) {
          insertAt(positions[k - from]!, a, rowAt(k), markers);
          last = keys[k]!;
        }
      },
      reindex,
    );
    sql.run('DELETE FROM people_staged WHERE account_no = ?', [a]);
  }

  function countPeople(accountNo: number): number {
    return sql.first<{ n: number }>('SELECT count(*) AS n FROM people WHERE account_no = ?', [accountNo])?.n ?? 0;
  }

  function matchCount(expression: string): number {
    const version = `${sql.first<{ data_version: number }>('PRAGMA data_version')?.data_version ?? 0}:${writes}`;
    if (counted?.expression === expression && counted.version === version) return counted.total;
    const total = sql.first<{ n: number }>('SELECT count(*) AS n FROM people_search WHERE people_search MATCH ?', [expression])?.n ?? 0;
    counted = { expression, version, total };
    return total;
  }

  const SELECT_FRIEND = 'SELECT p.*, a.account_id, a.provider FROM';
  type FriendRow = PeopleRow & { account_id: string; provider: ProviderId };

  function friendOf(row: FriendRow): StoredFriend {
    return { ...personOf(row), id: `${row.account_id}:${row.person_id}`, accountId: row.account_id, provider: row.provider };
  }

  function search(input: FriendsSearch): FriendsSearchPage {
    const q = FriendsSearchSchema.parse(input);
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
    const expression = q.text ? searchExpression(q.text, markers) : null;
    let rows: FriendRow[];
    let total: number;
    const join = 'JOIN friend_sync a ON a.account_no = p.account_no';
    if (expression) {
      rows = sql.all<FriendRow>(
        `${SELECT_FRIEND} people_search f JOIN people p ON p.position = f.rowid ${join}
         WHERE people_search MATCH ? AND f.rowid > ? ORDER BY f.rowid LIMIT ?`,
        [expression, after, take],
      );
      total = matchCount(expression);
    } else if (accountNo !== null) {
      rows = sql.all<FriendRow>(`${SELECT_FRIEND} people p ${join} WHERE p.account_no = ? AND p.position > ? ORDER BY p.position LIMIT ?`, [accountNo, after, take]);
      total = sql.first<{ n: number }>('SELECT friend_count AS n FROM friend_sync WHERE account_no = ?', [accountNo])?.n ?? 0;
    } else if (q.provider) {
      rows = sql.all<FriendRow>(
        `${SELECT_FRIEND} people_search f JOIN people p ON p.position = f.rowid ${join}
         WHERE people_search MATCH ? AND f.rowid > ? ORDER BY f.rowid LIMIT ?`,
        [markerExpression(markers)!, after, take],
      );
      total = sql.first<{ n: number }>('SELECT coalesce(sum(friend_count), 0) AS n FROM friend_sync WHERE provider = ?', [q.provider])?.n ?? 0;
    } else {
      rows = sql.all<FriendRow>(`${SELECT_FRIEND} people p ${join} WHERE p.position > ? ORDER BY p.position LIMIT ?`, [after, take]);
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

  return {
    syncState: guarded((accountId: string) => {
      const row = account(AccountIdSchema.parse(accountId));
      return row ? stateOf(row) : null;
    }),

    beginSync: guarded((accountId: string, provider: ProviderId, mode: 'full' | 'incremental') => {
      AccountIdSchema.parse(accountId);
      ProviderIdSchema.parse(provider);
      sql.transaction(() => {
        writes++;
        const existing = account(accountId);
        if (existing && existing.provider !== provider) throw new KithError('E_INTERNAL', `Account ${accountId} is not a ${provider} account.`);
        if (!existing) sql.run('INSERT INTO friend_sync (account_id, provider) VALUES (?, ?)', [accountId, provider]);
        const acct = account(accountId)!;
        // A full sync that never finished leaves staged pages: they are a different listing, drop them.
        sql.run('DELETE FROM people_staged WHERE account_no = ?', [acct.account_no]);
        sql.run('UPDATE friend_sync SET syncing = ?, cursor = NULL WHERE account_no = ?', [mode, acct.account_no]);
      });
    }),

    applyPage: guarded((accountId: string, input: SyncPage) => {
      AccountIdSchema.parse(accountId);
      const page = SyncPageSchema.parse(input);
      return sql.transaction(() => {
        writes++;
        const acct = account(accountId);
        if (!acct?.syncing) throw new KithError('E_INTERNAL', `No sync of ${accountId} was begun.`);
        if (acct.syncing === 'full') stage(acct, page.upserts, page.deletes);
        else applyIncremental(acct, page.upserts, page.deletes);
        const state = page.syncState;
        const friendTotal = state.friendTotal === undefined ? acct.friend_total : state.friendTotal;
        if (state.cursor !== null) {
          sql.run('UPDATE friend_sync SET cursor = ?, friend_total = ?, friend_count = ? WHERE account_no = ?', [
            state.cursor,
            friendTotal,
            countPeople(acct.account_no),
            acct.account_no,
          ]);
        } else {
          if (acct.syncing === 'full') swapInStaged(acct);
          sql.run(
            `UPDATE friend_sync SET syncing = NULL, cursor = NULL, sync_token = ?, last_synced_at = ?, friend_total = ?, friend_count = ?
             WHERE account_no = ?`,
            [state.syncToken ?? null, state.syncedAt ?? Date.now(), friendTotal, countPeople(acct.account_no), acct.account_no],
          );
        }
        return stateOf(account(accountId)!);
      });
    }),

    abandonSync: guarded((accountId: string) => {
      sql.transaction(() => {
        writes++;
        const acct = account(AccountIdSchema.parse(accountId));
        if (!acct) return;
        sql.run('DELETE FROM people_staged WHERE account_no = ?', [acct.account_no]);
        sql.run('UPDATE friend_sync SET syncing = NULL, cursor = NULL WHERE account_no = ?', [acct.account_no]);
      });
    }),

    search: guarded(search),

    forgetAccount: guarded((accountId: string) => {
      sql.transaction(() => {
        writes++;
        const acct = account(AccountIdSchema.parse(accountId));
        if (!acct) return;
        sql.run('DELETE FROM people_search WHERE rowid IN (SELECT position FROM people WHERE account_no = ?)', [acct.account_no]);
        // people and people_staged follow through ON DELETE CASCADE.
        sql.run('DELETE FROM friend_sync WHERE account_no = ?', [acct.account_no]);
      });
    }),
  };
}
