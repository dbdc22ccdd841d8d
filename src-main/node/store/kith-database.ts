// Opens Kith's SQLite database, encrypted at rest with a 32-byte key the
// caller derives (the key hierarchy), and brings its schema up to date.
// Used by both shells through the stores built on it.
//
// - WAL, so readers never wait for the writer, and a busy timeout, so the CLI
//   and `kith serve` can write to one data folder without lock files of our own
//   (https://www.sqlite.org/wal.html, https://www.sqlite.org/pragma.html#pragma_busy_timeout).
//   WAL is turned on before the connection's first write, not at the open:
//   turning it on rewrites the file's header through a rollback journal (its
//   fsyncs take 1-2 ms, tens under disk contention), every open would pay it
//   (a database Kith closes is left out of WAL, closeDatabase), and a new
//   process's first reads need none. The mode is the file's, not the
//   connection's: once any connection turned it on, every one reads and
//   writes through the WAL, so a writer never meets a reader in the rollback
//   journal's locking.
//   synchronous=NORMAL is what the WAL page recommends: a commit is atomic
//   and survives a crash of the process; a power cut may undo the last ones.
// - temp_store=MEMORY: sorts and temporary indexes never spill a plaintext
//   temp file next to the encrypted one.
// - foreign keys on (SQLite leaves them off per connection).
// - A file that cannot be opened fails with a StoreError saying why
//   (wrong-key / damaged / unreadable / newer-schema / busy / io); the file
//   is never deleted or replaced here: moveDatabaseAside does that on request.
//   SQLite itself may still fold a leftover WAL into a file it then fails to
//   read, when the failed connection closes; a wrong key is caught before that.
import { mkdir, open, stat } from 'node:fs/promises';
import path from 'node:path';
import { KithError } from '../../../src-contract/kith-api';
import { keyCheckOf, readKeyCheck, sameCheck, writeKeyCheck } from './key-check';
import { migrate, schemaVersionOf, type Migration } from './migrations';
import { openSqliteConnection, sqliteCode, type SqlConnection } from './sqlite-connection';
import { StoreError, storeFailure } from './store-error';

export interface KithDatabaseOptions {
  file: string;
  /** 64 hex digits: the store key from the key hierarchy. */
  keyHex: string;
  /** Every migration of the database, in order (the friends store's and any other's). */
  migrations: readonly Migration[];
  /** How long to wait for another process's write before failing with `busy`. */
  busyTimeoutMs?: number;
  /** SQLite's page cache, in KiB. */
  cacheKiB?: number;
}

export interface KithDatabase {
  readonly file: string;
  readonly sql: SqlConnection;
  readonly schemaVersion: number;
  close(): void;
}

export const DEFAULT_BUSY_TIMEOUT_MS = 10_000;

export async function openKithDatabase(options: KithDatabaseOptions): Promise<KithDatabase> {
  const { file, keyHex } = options;
  if (!/^[0-9a-fA-F]{64}$/.test(keyHex)) throw new KithError('E_INTERNAL', 'The database key must be 32 bytes in hex.');
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  const empty = await createPrivately(file);
  const check = keyCheckOf(keyHex.toLowerCase());
  const storedCheck = await readKeyCheck(file);
  // A key check says a database was made here: an empty file lost it (never start over silently).
  if (empty && storedCheck) throw new StoreError('damaged', file);
  // Another key made this database: say so before SQLite opens it (a connection that fails
  // and closes may still fold a leftover WAL into the file).
  if (storedCheck && !sameCheck(storedCheck, check)) throw new StoreError('wrong-key', file);

  let sql: SqlConnection | null = null;
  try {
    sql = openSqliteConnection(file, { encryptionKey: keyHex.toLowerCase(), busyTimeoutMs: options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS });
    // The first statement reads page 1: a wrong key or a damaged file fails here.
    sql.first('SELECT count(*) AS n FROM sqlite_master');
    // A file from a newer Kith is refused before anything is written to it, even its journal mode.
    if (schemaVersionOf(sql) > options.migrations.length) throw new StoreError('newer-schema', file);
    sql.walFromFirstWrite();
    sql.exec(
      `PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; PRAGMA temp_store = MEMORY; PRAGMA journal_size_limit = 33554432; PRAGMA cache_size = -${options.cacheKiB ?? 16_384}`,
    );
    const schemaVersion = migrate(sql, options.migrations, file);
    if (!storedCheck) await writeKeyCheck(file, check);
    const opened = sql;
    return {
      file,
      sql: opened,
      schemaVersion,
      close: () => closeDatabase(opened),
    };
  } catch (error) {
    sql?.close();
    throw openFailure(error, file, storedCheck, check);
  }
}

/**
 * libsql's close() drops the handle, but SQLite closes the file only when the connection's
 * objects are garbage-collected, and a WAL connection closing last deletes "<file>-wal" by
 * name — by then, maybe a new database's (after moveDatabaseAside). So the connection leaves
 * WAL mode here when it is the only one (the change needs exclusive access; the next open
 * turns WAL on again): the database file is whole, and the late close has no WAL to delete.
 */
function closeDatabase(sql: SqlConnection): void {
  try {
    if (!sql.inTransaction) sql.exec('PRAGMA journal_mode = DELETE');
  } catch {
    // Another process has it open: it keeps WAL going and checkpoints in its turn.
  }
  sql.close();
}

function openFailure(error: unknown, file: string, storedCheck: string | null, check: string): unknown {
  if (sqliteCode(error) === 'SQLITE_NOTADB') {
    if (!storedCheck) return new StoreError('unreadable', file, 'SQLITE_NOTADB');
    return new StoreError(sameCheck(storedCheck, check) ? 'damaged' : 'wrong-key', file, 'SQLITE_NOTADB');
  }
  return storeFailure(error, file);
}

/**
 * Creates the file with mode 0600 before SQLite does (its WAL and shared-memory files copy that
 * mode); says whether it is empty (new), so a key check left from an older file does not count.
 */
async function createPrivately(file: string): Promise<boolean> {
  try {
    await (await open(file, 'wx', 0o600)).close();
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw new StoreError('io', file);
    const found = await stat(file);
    if (!found.isFile()) throw new StoreError('io', file);
    return found.size === 0;
  }
}
