import { randomBytes } from 'node:crypto';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { moveDatabaseAside } from './move-database-aside';
import { StoreError } from './store-error';
import { tempFolder, type TempFolder } from './testing/temp-database';

let folder: TempFolder;
beforeEach(async () => {
  folder = await tempFolder();
});
afterEach(async () => {
  await folder.remove();
});

const at = new Date('2025-03-01T10:20:30.456Z');

describe('moveDatabaseAside', () => {
  it('keeps a damaged database and its key check under one timestamped name, and a new database opens in its place', async () => {
    (await folder.open()).close();
    await writeFile(folder.file, randomBytes(16_384));
    const damaged = await readFile(folder.file);
    const opened = await folder.open().catch((e: unknown) => e);
    expect(opened).toBeInstanceOf(StoreError);

    const moved = await moveDatabaseAside(folder.file, (opened as StoreError).reason, at);

    expect(moved.movedTo).toBe(path.join(folder.dir, 'kith.damaged-2025-03-01T10-20-30-456Z.db'));
    const left = await readdir(folder.dir);
    expect(left.filter((f) => f.startsWith('kith.db'))).toEqual([]);
    expect(left).toContain('kith.damaged-2025-03-01T10-20-30-456Z.db.keycheck');
    expect((await readFile(moved.movedTo)).equals(damaged)).toBe(true);

    const fresh = await folder.open();
    expect(fresh.sql.all('SELECT * FROM friend_sync')).toEqual([]);
    fresh.close();
  });

  it('moves the WAL (commits not yet in the database file) and the shared-memory index with it', async () => {
    await writeFile(folder.file, 'database bytes');
    await writeFile(`${folder.file}-wal`, 'wal bytes');
    await writeFile(`${folder.file}-shm`, 'shm bytes');
    const moved = await moveDatabaseAside(folder.file, 'unreadable', at);
    expect(moved.files.map((f) => path.basename(f))).toEqual([
      'kith.unreadable-2025-03-01T10-20-30-456Z.db',
      'kith.unreadable-2025-03-01T10-20-30-456Z.db-wal',
      'kith.unreadable-2025-03-01T10-20-30-456Z.db-shm',
    ]);
    expect(await readFile(`${moved.movedTo}-wal`, 'utf8')).toBe('wal bytes');
    expect(await readdir(folder.dir)).toHaveLength(3);
  });

  it('never replaces an earlier copy moved aside at the same moment', async () => {
    await writeFile(folder.file, 'first');
    const first = await moveDatabaseAside(folder.file, 'unreadable', at);
    await writeFile(folder.file, 'second');
    const second = await moveDatabaseAside(folder.file, 'unreadable', at);

    expect(second.movedTo).not.toBe(first.movedTo);
    expect(await readFile(first.movedTo, 'utf8')).toBe('first');
    expect(await readFile(second.movedTo, 'utf8')).toBe('second');
  });
});
