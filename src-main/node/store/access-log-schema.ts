// The access log's tables, as a migration of the Kith database: one row per
// request made with a script token, only ever inserted (batches from the
// host server) and pruned from the oldest end; failed authentications as one
// counter per source. Nothing a client sent is stored beyond the method, the
// path with secret-looking values removed, and the outcome.
import type { Migration } from './migrations';

export const accessLogMigrations: readonly Migration[] = [
  {
    version: 2,
    description: 'access log: script requests (append-only, bounded) and failed authentications per source',
    up(sql) {
      sql.exec(`
        CREATE TABLE access_log (
          id INTEGER PRIMARY KEY,
          at INTEGER NOT NULL,
          token_id TEXT NOT NULL,
          method TEXT NOT NULL,
          path TEXT NOT NULL,
          status INTEGER NOT NULL,
          duration_ms REAL NOT NULL,
          bytes INTEGER NOT NULL
        );
        CREATE INDEX access_log_by_token ON access_log (token_id, id);
        CREATE INDEX access_log_by_time ON access_log (at);
        CREATE TABLE auth_failures (
          source TEXT PRIMARY KEY,
          count INTEGER NOT NULL,
          last_at INTEGER NOT NULL
        );
      `);
    },
  },
];
