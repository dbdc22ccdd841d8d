// Writes people into the friends tables, keeping three things in step: the
// rows, their place in name order (row-order.ts) and the search index.
// Callers run each call inside the page's transaction.
// - applyIncremental: an incremental page, in place.
// - stage / swapInStaged: a full sync's pages, appended apart (people held
//   unchanged as markers without text), then swapped in by its last page:
//   people gone deleted, people changed updated (or re-placed when their
//   name changed), new people placed in name order, many rows per statement.
import { markersOf, type AccountRow, type PeopleRow } from './friend-rows';
import { compareKeys, MAX_POSITION, placeInOrder, POSITION_STEP, type Move, type OrderKey } from './row-order';
import { sqliteCode, type SqlConnection, type SqlValue } from './sqlite-connection';
import { searchTextOf, serializePerson, sortKeyOf, type StoredPerson } from './stored-person';

const SURROGATE = /[\uD800-\uDFFF]/;
/** Staged rows moved into people per statement, as one JSON array of [position, seq]. */
const MOVE_BATCH = 2000;
const MOVE_STAGED = `INSERT INTO people (position, account_no, person_id, sort_key, person, terms)
  SELECT j.value ->> 0, s.account_no, s.person_id, s.sort_key, s.person, s.terms FROM json_each(?) j CROSS JOIN people_staged s ON s.seq = j.value ->> 1`;

/** Rows per read of the swap (their keys, not their text), and keys per placeInOrder call. */
const SWAP_PAGE = 2000;
/** Pages of the swap's reads, each `(…, after, limit)`, keyed by the last row (see eachPage); only the staged rows need their order (the latest of a person wins). */
const STAGED_PAGE = `SELECT json_group_array(json_array(seq, person_id, sort_key, person IS NULL) ORDER BY seq) AS rows, max(seq) AS last
  FROM (SELECT seq, person_id, sort_key, person FROM people_staged WHERE account_no = ? AND seq > ? ORDER BY seq LIMIT ?)`;
const HELD_PAGE = `SELECT json_group_array(json_array(position, person_id)) AS rows, max(position) AS last
  FROM (SELECT position, person_id FROM people WHERE account_no = ? AND position > ? ORDER BY position LIMIT ?)`;
const CHANGED_PAGE = `SELECT json_group_array(json_array(seq, person_id, position, sort_key, same)) AS rows, max(seq) AS last
  FROM (SELECT s.seq, s.person_id, p.position, p.sort_key, p.person = s.person AS same
    FROM people_staged s JOIN people p ON p.account_no = s.account_no AND p.person_id = s.person_id
    WHERE s.account_no = ? AND s.person IS NOT NULL AND s.seq > ? ORDER BY s.seq LIMIT ?)`;

const ROWS_PER_INSERT = 64;
const insertPeopleSql = (rows: number) =>
  `INSERT INTO people (position, account_no, person_id, sort_key, person, terms) VALUES ${Array(rows).fill('(?, ?, ?, ?, ?, ?)').join(', ')}`;
const INSERT_PEOPLE_CHUNK = insertPeopleSql(ROWS_PER_INSERT);
const INSERT_PERSON = insertPeopleSql(1);
const indexSql = (rows: number) => `INSERT INTO people_search (rowid, terms) VALUES ${Array(rows).fill('(?, ?)').join(', ')}`;
const INDEX_CHUNK = indexSql(ROWS_PER_INSERT);
const INDEX_ONE = indexSql(1);
/** account_no, person_id, sort_key, person, terms (sort key null: a deletion; person null: as held) */
type StagedInsert = [number, string, string | null, string | null, string | null];
const insertStagedSql = (rows: number) =>
  `INSERT INTO people_staged (account_no, person_id, sort_key, person, terms) VALUES ${Array(rows).fill('(?, ?, ?, ?, ?)').join(', ')}`;
const INSERT_STAGED_CHUNK = insertStagedSql(ROWS_PER_INSERT);
const INSERT_STAGED = insertStagedSql(1);

export interface PeopleWriter {
  applyIncremental(acct: AccountRow, upserts: readonly StoredPerson[], deletes: readonly string[]): void;
  stage(acct: AccountRow, upserts: readonly StoredPerson[], deletes: readonly string[]): void;
  /** Replaces the account's people with its staged list and empties the staging. */
  swapInStaged(acct: AccountRow): void;
  /** People added minus people removed since the last call: the account's count follows without a recount. */
  takeCountDelta(): number;
  /** Takes the account's people out of the search index (its rows go with the account, ON DELETE CASCADE). */
  unindexAccount(acct: AccountRow): void;
}

export function createPeopleWriter(sql: SqlConnection): PeopleWriter {
  let countDelta = 0;

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

  function insertPeople(acct: AccountRow, people: readonly { person: StoredPerson; text: string }[]): void {
    const a = acct.account_no;
    const sorted = people
      .map(({ person, text }) => ({ person, text, key: { sortKey: sortKeyOf(person), accountNo: a, personId: person.personId } }))
      .sort((x, y) => compareKeys(x.key, y.key));
    const markers = markersOf(acct);
    const rows: SqlValue[][] = [];
    const entries: SqlValue[][] = [];
    placeInOrder(
      sql,
      sorted.map((s) => s.key),
      (from, to, positions, more) => {
        for (let k = from; k < to; k++) {
          const { person, text, key } = sorted[k]!;
          const position = positions[k - from]!;
          const terms = searchTextOf(person, markers);
          rows.push([position, a, person.personId, key.sortKey, text, terms]);
          entries.push([position, terms]);
        }
        // Whole statements while more runs follow; everything by the last (or before a run that may move rows).
        const ready = more ? rows.length - (rows.length % ROWS_PER_INSERT) : rows.length;
        insertChunked(rows.splice(0, ready), INSERT_PEOPLE_CHUNK, INSERT_PERSON);
        insertChunked(entries.splice(0, ready), INDEX_CHUNK, INDEX_ONE);
        countDelta += ready;
      },
      reindex,
    );
  }

  function deleteAt(position: number): void {
    unindex(position, termsAt(position));
    sql.run('DELETE FROM people WHERE position = ?', [position]);
    countDelta--;
  }

  function updateAt(position: number, person: StoredPerson, text: string, markers: readonly string[]): void {
    replaceAt(position, text, searchTextOf(person, markers));
  }

  function replaceAt(position: number, text: string, terms: string): void {
    unindex(position, termsAt(position));
    sql.run('UPDATE people SET person = ?, terms = ? WHERE position = ?', [text, terms, position]);
    index(position, terms);
  }

  function applyIncremental(acct: AccountRow, upserts: readonly StoredPerson[], deletes: readonly string[]): void {
    const latest = new Map<string, StoredPerson>();
    for (const person of upserts) latest.set(person.personId, person);
    // A person both listed and deleted in one page is deleted (as the in-memory merge did).
    for (const personId of deletes) latest.delete(personId);
    const live = liveRows(acct.account_no, [...latest.keys(), ...deletes]);
    const toInsert: { person: StoredPerson; text: string }[] = [];
    const markers = markersOf(acct);
    for (const person of latest.values()) {
      const text = serializePerson(person);
      const held = live.get(person.personId);
      if (held && held.person === text) continue;
      if (held && held.sort_key === sortKeyOf(person)) {
        updateAt(held.position, person, text, markers);
        continue;
      }
      // A new person, or a new name: it takes a new place in name order.
      if (held) deleteAt(held.position);
      toInsert.push({ person, text });
    }
    for (const personId of deletes) {
      const held = live.get(personId);
      if (held) deleteAt(held.position);
    }
    insertPeople(acct, toInsert);
  }

  /** The account's rows of these people, in one statement (the ids as one JSON array). */
  function liveRows(accountNo: number, personIds: readonly string[]): Map<string, PeopleRow> {
    if (personIds.length === 0) return new Map();
    const rows = sql.all<PeopleRow>(
      'SELECT p.position, p.account_no, p.person_id, p.sort_key, p.person FROM json_each(?) j CROSS JOIN people p ON p.account_no = ? AND p.person_id = j.value',
      [JSON.stringify(personIds), accountNo],
    );
    return new Map(rows.map((row) => [row.person_id, row]));
  }

  function stage(acct: AccountRow, upserts: readonly StoredPerson[], deletes: readonly string[]): void {
    const a = acct.account_no;
    // A person held exactly as listed is staged as a marker (no text): most of a full sync over a
    // held list is people who did not change, and their rows then cost a few bytes, not a copy.
    const held = acct.friend_count > 0 ? liveRows(a, upserts.map((p) => p.personId)) : null;
    const markers = markersOf(acct);
    const rows: StagedInsert[] = upserts.map((person) => {
      const text = serializePerson(person);
      if (held?.get(person.personId)?.person === text) return [a, person.personId, sortKeyOf(person), null, null];
      // The index text is made here, while the next page is fetched, not by the last page's swap.
      return [a, person.personId, sortKeyOf(person), text, searchTextOf(person, markers)];
    });
    for (const personId of deletes) rows.push([a, personId, null, null, null]);
    insertChunked(rows, INSERT_STAGED_CHUNK, INSERT_STAGED);
  }

  /** Many rows per statement (a page costs a few calls into SQLite, not one per person); the rest one by one. */
  function insertChunked(rows: readonly (readonly SqlValue[])[], chunkSql: string, rowSql: string): void {
    let at = 0;
    for (; at + ROWS_PER_INSERT <= rows.length; at += ROWS_PER_INSERT) sql.run(chunkSql, rows.slice(at, at + ROWS_PER_INSERT).flat());
    for (; at < rows.length; at++) sql.run(rowSql, rows[at]!);
  }

  /**
   * Empties the search index when people holds no one. The index then only records removals
   * (each 'delete' is an entry of its own until segments merge), and a list indexed afresh over
   * them took twice as long; FTS5's 'delete-all' drops every segment at once
   * (https://www.sqlite.org/fts5.html#the_delete_all_command).
   */
  function emptyIndex(): void {
    sql.run("INSERT INTO people_search (people_search) VALUES ('delete-all')");
  }

  /**
   * Every row of a keyset-paged query, SWAP_PAGE at a time. The query returns one row: its
   * rows as one JSON array (json_group_array: one row through the binding, not thousands) and
   * the key of its last row; it takes the key to read after as its last parameter but one and
   * the page size as its last. The text read at once stays a page's, whatever the account's size.
   */
  function eachPage<T>(query: string, params: readonly SqlValue[], visit: (rows: T[]) => void): void {
    for (let after = Number.MIN_SAFE_INTEGER; ; ) {
      const page = sql.first<{ rows: string | null; last: number | null }>(query, [...params, after, SWAP_PAGE]);
      if (!page?.rows || page.last === null) return;
      const rows = JSON.parse(page.rows) as T[];
      visit(rows);
      if (rows.length < SWAP_PAGE) return;
      after = page.last;
    }
  }

  /**
   * The first list into a store that holds nobody: SQLite sorts the staged rows itself and
   * appends them in name order, POSITION_STEP apart, reading the staging once in its own
   * order (at 100,000 people, reading it row by row in name order missed the page cache on
   * almost every row). False when anyone is held: the general swap places them.
   */
  function swapIntoEmpty(acct: AccountRow): boolean {
    if (sql.first('SELECT 1 AS held FROM people LIMIT 1')) return false;
    const moved = moveStagedIntoEmpty(acct.account_no);
    if ((sql.first<{ last: number | null }>('SELECT max(position) AS last FROM people')?.last ?? 0) > MAX_POSITION) {
      throw new Error('No room left to order people (more than 2^28 in one list).');
    }
    // Nobody was held, so whatever the index still holds is only the removal of people once held
    // (an account disconnected): emptied first, the new entries are not merged with it.
    emptyIndex();
    sql.run('INSERT INTO people_search (rowid, terms) SELECT position, terms FROM people');
    countDelta += moved;
    return true;
  }

  /**
   * The staged rows into people in name order, the latest of each person. A listing usually
   * names each person once and deletes no one: then every staged row is the person's latest,
   * and finding the latest (a sort of every id) was a sixth of the swap at 50,000. Rows without
   * text (deletions and markers) are found through their partial index (friends-schema.ts);
   * a person staged twice fails people's UNIQUE (account_no, person_id), which undoes that
   * statement alone (https://www.sqlite.org/lang_conflict.html, ABORT), and the rows are then
   * moved with the latest picked out.
   */
  function moveStagedIntoEmpty(accountNo: number): number {
    const columns = `? * row_number() OVER (ORDER BY sort_key, person_id), account_no, person_id, sort_key, person, terms`;
    if (!sql.first('SELECT 1 AS found FROM people_staged WHERE account_no = ? AND person IS NULL LIMIT 1', [accountNo])) {
      try {
        return sql.run(
          `INSERT INTO people (position, account_no, person_id, sort_key, person, terms)
           SELECT ${columns} FROM people_staged WHERE account_no = ? ORDER BY sort_key, person_id`,
          [POSITION_STEP, accountNo],
        ).changes;
      } catch (error) {
        if (sqliteCode(error) !== 'SQLITE_CONSTRAINT_UNIQUE') throw error;
      }
    }
    return sql.run(
      `INSERT INTO people (position, account_no, person_id, sort_key, person, terms)
       SELECT ${columns} FROM people_staged
       WHERE seq IN (SELECT max(seq) FROM people_staged WHERE account_no = ? GROUP BY person_id) AND sort_key IS NOT NULL AND person IS NOT NULL
       ORDER BY sort_key, person_id`,
      [POSITION_STEP, accountNo],
    ).changes;
  }

  function swapInStaged(acct: AccountRow): void {
    const a = acct.account_no;
    if (swapIntoEmpty(acct)) {
      // No other full sync running: nothing else is staged, and a DELETE without WHERE frees the
      // table's pages whole rather than row by row (https://www.sqlite.org/lang_delete.html#truncateopt).
      if (sql.first("SELECT 1 AS other FROM friend_sync WHERE syncing = 'full' AND account_no != ? LIMIT 1", [a])) sql.run('DELETE FROM people_staged WHERE account_no = ?', [a]);
      else sql.run('DELETE FROM people_staged');
      return;
    }
    // The latest staged row of each person (pages may repeat someone); null sort key: deleted;
    // a sort key without text: listed as held (see stage).
    const latest = new Map<string, { seq: number; sortKey: string | null; asHeld: boolean }>();
    eachPage<[number, string, string | null, number]>(STAGED_PAGE, [a], (rows) => {
      for (const [seq, personId, sortKey, asHeld] of rows) latest.set(personId, { seq, sortKey, asHeld: sortKey !== null && asHeld === 1 });
    });

    const held = new Set<string>();
    if (acct.friend_count > 0) {
      // Rows deleted while paging are behind the page read next (keyset after the last position).
      eachPage<[number, string]>(HELD_PAGE, [a], (rows) => {
        for (const [position, personId] of rows) {
          const wanted = latest.get(personId);
          if (wanted?.sortKey == null) deleteAt(position);
          else if (wanted.asHeld) held.add(personId);
        }
      });
      // Each person's latest staged row comes once; a row changed or deleted here is that person's alone.
      eachPage<[number, string, number, string, number]>(CHANGED_PAGE, [a], (rows) => {
        for (const [seq, personId, position, liveSortKey, same] of rows) {
          const wanted = latest.get(personId);
          if (wanted?.seq !== seq) continue;
          if (same) {
            held.add(personId);
          } else if (liveSortKey === wanted.sortKey) {
            const staged = sql.first<{ person: string; terms: string }>('SELECT person, terms FROM people_staged WHERE seq = ?', [seq])!;
            replaceAt(position, staged.person, staged.terms);
            held.add(personId);
          } else {
            // Renamed: it takes a new place in name order below.
            deleteAt(position);
          }
        }
      });
    }

    const fresh: { key: OrderKey; seq: number; plain: boolean }[] = [];
    for (const [personId, entry] of latest) {
      // A marker of someone no longer held (only another writer could have removed them) has no text to insert.
      if (entry.sortKey !== null && !entry.asHeld && !held.has(personId)) {
        fresh.push({ key: { sortKey: entry.sortKey, accountNo: a, personId }, seq: entry.seq, plain: !SURROGATE.test(entry.sortKey) && !SURROGATE.test(personId) });
      }
    }
    // Within one account and without surrogates, JavaScript's `<` is SQLite's BINARY order (compareKeys),
    // without testing every pair for surrogates again.
    fresh.sort((x, y) =>
      x.plain && y.plain
        ? x.key.sortKey < y.key.sortKey ? -1 : x.key.sortKey > y.key.sortKey ? 1 : x.key.personId < y.key.personId ? -1 : x.key.personId > y.key.personId ? 1 : 0
        : compareKeys(x.key, y.key),
    );
    // SWAP_PAGE keys per call: the neighbours of every key are looked up in one statement, whose
    // text stays a page's; people placed by one call are live rows for the next.
    for (let at = 0; at < fresh.length; at += SWAP_PAGE) {
      const part = fresh.slice(at, at + SWAP_PAGE);
      placeInOrder(
        sql,
        part.map((f) => f.key),
        (from, to, positions) => {
          // The staged rows move inside SQLite: their text and index text never cross into JavaScript.
          for (let start = from; start < to; start += MOVE_BATCH) {
            const end = Math.min(to, start + MOVE_BATCH);
            const placed = part.slice(start, end).map((f, k) => [positions[start - from + k]!, f.seq]);
            sql.run(MOVE_STAGED, [JSON.stringify(placed)]);
          }
          // A run fills one gap: between its first and last position there is no other row.
          sql.run('INSERT INTO people_search (rowid, terms) SELECT position, terms FROM people WHERE position BETWEEN ? AND ?', [positions[0]!, positions.at(-1)!]);
          countDelta += to - from;
        },
        reindex,
      );
    }
    sql.run('DELETE FROM people_staged WHERE account_no = ?', [a]);
  }

  function unindexAccount(acct: AccountRow): void {
    // The only account held: the whole index goes at once rather than entry by entry.
    const others = sql.first<{ held: number }>(
      'SELECT EXISTS (SELECT 1 FROM people WHERE account_no < ?) OR EXISTS (SELECT 1 FROM people WHERE account_no > ?) AS held',
      [acct.account_no, acct.account_no],
    );
    if (!others?.held) return emptyIndex();
    sql.run("INSERT INTO people_search (people_search, rowid, terms) SELECT 'delete', position, terms FROM people WHERE account_no = ?", [acct.account_no]);
  }

  return {
    applyIncremental,
    stage,
    swapInStaged,
    unindexAccount,
    takeCountDelta() {
      const delta = countDelta;
      countDelta = 0;
      return delta;
    },
  };
}
