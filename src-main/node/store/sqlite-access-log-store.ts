// The core's AccessLogStore over the Kith database (access-log-schema.ts).
// A batch is one transaction: its rows are inserted, the failure counters
// added to, and the log pruned to its bounds (the newest maxEntries, nothing
// older than maxAgeMs), so the table never grows past them by more than one
// batch. Reads go by the (token_id, id) index, newest first.
import type { AccessLogEntry, AccessLogStore, FailedAuthCount } from '../../core/ports';
import type { KithDatabase } from './kith-database';
import { storeFailure } from './store-error';

const ROWS_PER_INSERT = 50;
const INSERT_INTO = 'INSERT INTO access_log (at, token_id, method, path, status, duration_ms, bytes) VALUES ';
const ROW = '(?, ?, ?, ?, ?, ?, ?)';
const INSERT_ONE = `${INSERT_INTO}${ROW}`;
const INSERT_MANY = `${INSERT_INTO}${Array(ROWS_PER_INSERT).fill(ROW).join(', ')}`;

interface EntryRow {
  at: number;
  token_id: string;
  method: string;
  path: string;
  status: number;
  duration_ms: number;
  bytes: number;
}

const entryOf = (row: EntryRow): AccessLogEntry => ({
  at: row.at,
  tokenId: row.token_id,
  method: row.method,
  path: row.path,
  status: row.status,
  durationMs: row.duration_ms,
  bytes: row.bytes,
});

export function createSqliteAccessLogStore(db: KithDatabase): AccessLogStore {
  const { sql } = db;
  const guarded = <T>(work: () => T): Promise<T> => {
    try {
      return Promise.resolve(work());
    } catch (error) {
      return Promise.reject(storeFailure(error, db.file));
    }
  };
  return {
    append(entries, failures, bounds) {
      return guarded(() =>
        sql.transaction(() => {
          // Many rows per statement: one native call for ROWS_PER_INSERT entries, not one each.
          const values = (e: AccessLogEntry) => [e.at, e.tokenId, e.method, e.path, e.status, e.durationMs, e.bytes];
          let at = 0;
          for (; at + ROWS_PER_INSERT <= entries.length; at += ROWS_PER_INSERT) sql.run(INSERT_MANY, entries.slice(at, at + ROWS_PER_INSERT).flatMap(values));
          for (; at < entries.length; at++) sql.run(INSERT_ONE, values(entries[at]!));
          for (const f of failures) {
            sql.run(
              'INSERT INTO auth_failures (source, count, last_at) VALUES (?, ?, ?) ON CONFLICT (source) DO UPDATE SET count = count + excluded.count, last_at = max(last_at, excluded.last_at)',
              [f.source, f.count, f.lastAt],
            );
          }
          sql.run('DELETE FROM access_log WHERE at < ?', [bounds.now - bounds.maxAgeMs]);
          const edge = sql.first<{ id: number }>('SELECT id FROM access_log ORDER BY id DESC LIMIT 1 OFFSET ?', [bounds.maxEntries - 1]);
          if (edge) sql.run('DELETE FROM access_log WHERE id < ?', [edge.id]);
        }),
      );
    },
    entries(tokenId, query) {
      return guarded(() => {
        const range = query.status ?? { min: 100, max: 599 };
        return sql
          .all<EntryRow>(
            'SELECT at, token_id, method, path, status, duration_ms, bytes FROM access_log WHERE token_id = ? AND status BETWEEN ? AND ? ORDER BY id DESC LIMIT ?',
            [tokenId, range.min, range.max, query.limit],
          )
          .map(entryOf);
      });
    },
    counts() {
      return guarded(() => new Map(sql.all<{ token_id: string; n: number }>('SELECT token_id, count(*) AS n FROM access_log GROUP BY token_id').map((r) => [r.token_id, r.n])));
    },
    failures() {
      return guarded(() =>
        sql.all<{ source: string; count: number; last_at: number }>('SELECT source, count, last_at FROM auth_failures ORDER BY source').map(
          (r): FailedAuthCount => ({ source: r.source, count: r.count, lastAt: r.last_at }),
        ),
      );
    },
  };
}
