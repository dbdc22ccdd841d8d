// Why the Kith database could not be used, as one error type the caller can
// act on: `reason` says whether to ask for the right key (wrong-key), move
// the file aside and sync again (damaged, unreadable), wait (busy), or leave
// it for a newer Kith (newer-schema). Messages are safe to show and hold no
// key; the file path is not a secret.
import { KithError } from '../../../src-contract/kith-api';
import { sqliteCode } from './sqlite-connection';

export type StoreErrorReason =
  /** The key check beside the file says another key encrypted it. */
  | 'wrong-key'
  /** The key is right (or the file is plain garbage with no key check), yet SQLite cannot read it. */
  | 'damaged'
  /** SQLite cannot read it and nothing says whether the key or the file is at fault. */
  | 'unreadable'
  /** Written by a newer Kith (a schema version this one does not know). */
  | 'newer-schema'
  /** Another process kept it locked past the busy timeout. */
  | 'busy'
  /** The disk or the operating system refused (permissions, disk full, I/O error). */
  | 'io';

const MESSAGES: Record<StoreErrorReason, string> = {
  'wrong-key': 'Kith’s contacts database was locked with a different key than the one Kith has now.',
  damaged: 'Kith’s contacts database is damaged and cannot be read.',
  unreadable: 'Kith’s contacts database cannot be read: it is damaged, or it was locked with a different key.',
  'newer-schema': 'Kith’s contacts database was written by a newer version of Kith.',
  busy: 'Kith’s contacts database is busy in another Kith process; try again in a moment.',
  io: 'Kith could not read or write its contacts database on disk.',
};

export class StoreError extends KithError {
  constructor(
    readonly reason: StoreErrorReason,
    readonly file: string,
    readonly sqlite: string | null = null,
  ) {
    super('E_STORAGE', MESSAGES[reason]);
    this.name = 'StoreError';
  }

  /** Moving the file aside (never deleting it) and syncing again is the way out. */
  get movable(): boolean {
    return this.reason === 'damaged' || this.reason === 'unreadable';
  }
}

/** Maps a libsql failure met while using the database to a StoreError; anything else comes back as is. */
export function storeFailure(error: unknown, file: string): unknown {
  if (error instanceof StoreError) return error;
  const full = sqliteCode(error);
  if (!full) return error;
  // Extended codes (SQLITE_IOERR_WRITE, SQLITE_BUSY_SNAPSHOT) count as their primary code.
  const code = full.split('_').slice(0, 2).join('_');
  if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') return new StoreError('damaged', file, full);
  if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') return new StoreError('busy', file, full);
  if (code === 'SQLITE_IOERR' || code === 'SQLITE_FULL' || code === 'SQLITE_CANTOPEN' || code === 'SQLITE_PERM' || code === 'SQLITE_READONLY') {
    return new StoreError('io', file, full);
  }
  return error;
}
