// The core's FriendsDatabase port over the encrypted Kith database file
// (`kith.db` in the data folder), shared by both shells. Opening reports why
// a file cannot be used instead of throwing, so the core can decide: a wrong
// key is left alone (the key check beside the file tells it from damage), a
// damaged file is moved aside on request (moveDatabaseAside), never deleted.
import { access } from 'node:fs/promises';
import path from 'node:path';
import type { FriendsDatabase, FriendsDatabaseOpening } from '../../core/ports';
import { keyCheckFileOf } from './key-check';
import { openKithDatabase, type KithDatabase } from './kith-database';
import { kithMigrations } from './kith-schema';
import { moveDatabaseAside } from './move-database-aside';
import { createSqliteAccessLogStore } from './sqlite-access-log-store';
import { createSqliteFriendsStore } from './sqlite-friends-store';
import { StoreError } from './store-error';

export const KITH_DATABASE_FILE = 'kith.db';

export interface SqliteFriendsDatabaseOptions {
  /** The data folder; the database is `kith.db` in it. */
  dataDir: string;
  busyTimeoutMs?: number;
  /** SQLite's page cache, in KiB (kith-database.ts's default when absent). */
  cacheKiB?: number;
  now?: () => Date;
}

export function createSqliteFriendsDatabase(options: SqliteFriendsDatabaseOptions): FriendsDatabase {
  const file = path.join(options.dataDir, KITH_DATABASE_FILE);
  let open: KithDatabase | null = null;

  const close = () => {
    open?.close();
    open = null;
  };

  return {
    location: file,
    async exists() {
      // The key check is written once a key made the database; an empty file from a crash before that counts too.
      return (await present(file)) || (await present(keyCheckFileOf(file)));
    },
    async open(key): Promise<FriendsDatabaseOpening> {
      close();
      if (key.length !== 32) throw new Error('The friends database key must be 32 bytes.');
      try {
        open = await openKithDatabase({
          file,
          keyHex: Buffer.from(key).toString('hex'),
          migrations: kithMigrations,
          ...(options.busyTimeoutMs !== undefined ? { busyTimeoutMs: options.busyTimeoutMs } : {}),
          ...(options.cacheKiB !== undefined ? { cacheKiB: options.cacheKiB } : {}),
        });
      } catch (error) {
        if (error instanceof StoreError) return { kind: error.reason, message: error.message };
        throw error;
      }
      return { kind: 'open', store: createSqliteFriendsStore(open), accessLog: createSqliteAccessLogStore(open) };
    },
    async moveAside(reason) {
      close();
      return (await moveDatabaseAside(file, reason, options.now?.() ?? new Date())).movedTo;
    },
    close,
  };
}

async function present(file: string): Promise<boolean> {
  try {
    await access(file);
    return true;
  } catch {
    return false;
  }
}
