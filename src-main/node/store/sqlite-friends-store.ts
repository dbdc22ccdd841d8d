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
import { storeFailure } from './store-error';
import { parsePerson, searchTextOf, serializePerson, sortKeyOf, StoredPersonSchema, type StoredPerson } from './stored-person';

const MAX_PAGE_ITEMS = 10_000;
const TEXT_BATCH = 500;
const STAGED_TEXTS = `SELECT seq, person FROM people_staged WHERE seq IN (${Array(TEXT_BATCH).fill('?').join(', ')})`;

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

/** A person as a row holds it (people and people_staged share these columns). */
interface PersonRow {
  person_id: string;
  sort_key: string;
  person: string;
}

interface PeopleRow extends PersonRow {
  position: number;
  account_no: number;
}

const rowOf = (p: StoredPerson): PersonRow => ({ person_id: p.personId, sort_key: sortKeyOf(p), person: serializePerson(p) });

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
  /** People added minus people removed by the page being applied: the account's count follows without a recount. */
  let countDelta = 0;

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

  // The index is told exactly what it indexed when an entry goes (FTS5's 'delete' command for
  // contentless tables), from people.terms: deletes then cost no more than inserts, and leave no
  // tombstones for searches to step over (https://www.sqlite.org/fts5.html#the_delete_command).
  const index = (position: number, terms: string) => sql.run('INSERT INTO people_search (rowid, terms) VALUES (?, ?)', [position, terms]);
  const unindex = (position: number, terms: string) =>
    sql.run("INSERT INTO people_search (people_search, rowid, terms) VALUES ('delete', ?, ?)", [position, terms]);
  const termsAt = (position: number) => sql.first<{ terms: string }>('SELECT terms FROM people WHERE position = ?', [position])!.terms;

  /** Moved rows keep their text; only their index entries follow them. */
  function reindex(moves: readonly Move[]): void {
    for (const move of moves) {
      const terms = termsAt(move.to);
      unindex(move.from, terms);
      index(move.to, terms);
    }
  }

  function insertPeople(acct: AccountRow, people: readonly StoredPerson[]): void {
    const sorted = people
      .map((person) => ({ person, key: { sortKey: sortKeyOf(person), accountNo: acct.account_no, personId: person.personId } }))
      .sort((a, b) => compareKeys(a.key, b.key));
    const markers = markersOf(acct);
    placeInOrder(
      sql,
      sorted.map((s) => s.key),
      (from, to, positions) => {
        for (let k = from; k < to; k++) insertAt(positions[k - from]!, acct.account_no, sorted[k]!.person, markers);
      },
      reindex,
    );
  }

  function insertAt(position: number, accountNo: number, person: StoredPerson, markers: readonly string[], text = serializePerson(person)): void {
    const terms = searchTextOf(person, markers);
    sql.run('INSERT INTO people (position, account_no, person_id, sort_key, person, terms) VALUES (?, ?, ?, ?, ?, ?)', [
      position,
      accountNo,
      person.personId,
      sortKeyOf(person),
      text,
      terms,
    ]);
    index(position, terms);
    countDelta++;
  }

  function deleteAt(position: number): void {
    unindex(position, termsAt(position));
    sql.run('DELETE FROM people WHERE position = ?', [position]);
    countDelta--;
  }

  function updateAt(position: number, person: StoredPerson, text: string, markers: readonly string[]): void {
    const terms = searchTextOf(person, markers);
    unindex(position, termsAt(position));
    sql.run('UPDATE people SET person = ?, terms = ? WHERE position = ?', [text, terms, position]);
    index(position, terms);
  }

  function applyIncremental(acct: AccountRow, upserts: readonly StoredPerson[], deletes: readonly string[]): void {
    const latest = new Map<string, StoredPerson>();
    for (const person of upserts) latest.set(person.personId, person);
    // A person both listed and deleted in one page is deleted (as the in-memory merge did).
    for (const personId of deletes) latest.delete(personId);
    const toInsert: StoredPerson[] = [];
    const markers = markersOf(acct);
    for (const person of latest.values()) {
      const row = rowOf(person);
      const live = sql.first<PeopleRow>('SELECT * FROM people WHERE account_no = ? AND person_id = ? LIMIT 1', [acct.account_no, person.personId]);
      if (live && live.person === row.person) continue;
      if (live && live.sort_key === row.sort_key) {
        updateAt(live.position, person, row.person, markers);
        continue;
      }
      // A new person, or a new name: it takes a new place in name order.
      if (live) deleteAt(live.position);
      toInsert.push(person);
    }
    for (const personId of deletes) {
      const live = sql.first<{ position: number }>('SELECT position FROM people WHERE account_no = ? AND person_id = ? LIMIT 1', [acct.account_no, personId]);
      if (live) deleteAt(live.position);
    }
    insertPeople(acct, toInsert);
  }

  function stage(acct: AccountRow, upserts: readonly StoredPerson[], deletes: readonly string[]): void {
    for (const person of upserts) {
      sql.run('INSERT INTO people_staged (account_no, person_id, sort_key, person) VALUES (?, ?, ?, ?)', [
        acct.account_no,
        person.personId,
        sortKeyOf(person),
        serializePerson(person),
      ]);
    }
    for (const personId of deletes) sql.run('INSERT INTO people_staged (account_no, person_id) VALUES (?, ?)', [acct.account_no, personId]);
  }

  /** Replaces the account's people with its staged list (inside the last page's transaction). */
  function swapInStaged(acct: AccountRow): void {
    const a = acct.account_no;
    const markers = markersOf(acct);
    // The latest staged row of each person (pages may repeat someone); null sort key: deleted.
    const latest = new Map<string, { seq: number; sortKey: string | null }>();
    for (const row of sql.all<{ seq: number; person_id: string; sort_key: string | null }>(
      'SELECT seq, person_id, sort_key FROM people_staged WHERE account_no = ? ORDER BY seq',
      [a],
    )) {
      latest.set(row.person_id, { seq: row.seq, sortKey: row.sort_key });
    }
    const stagedText = (seq: number) => sql.first<{ person: string }>('SELECT person FROM people_staged WHERE seq = ?', [seq])!.person;
    const stagedTexts = (seqs: readonly number[]): Map<number, string> => {
      const texts = new Map<number, string>();
      for (let at = 0; at < seqs.length; at += TEXT_BATCH) {
        const batch = seqs.slice(at, at + TEXT_BATCH);
        // Always TEXT_BATCH parameters (the last one repeated): one statement text, prepared once.
        const params = Array.from({ length: TEXT_BATCH }, (_, k) => batch[Math.min(k, batch.length - 1)]!);
        for (const row of sql.all<{ seq: number; person: string }>(STAGED_TEXTS, params)) texts.set(row.seq, row.person);
      }
      return texts;
    };

    const held = new Set<string>();
    if (acct.friend_count > 0) {
      for (const live of sql.all<{ position: number; person_id: string }>('SELECT position, person_id FROM people WHERE account_no = ?', [a])) {
        if (latest.get(live.person_id)?.sortKey == null) deleteAt(live.position);
      }
      const pairs = sql.all<{ seq: number; person_id: string; position: number; live_sort_key: string; same: number }>(
        `SELECT s.seq, s.person_id, p.position, p.sort_key AS live_sort_key, p.person = s.person AS same
         FROM people_staged s JOIN people p ON p.account_no = s.account_no AND p.person_id = s.person_id
         WHERE s.account_no = ? AND s.person IS NOT NULL`,
        [a],
      );
      for (const pair of pairs) {
        const wanted = latest.get(pair.person_id);
        if (wanted?.seq !== pair.seq) continue;
        if (pair.same) {
          held.add(pair.person_id);
        } else if (pair.live_sort_key === wanted.sortKey) {
          const text = stagedText(pair.seq);
          updateAt(pair.position, parsePerson(text), text, markers);
          held.add(pair.person_id);
        } else {
          // Renamed: it takes a new place in name order below.
          deleteAt(pair.position);
        }
      }
    }

    const fresh: { key: OrderKey; seq: number }[] = [];
    for (const [personId, entry] of latest) {
      if (entry.sortKey !== null && !held.has(personId)) fresh.push({ key: { sortKey: entry.sortKey, accountNo: a, personId }, seq: entry.seq });
    }
    fresh.sort((x, y) => compareKeys(x.key, y.key));
    placeInOrder(
      sql,
      fresh.map((f) => f.key),
      (from, to, positions) => {
        for (let start = from; start < to; start += TEXT_BATCH) {
          const end = Math.min(to, start + TEXT_BATCH);
          const texts = stagedTexts(fresh.slice(start, end).map((f) => f.seq));
          for (let k = start; k < end; k++) {
            const text = texts.get(fresh[k]!.seq)!;
            insertAt(positions[k - from]!, a, parsePerson(text), markers, text);
          }
        }
      },
      reindex,
    );
    sql.run('DELETE FROM people_staged WHERE account_no = ?', [a]);
  }

  function matchCount(expression: string): number {
    const version = `${sql.first<{ data_version: number }>('PRAGMA data_version')?.data_version ?? 0}:${writes}`;
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
        countDelta = 0;
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
            acct.friend_count + countDelta,
            acct.account_no,
          ]);
        } else {
          if (acct.syncing === 'full') swapInStaged(acct);
          sql.run(
            `UPDATE friend_sync SET syncing = NULL, cursor = NULL, sync_token = ?, last_synced_at = ?, friend_total = ?, friend_count = ?
             WHERE account_no = ?`,
            [state.syncToken ?? null, state.syncedAt ?? Date.now(), friendTotal, acct.friend_count + countDelta, acct.account_no],
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
        sql.run("INSERT INTO people_search (people_search, rowid, terms) SELECT 'delete', position, terms FROM people WHERE account_no = ?", [acct.account_no]);
        // people and people_staged follow through ON DELETE CASCADE.
        sql.run('DELETE FROM friend_sync WHERE account_no = ?', [acct.account_no]);
      });
    }),
  };
}
