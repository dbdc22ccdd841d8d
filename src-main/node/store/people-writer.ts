// Writes people into the friends tables, keeping three things in step: the
// rows, their place in name order (row-order.ts) and the search index.
// Callers run each call inside the page's transaction.
// - applyIncremental: an incremental page, in place.
// - stage / swapInStaged: a full sync's pages, appended apart (people held
//   unchanged as markers without text), then swapped in by its last page:
//   people gone deleted, people changed updated (or re-placed when their
//   name changed), new people placed in name order, many rows per statement.
import { markersOf, type AccountRow, type PeopleRow } from './friend-rows';
import { compareKeys, placeInOrder, type Move, type OrderKey } from './row-order';
import type { SqlConnection, SqlValue } from './sqlite-connection';
import { parsePerson, searchTextOf, serializePerson, sortKeyOf, type StoredPerson } from './stored-person';

const TEXT_BATCH = 500;
const STAGED_TEXTS = `SELECT seq, person FROM people_staged WHERE seq IN (${Array(TEXT_BATCH).fill('?').join(', ')})`;

/** position, account_no, person_id, sort_key, person, terms */
type PeopleInsert = [number, number, string, string, string, string];
const ROWS_PER_INSERT = 64;
const insertPeopleSql = (rows: number) =>
  `INSERT INTO people (position, account_no, person_id, sort_key, person, terms) VALUES ${Array(rows).fill('(?, ?, ?, ?, ?, ?)').join(', ')}`;
const INSERT_PEOPLE_CHUNK = insertPeopleSql(ROWS_PER_INSERT);
const INSERT_PERSON = insertPeopleSql(1);
/** account_no, person_id, sort_key, person (both null: a deletion) */
type StagedInsert = [number, string, string | null, string | null];
const insertStagedSql = (rows: number) => `INSERT INTO people_staged (account_no, person_id, sort_key, person) VALUES ${Array(rows).fill('(?, ?, ?, ?)').join(', ')}`;
const INSERT_STAGED_CHUNK = insertStagedSql(ROWS_PER_INSERT);
const INSERT_STAGED = insertStagedSql(1);

export interface PeopleWriter {
  applyIncremental(acct: AccountRow, upserts: readonly StoredPerson[], deletes: readonly string[]): void;
  stage(acct: AccountRow, upserts: readonly StoredPerson[], deletes: readonly string[]): void;
  /** Replaces the account's people with its staged list and empties the staging. */
  swapInStaged(acct: AccountRow): void;
  /** People added minus people removed since the last call: the account's count follows without a recount. */
  takeCountDelta(): number;
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
    sql.run(INSERT_PERSON, [position, accountNo, person.personId, sortKeyOf(person), text, terms]);
    index(position, terms);
    countDelta++;
  }

  /**
   * Rows of one run of placeInOrder, in position order: many rows per INSERT, then their
   * index entries in one statement. Between the run's first and last position there is no
   * other row (a run fills one gap), so the range selects exactly these rows.
   */
  function insertRun(rows: readonly PeopleInsert[]): void {
    insertChunked(rows, INSERT_PEOPLE_CHUNK, INSERT_PERSON);
    sql.run('INSERT INTO people_search (rowid, terms) SELECT position, terms FROM people WHERE position BETWEEN ? AND ?', [rows[0]![0], rows.at(-1)![0]]);
    countDelta += rows.length;
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
      const text = serializePerson(person);
      const live = sql.first<PeopleRow>('SELECT * FROM people WHERE account_no = ? AND person_id = ? LIMIT 1', [acct.account_no, person.personId]);
      if (live && live.person === text) continue;
      if (live && live.sort_key === sortKeyOf(person)) {
        updateAt(live.position, person, text, markers);
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
    const a = acct.account_no;
    // A person held exactly as listed is staged as a marker (no text): most of a full sync over a
    // held list is people who did not change, and their rows then cost a few bytes, not a copy.
    const held = acct.friend_count > 0 && upserts.length > 0 ? heldTexts(a, upserts) : null;
    const rows: StagedInsert[] = upserts.map((person) => {
      const text = serializePerson(person);
      return [a, person.personId, sortKeyOf(person), held?.get(person.personId) === text ? null : text];
    });
    for (const personId of deletes) rows.push([a, personId, null, null]);
    insertChunked(rows, INSERT_STAGED_CHUNK, INSERT_STAGED);
  }

  /** The held texts of the page's people, in one statement (the ids as one JSON array). */
  function heldTexts(accountNo: number, people: readonly StoredPerson[]): Map<string, string> {
    const rows = sql.all<{ person_id: string; person: string }>(
      'SELECT p.person_id, p.person FROM json_each(?) j CROSS JOIN people p ON p.account_no = ? AND p.person_id = j.value',
      [JSON.stringify(people.map((p) => p.personId)), accountNo],
    );
    return new Map(rows.map((row) => [row.person_id, row.person]));
  }

  /** Many rows per statement (a page costs a few calls into SQLite, not one per person); the rest one by one. */
  function insertChunked(rows: readonly (readonly SqlValue[])[], chunkSql: string, rowSql: string): void {
    let at = 0;
    for (; at + ROWS_PER_INSERT <= rows.length; at += ROWS_PER_INSERT) sql.run(chunkSql, rows.slice(at, at + ROWS_PER_INSERT).flat());
    for (; at < rows.length; at++) sql.run(rowSql, rows[at]!);
  }

  function swapInStaged(acct: AccountRow): void {
    const a = acct.account_no;
    const markers = markersOf(acct);
    // The latest staged row of each person (pages may repeat someone); null sort key: deleted;
    // a sort key without text: listed as held (see stage).
    const latest = new Map<string, { seq: number; sortKey: string | null; asHeld: boolean }>();
    for (const row of sql.all<{ seq: number; person_id: string; sort_key: string | null; as_held: number }>(
      'SELECT seq, person_id, sort_key, person IS NULL AS as_held FROM people_staged WHERE account_no = ? ORDER BY seq',
      [a],
    )) {
      latest.set(row.person_id, { seq: row.seq, sortKey: row.sort_key, asHeld: row.sort_key !== null && row.as_held === 1 });
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
        const wanted = latest.get(live.person_id);
        if (wanted?.sortKey == null) deleteAt(live.position);
        else if (wanted.asHeld) held.add(live.person_id);
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
      // A marker of someone no longer held (only another writer could have removed them) has no text to insert.
      if (entry.sortKey !== null && !entry.asHeld && !held.has(personId)) fresh.push({ key: { sortKey: entry.sortKey, accountNo: a, personId }, seq: entry.seq });
    }
    fresh.sort((x, y) => compareKeys(x.key, y.key));
    placeInOrder(
      sql,
      fresh.map((f) => f.key),
      (from, to, positions) => {
        for (let start = from; start < to; start += TEXT_BATCH) {
          const end = Math.min(to, start + TEXT_BATCH);
          const texts = stagedTexts(fresh.slice(start, end).map((f) => f.seq));
          const rows: PeopleInsert[] = [];
          for (let k = start; k < end; k++) {
            const { key, seq } = fresh[k]!;
            const text = texts.get(seq)!;
            rows.push([positions[k - from]!, a, key.personId, key.sortKey, text, searchTextOf(parsePerson(text), markers)]);
          }
          insertRun(rows);
        }
      },
      reindex,
    );
    sql.run('DELETE FROM people_staged WHERE account_no = ?', [a]);
  }

  return {
    applyIncremental,
    stage,
    swapInStaged,
    takeCountDelta() {
      const delta = countDelta;
      countDelta = 0;
      return delta;
    },
  };
}
