// The one file that talks to libsql: an encrypted SQLite connection with
// prepared statements cached per SQL text, parameters checked before they
// reach native code, and IMMEDIATE transactions. kith-database.ts opens it;
// the stores above never see libsql itself.
//
// Why the checks (libsql 0.5.29, see /work/notes/sqlite-facts.md): a single
// non-array argument takes the named-parameter path and a boolean is
// unimplemented, and both panic in Rust, which aborts the whole process;
// parameters are therefore always passed as one array of string | number |
// bigint | null. There is no blob type on purpose: blob results are where
// N-API bindings create external buffers, which Electron's V8 memory cage
// refuses, so Kith's schemas store none.
import { closeSync, openSync, readSync } from 'node:fs';
import { createRequire } from 'node:module';
import type Libsql from 'libsql';
import { KithError } from '../../../src-contract/kith-api';

export type SqlValue = string | number | bigint | null;

export interface RunResult {
  changes: number;
  lastInsertRowid: number;
}

export interface SqlConnection {
  /** Runs a statement that returns no rows. */
  run(sql: string, params?: readonly SqlValue[]): RunResult;
  /** Every row, as objects keyed by column name. */
  all<T>(sql: string, params?: readonly SqlValue[]): T[];
  /** The first row or undefined. */
  first<T>(sql: string, params?: readonly SqlValue[]): T | undefined;
  /** Runs one or more statements without parameters (schema, pragmas). */
  exec(sql: string): void;
  /**
   * Turns WAL on before the next run() or transaction() (kith-database.ts says why), unless on
   * already. A write through exec() outside a transaction, or inside a snapshot, uses the rollback
   * journal, which SQLite reads and writes as well.
   */
  walFromFirstWrite(): void;
  /** PRAGMA data_version: changes when another connection commits (see walIndexGuard for what it costs). */
  dataVersion(): number;
  /** Runs `work` in a BEGIN IMMEDIATE transaction: it waits for other writers (busy timeout) up front. */
  transaction<T>(work: () => T): T;
  /** Runs `work` in a deferred transaction (inside one already open: in that one): its reads see one snapshot. */
  snapshot<T>(work: () => T): T;
  readonly inTransaction: boolean;
  close(): void;
}

/** The option libsql reads but its type definitions do not declare. */
interface LibsqlOptions {
  encryptionKey?: string;
  timeout?: number;
}

type LibsqlDatabase = Libsql.Database;
type LibsqlStatement = Libsql.Statement;
type OpenLibsql = new (file: string, options: LibsqlOptions) => LibsqlDatabase;

// The native binding (about 10 MB and tens of ms) loads with the first connection, not
// with every start: `kith accounts` and other commands that never open the database skip it.
let libsqlClass: OpenLibsql | null = null;
function libsql(): OpenLibsql {
  libsqlClass ??= createRequire(import.meta.url)('libsql') as OpenLibsql;
  return libsqlClass;
}

/** The SQLite result code of a libsql error ("SQLITE_BUSY", "SQLITE_NOTADB", ...), if it is one. */
export function sqliteCode(error: unknown): string | null {
  if (error instanceof Error && 'code' in error && typeof error.code === 'string' && error.code.startsWith('SQLITE_')) return error.code;
  return null;
}

export function openSqliteConnection(file: string, options: { encryptionKey: string; busyTimeoutMs: number }): SqlConnection {
  const OpenLibsql = libsql();
  const db = new OpenLibsql(file, { encryptionKey: options.encryptionKey, timeout: options.busyTimeoutMs });
  const statements = new Map<string, LibsqlStatement>();
  let open = true;

  const prepared = (sql: string): LibsqlStatement => {
    if (!open) throw new KithError('E_INTERNAL', 'The database is closed.');
    let statement = statements.get(sql);
    if (!statement) {
      statement = db.prepare(sql) as LibsqlStatement;
      statements.set(sql, statement);
    }
    return statement;
  };

  const all = <T>(sql: string, params: readonly SqlValue[] = []): T[] => prepared(sql).all(checked(params)) as T[];
  const readDataVersion = () => (prepared('PRAGMA data_version').get([]) as { data_version: number } | undefined)?.data_version ?? 0;
  const inWal = () => (prepared('PRAGMA journal_mode').get([]) as { journal_mode?: string } | undefined)?.journal_mode === 'wal';
  const guard = walIndexGuard(file, inWal);
  let walPending = false;
  const beforeWrite = () => {
    if (!walPending || db.inTransaction) return;
    try {
      db.exec('PRAGMA journal_mode = WAL');
      walPending = false;
    } catch (error) {
      // The change needs the file to itself: while another process holds it through the rollback
      // journal, it waits out the busy timeout (as a switch at open did), this write then uses the
      // rollback journal too, and the next one tries again.
      if (sqliteCode(error) !== 'SQLITE_BUSY') throw error;
    }
  };

  return {
    run(sql, params = []) {
      beforeWrite();
      const result = prepared(sql).run(checked(params));
      return { changes: result.changes, lastInsertRowid: Number(result.lastInsertRowid) };
    },
    all,
    first<T>(sql: string, params: readonly SqlValue[] = []): T | undefined {
      // get() reads one row and resets the statement; it adds a timing field to the row.
      const row = prepared(sql).get(checked(params)) as (T & { _metadata?: unknown }) | undefined | null;
      if (!row) return undefined;
      delete row._metadata;
      return row;
    },
    exec(sql) {
      if (!open) throw new KithError('E_INTERNAL', 'The database is closed.');
      db.exec(sql);
    },
    walFromFirstWrite() {
      if (!open) throw new KithError('E_INTERNAL', 'The database is closed.');
      walPending = !inWal();
    },
    dataVersion() {
      if (!open) throw new KithError('E_INTERNAL', 'The database is closed.');
      // Inside a transaction the pragma answers for its snapshot, which must not be kept as the latest.
      return db.inTransaction ? readDataVersion() : guard.read(readDataVersion);
    },
    transaction(work) {
      if (db.inTransaction) throw new KithError('E_INTERNAL', 'Transactions do not nest.');
      beforeWrite();
      db.exec('BEGIN IMMEDIATE');
      let result;
      try {
        result = work();
      } catch (error) {
        if (db.inTransaction) db.exec('ROLLBACK');
        throw error;
      }
      try {
        db.exec('COMMIT');
      } catch (error) {
        if (db.inTransaction) db.exec('ROLLBACK');
        throw error;
      }
      return result;
    },
    snapshot(work) {
      if (db.inTransaction) return work();
      // A deferred BEGIN takes no lock until the first read, and a read takes WAL's snapshot.
      db.exec('BEGIN');
      try {
        return work();
      } finally {
        if (db.inTransaction) db.exec('COMMIT');
      }
    },
    get inTransaction() {
      return open && db.inTransaction;
    },
    close() {
      if (!open) return;
      open = false;
      statements.clear();
      guard.close();
      db.close();
    },
  };
}

/** The two copies of the wal-index header at the start of "<file>-shm" (https://www.sqlite.org/walformat.html#the_wal_index_header). */
const WAL_INDEX_HEADERS = 96;

/**
 * PRAGMA data_version through libsql costs a statement step and a row object (10-25 µs), and
 * the host server asks it on every script request (is the friends page it keeps still the
 * store's?). A commit by any connection rewrites the wal-index header in the shared-memory
 * file (mxFrame, the salts and the checksum change with every transaction), and reading those
 * 96 bytes is one pread. So the pragma runs only when the header differs from the one read
 * just before the pragma last ran: a commit finished since then is always seen (the header is
 * read first, so one landing between the two reads only makes the next call ask again).
 * Where there is no such file (an in-memory database, WAL not on, a short read) the pragma
 * runs every time, as before. The header's layout is SQLite's documented file format.
 */
function walIndexGuard(file: string, inWal: () => boolean): { read(version: () => number): number; close(): void } {
  let fd: number | null | undefined = file === ':memory:' || file === '' || file.startsWith('file:') ? null : undefined;
  let seen: Buffer | null = null;
  let known = 0;
  const now = Buffer.alloc(WAL_INDEX_HEADERS);
  return {
    read(version) {
      if (fd === undefined) {
        // Opened at the first call in WAL, after the connection has made its shared memory; a "-shm"
        // left from an earlier WAL session is no signal while WAL is off. Not yet in WAL (turned on
        // at the first write, walFromFirstWrite): asked again at the next call.
        try {
          if (inWal()) fd = openSync(`${file}-shm`, 'r');
        } catch {
          fd = null;
        }
      }
      if (fd === null || fd === undefined) return version();
      let whole: boolean;
      try {
        whole = readSync(fd, now, 0, WAL_INDEX_HEADERS, 0) === WAL_INDEX_HEADERS;
      } catch {
        whole = false;
      }
      if (!whole) {
        seen = null;
        return version();
      }
      if (seen?.equals(now)) return known;
      known = version();
      seen = Buffer.from(now);
      return known;
    },
    close() {
      if (typeof fd === 'number') closeSync(fd);
      fd = null;
    },
  };
}

function checked(params: readonly SqlValue[]): SqlValue[] {
  for (const value of params) {
    const type = typeof value;
    if (value !== null && type !== 'string' && type !== 'number' && type !== 'bigint') {
      throw new KithError('E_INTERNAL', `A database parameter of type ${type} cannot be bound.`);
    }
  }
  return params as SqlValue[];
}
