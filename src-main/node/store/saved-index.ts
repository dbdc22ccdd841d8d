// Reads and writes of the saved people index (saved-index-schema.ts) for the
// friends reader (friends-read.ts). The texts are the core's
// (core/friends/index-snapshot.ts): the store only keeps them, by account
// and stamp.
import { z } from 'zod';
import { AccountIdSchema } from '../../../src-contract/kith-api';
import type { PeopleIndexToSave, SavedHalf, SavedPeopleIndex } from '../../core/ports';
import type { SqlConnection } from './sqlite-connection';
import { sqliteCode } from './sqlite-connection';

/** A saved text is at most this long (100,000 entries' facts are some 6 MB). */
const MAX_TEXT = 256 * 1024 * 1024;
const ToSaveSchema = z
  .object({
    accounts: z
      .array(z.object({ accountId: AccountIdSchema, stamp: z.string().max(400), facts: z.string().max(MAX_TEXT), later: z.string().max(MAX_TEXT), merge: z.string().max(MAX_TEXT) }).strict())
      .max(1000),
    build: z.object({ stamps: z.string().max(1_000_000), text: z.string().max(MAX_TEXT), later: z.string().max(MAX_TEXT) }).strict(),
  })
  .strict();

/**
 * A saved text is kept in pieces of at most this many UTF-16 code units (at most 768 KiB of UTF-8):
 * no value read or written is one allocation of megabytes (saved-index-schema.ts, version 5).
 */
export const PIECE_UNITS = 256 * 1024;

/** `text` cut into pieces of at most PIECE_UNITS code units, never between the two halves of a surrogate pair. */
export function piecesOf(text: string): string[] {
  const pieces: string[] = [];
  for (let at = 0; at < text.length; ) {
    let end = Math.min(at + PIECE_UNITS, text.length);
    const unit = text.charCodeAt(end - 1);
    if (end < text.length && unit >= 0xd800 && unit <= 0xdbff) end--;
    pieces.push(text.slice(at, end));
    at = end;
  }
  return pieces;
}

const joined = (rows: readonly { text: string }[]) => rows.map((r) => r.text).join('');

/**
 * The later half of a facts or build text (SavedHalves) is kept in the same part as its lead, in
 * pieces numbered from here: each half is read on its own (a first page reads only the lead) with
 * no change to the tables.
 */
export const LATER_SEQ = 1_000_000;

const ACCOUNT_PIECES = 'SELECT text FROM people_index_account_piece WHERE account_no = ? AND part = ? AND seq >= ? AND seq < ? ORDER BY seq';
const BUILD_PIECES = 'SELECT text FROM people_index_build_piece WHERE part = ? AND seq >= ? AND seq < ? ORDER BY seq';
const seqsOf = (half: SavedHalf) => (half === 'lead' ? [0, LATER_SEQ] : [LATER_SEQ, Number.MAX_SAFE_INTEGER]);

export function savedIndexOf(sql: SqlConnection, half: SavedHalf = 'lead'): SavedPeopleIndex {
  const seqs = seqsOf(z.enum(['lead', 'later']).parse(half));
  // One snapshot: facts and build saved together are read together.
  return sql.snapshot(() => {
    const accounts = sql.all<{ accountNo: number; accountId: string; stamp: string }>(
      'SELECT i.account_no AS accountNo, a.account_id AS accountId, i.stamp FROM people_index_account i JOIN friend_sync a ON a.account_no = i.account_no ORDER BY i.account_no',
    );
    const build = sql.first<{ stamps: string }>('SELECT stamps FROM people_index_build WHERE id = 1');
    return {
      accounts: accounts.map((a) => ({ accountId: a.accountId, stamp: a.stamp, facts: joined(sql.all<{ text: string }>(ACCOUNT_PIECES, [a.accountNo, 'facts', ...seqs])) })),
      build: build ? { stamps: build.stamps, text: joined(sql.all<{ text: string }>(BUILD_PIECES, ['build', ...seqs])) } : null,
    };
  });
}

export function savedMergeKeysOf(sql: SqlConnection, accountId: string, stamp: string): string | null {
  // One statement (its rows one snapshot): no piece of another save is joined to these.
  const rows = sql.all<{ text: string | null }>(
    `SELECT p.text FROM people_index_account i JOIN friend_sync a ON a.account_no = i.account_no
       LEFT JOIN people_index_account_piece p ON p.account_no = i.account_no AND p.part = 'merge'
       WHERE a.account_id = ? AND i.stamp = ? ORDER BY p.seq`,
    [AccountIdSchema.parse(accountId), z.string().max(400).parse(stamp)],
  );
  return rows.length === 0 ? null : joined(rows.filter((r): r is { text: string } => r.text !== null));
}

const StampsSchema = z.string().max(1_000_000);

export function savedWordsOf(sql: SqlConnection, stamps: string): string | null {
  // One statement, as savedMergeKeysOf.
  const rows = sql.all<{ text: string | null }>(
    `SELECT p.text FROM people_index_build b LEFT JOIN people_index_build_piece p ON p.part = 'words'
       WHERE b.id = 1 AND b.stamps = ? AND b.words IS NOT NULL ORDER BY p.seq`,
    [StampsSchema.parse(stamps)],
  );
  return rows.length === 0 ? null : joined(rows.filter((r): r is { text: string } => r.text !== null));
}

function saveBuildPieces(sql: SqlConnection, part: 'build' | 'words', text: string, from = 0): void {
  if (from === 0) sql.run('DELETE FROM people_index_build_piece WHERE part = ?', [part]);
  piecesOf(text).forEach((piece, seq) => sql.run('INSERT INTO people_index_build_piece (part, seq, text) VALUES (?, ?, ?)', [part, from + seq, piece]));
}

/** The search's words for the saved build made at `stamps` (none saved at other stamps: nothing written). */
export function saveWords(sql: SqlConnection, stamps: string, words: string): boolean {
  const q = z.object({ stamps: StampsSchema, words: z.string().max(MAX_TEXT) }).parse({ stamps, words });
  return withoutWaiting(sql, () => {
    // words is only a mark (''): the text is in pieces.
    if (sql.run("UPDATE people_index_build SET words = '' WHERE id = 1 AND stamps = ?", [q.stamps]).changes > 0) saveBuildPieces(sql, 'words', q.words);
  });
}

/**
 * A save is a cache's: it never waits for another process's write (a sync) while this process's
 * event loop stands still (libsql is synchronous); false when it would have. The next build saves again.
 */
function withoutWaiting(sql: SqlConnection, work: () => void): boolean {
  const waited = sql.first<{ timeout: number }>('PRAGMA busy_timeout')?.timeout ?? 0;
  sql.exec('PRAGMA busy_timeout = 0');
  try {
    sql.transaction(work);
    return true;
  } catch (error) {
    if (sqliteCode(error) === 'SQLITE_BUSY') return false;
    throw error;
  } finally {
    sql.exec(`PRAGMA busy_timeout = ${Math.trunc(waited)}`);
  }
}

export function saveIndex(sql: SqlConnection, index: PeopleIndexToSave): boolean {
  const q = ToSaveSchema.parse(index);
  return withoutWaiting(sql, () => {
    sql.run('DELETE FROM people_index_account');
    for (const a of q.accounts) {
      // An account forgotten since the build was made saves nothing (its account_no is gone).
      const at = sql.first<{ accountNo: number }>("INSERT INTO people_index_account (account_no, stamp, facts, merge) SELECT account_no, ?, '', '' FROM friend_sync WHERE account_id = ? RETURNING account_no AS accountNo", [a.stamp, a.accountId]);
      if (!at) continue;
      for (const [part, text, from] of [['facts', a.facts, 0], ['facts', a.later, LATER_SEQ], ['merge', a.merge, 0]] as const) {
        piecesOf(text).forEach((piece, seq) => sql.run('INSERT INTO people_index_account_piece (account_no, part, seq, text) VALUES (?, ?, ?, ?)', [at.accountNo, part, from + seq, piece]));
      }
    }
    sql.run('INSERT OR REPLACE INTO people_index_build (id, stamps, build, words) VALUES (1, ?, \'\', NULL)', [q.build.stamps]);
    // REPLACE fires no delete trigger (recursive_triggers is off): the old pieces go here.
    sql.run('DELETE FROM people_index_build_piece');
    saveBuildPieces(sql, 'build', q.build.text);
    saveBuildPieces(sql, 'build', q.build.later, LATER_SEQ);
  });
}
