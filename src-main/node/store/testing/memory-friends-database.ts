// The friends store over an in-memory SQLite database (same schema, same
// store code), for core unit tests that run on a manual clock: opening it
// does no file I/O, so it settles within microtasks as the memory document
// store does. One connection lives as long as the object, so a test's
// "restart" that shares it keeps the friends. Tests of files, keys and
// crashes use the on-disk database (temp-friends-database.ts).
import { KithError } from '../../../../src-contract/kith-api';
import type { FriendsDatabase, FriendsDatabaseOpening } from '../../../core/ports';
import { kithMigrations } from '../kith-schema';
import { migrate } from '../migrations';
import { openSqliteConnection, type SqlConnection } from '../sqlite-connection';
import { createSqliteAccessLogStore } from '../sqlite-access-log-store';
import { createSqliteFriendsStore } from '../sqlite-friends-store';

export interface MemoryFriendsDatabase extends FriendsDatabase {
  /** Makes the next opens fail as the adapter would report it (null: open normally). */
  failOpen: Exclude<FriendsDatabaseOpening['kind'], 'open'> | null;
  /** Makes every sync write fail with E_STORAGE, as a full disk would (reads still work). */
  failWrites: boolean;
}

export function createMemoryFriendsDatabase(): MemoryFriendsDatabase {
  let sql: SqlConnection | null = null;
  let keyHex: string | null = null;
  const location = ':memory:';
  const db: MemoryFriendsDatabase = {
    location,
    failOpen: null,
    failWrites: false,
    exists: async () => sql !== null,
    async open(key): Promise<FriendsDatabaseOpening> {
      const hex = Buffer.from(key).toString('hex');
      if (db.failOpen) return { kind: db.failOpen, message: `The contacts database could not be opened (${db.failOpen}).` };
      if (keyHex !== null && keyHex !== hex) return { kind: 'wrong-key', message: 'Kith’s contacts database was locked with a different key than the one Kith has now.' };
      if (!sql) {
        sql = openSqliteConnection(':memory:', { encryptionKey: hex, busyTimeoutMs: 1_000 });
        sql.exec('PRAGMA foreign_keys = ON');
        migrate(sql, kithMigrations, location);
        keyHex = hex;
      }
      const opened = { file: location, sql, schemaVersion: kithMigrations.length, close: () => {} };
      const store = createSqliteFriendsStore(opened);
      const failing = (): never => {
        throw new KithError('E_STORAGE', 'Kith could not write its contacts database on disk.');
      };
      return {
        kind: 'open',
        store: {
          ...store,
          beginSync: (...args) => (db.failWrites ? Promise.reject(failing()) : store.beginSync(...args)),
          applyPage: (...args) => (db.failWrites ? Promise.reject(failing()) : store.applyPage(...args)),
        },
        accessLog: createSqliteAccessLogStore(opened),
      };
    },
    async moveAside() {
      sql?.close();
      sql = null;
      keyHex = null;
      return ':memory: (dropped)';
    },
    close: () => {},
  };
  return db;
}
