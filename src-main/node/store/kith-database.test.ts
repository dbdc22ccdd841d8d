import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openKithDatabase } from './kith-database';
import { kithMigrations } from './kith-schema';
import type { Migration } from './migrations';
import { StoreError } from './store-error';
import { tempFolder, type TempFolder } from './testing/temp-database';

let folder: TempFolder;
beforeEach(async () => {
  folder = await tempFolder();
});
afterEach(async () => {
  await folder.remove();
});

async function rejection(promise: Promise<unknown>): Promise<StoreError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(StoreError);
  return error as StoreError;
}

const seedRow = (db: { sql: { run(sql: string, params: string[]): unknown } }, accountId: string) =>
  db.sql.run("INSERT INTO friend_sync (account_id, provider) VALUES (?, 'google')", [accountId]);

describe('openKithDatabase', () => {
  it('creates a private, encrypted WAL database at the latest schema, and opens it again with the same key', async () => {
    const db = await folder.open();
    expect(db.schemaVersion).toBe(kithMigrations.length);
    expect(db.sql.first<{ journal_mode: string }>('PRAGMA journal_mode')?.journal_mode).toBe('wal');
    expect(db.sql.first<{ foreign_keys: number }>('PRAGMA foreign_keys')?.foreign_keys).toBe(1);
    expect(db.sql.first<{ timeout: number }>('PRAGMA busy_timeout')?.timeout).toBe(10_000);
    seedRow(db, 'acc_kept_across_opens');
    db.close();
    if (process.platform !== 'win32') expect((await stat(folder.file)).mode & 0o777).toBe(0o600);

    const again = await folder.open();
    expect(again.sql.all<{ account_id: string }>('SELECT account_id FROM friend_sync')).toEqual([{ account_id: 'acc_kept_across_opens' }]);
    again.close();
  });

  it('leaves no plaintext of what it stores in any file of the folder', async () => {
    const db = await folder.open();
    seedRow(db, 'acc_plaintext_check');
    const name = 'Wanjiru Plaintextcheck';
    db.sql.run("INSERT INTO people (position, account_no, person_id, sort_key, person, terms) VALUES (1, (SELECT account_no FROM friend_sync), 'p1', ?, ?, ?)", [
      name.toLowerCase(),
      JSON.stringify({ displayName: name, emails: [{ value: 'wanjiru.plaintextcheck@example.org', label: null }] }),
      `${name} wanjiru.plaintextcheck@example.org`,
    ]);
    // While open the row sits in the WAL; at close it is checkpointed into the database file.
    const whileOpen = await folderBytes(folder.dir);
    db.close();
    const afterClose = await folderBytes(folder.dir);
    for (const bytes of [whileOpen, afterClose]) {
      expect(bytes.includes('Plaintextcheck')).toBe(false);
      expect(bytes.includes('plaintextcheck')).toBe(false);
      expect(bytes.includes('SQLite format 3')).toBe(false);
    }
  });

  it('opened again, reads without turning WAL on, and turns it on before its first write, which stays encrypted', async () => {
    const db = await folder.open();
    seedRow(db, 'acc_first');
    db.close();
    const again = await folder.open();
    const journalMode = () => again.sql.first<{ journal_mode: string }>('PRAGMA journal_mode')?.journal_mode;
    expect(again.sql.all<{ account_id: string }>('SELECT account_id FROM friend_sync')).toEqual([{ account_id: 'acc_first' }]);
    expect(journalMode()).toBe('delete');
    const version = again.sql.dataVersion();
    seedRow(again, 'acc_plaintextcheck');
    expect(journalMode()).toBe('wal');
    // Another connection's commit, through the WAL, is seen by the one that turned it on.
    const other = await folder.open();
    seedRow(other, 'acc_other');
    expect(again.sql.dataVersion()).not.toBe(version);
    expect(again.sql.all<{ account_id: string }>('SELECT account_id FROM friend_sync ORDER BY account_id')).toHaveLength(3);
    const whileOpen = await folderBytes(folder.dir);
    expect(whileOpen.includes('plaintextcheck')).toBe(false);
    other.close();
    again.close();
  });

  it('refuses a different key with wrong-key, and writes nothing to the file', async () => {
    const db = await folder.open();
    seedRow(db, 'acc_written_with_key_a');
    db.close();
    const before = await readFile(folder.file);

    const error = await rejection(folder.open({ keyHex: randomBytes(32).toString('hex') }));
    expect(error.reason).toBe('wrong-key');
    expect(error.code).toBe('E_STORAGE');
    expect(error.movable).toBe(false);
    expect((await readFile(folder.file)).equals(before)).toBe(true);

    // The right key still opens everything.
    const right = await folder.open();
    expect(right.sql.all('SELECT account_id FROM friend_sync')).toHaveLength(1);
    right.close();
  });

  it('reports a file the right key cannot read as damaged', async () => {
    (await folder.open()).close();
    await writeFile(folder.file, randomBytes(16_384));
    const error = await rejection(folder.open());
    expect(error.reason).toBe('damaged');
    expect(error.movable).toBe(true);
  });

  it('reports an unreadable file with no key check as unreadable (it cannot tell key from damage)', async () => {
    await writeFile(folder.file, randomBytes(16_384));
    const error = await rejection(folder.open());
    expect(error.reason).toBe('unreadable');
    expect(error.movable).toBe(true);
  });

  it('leaves a database from a newer Kith untouched', async () => {
    const db = await folder.open();
    db.sql.exec('PRAGMA user_version = 99');
    db.close();
    const before = await readFile(folder.file);
    const error = await rejection(folder.open());
    expect(error.reason).toBe('newer-schema');
    expect((await readFile(folder.file)).equals(before)).toBe(true);
  });

  it('runs each migration in its own transaction: a failing one leaves the version and tables of the one before', async () => {
    const failing: Migration = {
      version: kithMigrations.length + 1,
      description: 'half done, then fails',
      up(sql) {
        sql.exec('CREATE TABLE half_done (x TEXT)');
        throw new Error('migration failed midway');
      },
    };
    await expect(openKithDatabase({ file: folder.file, keyHex: folder.keyHex, migrations: [...kithMigrations, failing] })).rejects.toThrow('migration failed midway');
    const db = await folder.open();
    expect(db.schemaVersion).toBe(kithMigrations.length);
    expect(db.sql.all("SELECT name FROM sqlite_master WHERE name = 'half_done'")).toEqual([]);
    db.close();
  });

  it('waits for another process holding the write lock, within the busy timeout', async () => {
    (await folder.open()).close();
    const holder = holdWriteLock(folder.file, folder.keyHex, 600);
    await holder.locked;
    const db = await folder.open();
    const started = performance.now();
    db.sql.transaction(() => seedRow(db, 'acc_waited_for_lock'));
    expect(performance.now() - started).toBeGreaterThan(300);
    await holder.exited;
    expect(db.sql.all<{ account_id: string }>('SELECT account_id FROM friend_sync ORDER BY account_id').map((r) => r.account_id)).toEqual([
      'acc_child_writer',
      'acc_waited_for_lock',
    ]);
    db.close();
  }, 20_000);

  it('fails with busy when the other process holds the lock past the timeout', async () => {
    (await folder.open()).close();
    const holder = holdWriteLock(folder.file, folder.keyHex, 2_000);
    await holder.locked;
    const db = await folder.open({ busyTimeoutMs: 100 });
    const { storeFailure } = await import('./store-error');
    let thrown: unknown = null;
    try {
      db.sql.transaction(() => seedRow(db, 'acc_gave_up'));
    } catch (error) {
      thrown = storeFailure(error, folder.file);
    }
    expect(thrown).toBeInstanceOf(StoreError);
    expect((thrown as StoreError).reason).toBe('busy');
    db.close();
    await holder.exited;
  }, 20_000);

  it('reports a database emptied on disk as damaged instead of starting over', async () => {
    const db = await folder.open();
    seedRow(db, 'acc_lost_on_disk');
    db.close();
    await writeFile(folder.file, '');
    const error = await rejection(folder.open());
    expect(error.reason).toBe('damaged');
  });

  it('rejects a key that is not 32 bytes of hex', async () => {
    await expect(openKithDatabase({ file: folder.file, keyHex: 'not-a-key', migrations: kithMigrations })).rejects.toMatchObject({ code: 'E_INTERNAL' });
  });
});

async function folderBytes(dir: string): Promise<Buffer> {
  const files = await readdir(dir);
  return Buffer.concat(await Promise.all(files.map((f) => readFile(path.join(dir, f)))));
}

const child = fileURLToPath(new URL('./testing/hold-write-lock.child.ts', import.meta.url));

function holdWriteLock(file: string, keyHex: string, holdMs: number): { locked: Promise<void>; exited: Promise<void> } {
  const proc = spawn(process.execPath, ['--import', 'tsx', child, file, keyHex, String(holdMs)], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  proc.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const locked = new Promise<void>((resolve, reject) => {
    proc.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('locked') && resolve());
    proc.on('exit', () => reject(new Error(`lock holder exited early: ${stderr.slice(0, 500)}`)));
  });
  const exited = new Promise<void>((resolve, reject) => proc.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(stderr.slice(0, 500))))));
  return { locked, exited };
}
