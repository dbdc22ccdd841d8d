// Reads and writes of the saved people index (saved-index-schema.ts) for the
// friends reader (friends-read.ts). The texts are the core's
// (core/friends/index-snapshot.ts): the store only keeps them, by account
// and stamp.
import { z } from 'zod';
import { AccountIdSchema } from '../../../src-contract/kith-api';
import type { PeopleIndexToSave, SavedPeopleIndex } from '../../core/ports';
import type { SqlConnection } from './sqlite-connection';
import { sqliteCode } from './sqlite-connection';

/** A saved text is at most this long (100,000 entries' facts are some 6 MB). */
const MAX_TEXT = 256 * 1024 * 1024;
const ToSaveSchema = z
  .object({
    accounts: z.array(z.object({ accountId: AccountIdSchema, stamp: z.string().max(400), facts: z.string().max(MAX_TEXT), merge: z.string().max(MAX_TEXT) }).strict()).max(1000),
    build: z.object({ stamps: z.string().max(1_000_000), text: z.string().max(MAX_TEXT) }).strict(),
  })
  .strict();

export function savedIndexOf(sql: SqlConnection): SavedPeopleIndex {
  // One snapshot: facts and build saved together are read together.
  return sql.snapshot(() => ({
    accounts: sql.all<{ accountId: string; stamp: string; facts: string }>(
      'SELECT a.account_id AS accountId, i.stamp, i.facts FROM people_index_account i JOIN friend_sync a ON a.account_no = i.account_no ORDER BY i.account_no',
    ),
    build: sql.first<{ stamps: string; text: string }>('SELECT stamps, build AS text FROM people_index_build WHERE id = 1') ?? null,
  }));
}

export function savedMergeKeysOf(sql: SqlConnection, accountId: string, stamp: string): string | null {
  return (
    sql.first<{ merge: string }>('SELECT i.merge FROM people_index_account i JOIN friend_sync a ON a.account_no = i.account_no WHERE a.account_id = ? AND i.stamp = ?', [
      AccountIdSchema.parse(accountId),
      z.string().max(400).parse(stamp),
    ])?.merge ?? null
  );
}

const StampsSchema = z.string().max(1_000_000);

export function savedWordsOf(sql: SqlConnection, stamps: string): string | null {
  return sql.first<{ words: string | null }>('SELECT words FROM people_index_build WHERE id = 1 AND stamps = ?', [StampsSchema.parse(stamps)])?.words ?? null;
}

/** The search's words for the saved build made at `stamps` (none saved at other stamps: nothing written). */
export function saveWords(sql: SqlConnection, stamps: string, words: string): boolean {
  const q = z.object({ stamps: StampsSchema, words: z.string().max(MAX_TEXT) }).parse({ stamps, words });
  return withoutWaiting(sql, () => sql.run('UPDATE people_index_build SET words = ? WHERE id = 1 AND stamps = ?', [q.words, q.stamps]));
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
        sql.run('INSERT INTO people_index_account (account_no, stamp, facts, merge) SELECT account_no, ?, ?, ? FROM friend_sync WHERE account_id = ?', [a.stamp, a.facts, a.merge, a.accountId]);
      }
    sql.run('INSERT OR REPLACE INTO people_index_build (id, stamps, build, words) VALUES (1, ?, ?, NULL)', [q.build.stamps, q.build.text]);
  });
}
