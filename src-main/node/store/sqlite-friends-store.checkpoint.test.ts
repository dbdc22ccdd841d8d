// A full sync's commits leave the write-ahead log unfolded (checkpoint() folds
// it once the sync has answered): the database file alone then holds the old
// list until the fold, and the whole new one after it; a sync whose fold is
// never asked for is folded by the next commit, so the log never grows
// without end.
import { copyFile, mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openKithDatabase } from './kith-database';
import { kithMigrations } from './kith-schema';
import { createSqliteFriendsStore } from './sqlite-friends-store';
import { person } from './testing/temp-database';
import { useTempFriendsStore } from './testing/use-temp-friends-store';

const ACCOUNT = 'acc_google_1';
const temp = useTempFriendsStore();
const copies: string[] = [];
afterEach(async () => {
  for (const dir of copies.splice(0)) await rm(dir, { recursive: true, force: true });
});

/** Pages of people with enough text that each page's commit passes SQLite's automatic checkpoint (1,000 log pages). */
const pages = (count: number, perPage: number, name = 'Person') =>
  Array.from({ length: count }, (_, p) =>
    Array.from({ length: perPage }, (_, k) =>
      person(`people/c${p * perPage + k}`, `${name} ${p * perPage + k}`, { avatarUrl: `https://example.org/${'a'.repeat(1500)}/${p * perPage + k}` }),
    ),
  );

async function fullSync(batches: ReturnType<typeof pages>, options: { beforeLast?: () => Promise<void> } = {}) {
  await temp.store.beginSync(ACCOUNT, 'google', 'full');
  for (const [i, upserts] of batches.entries()) {
    const last = i === batches.length - 1;
    if (last) await options.beforeLast?.();
    await temp.store.applyPage(ACCOUNT, { upserts, deletes: [], syncState: last ? { cursor: null, syncToken: 'sync-1', syncedAt: 1_000 } : { cursor: 'next' } });
  }
}

/** The people a copy of the database file alone (its log left behind) holds, as a backup of the file would. */
async function inFileAlone(): Promise<number> {
  const dir = await mkdtemp(path.join(tmpdir(), 'kith-copy-'));
  copies.push(dir);
  const file = path.join(dir, 'kith.db');
  await copyFile(temp.folder.file, file);
  const db = await openKithDatabase({ file, keyHex: temp.folder.keyHex, migrations: kithMigrations });
  try {
    return (await createSqliteFriendsStore(db).search({ limit: 1 })).total;
  } finally {
    db.close();
  }
}

const fileBytes = async () => (await stat(temp.folder.file)).size;

describe('the log of a full sync', () => {
  it('stays out of the database file while the sync commits its pages, and is folded into it by checkpoint()', async () => {
    await fullSync(pages(1, 10));
    await temp.store.checkpoint!();
    const before = await fileBytes();

    await fullSync(pages(4, 1000, 'Renamed'), {
      beforeLast: async () => {
        expect(await fileBytes()).toBe(before);
      },
    });
    // Readers read the log: the new list is there at once.
    expect((await temp.store.search({ limit: 1 })).total).toBe(4000);
    expect(await fileBytes()).toBe(before);
    expect(await inFileAlone()).toBe(10);

    await temp.store.checkpoint!();
    expect(await inFileAlone()).toBe(4000);
  });

  it('is folded by the next commit after the sync when no checkpoint is asked for', async () => {
    await fullSync(pages(4, 1000));
    expect(await inFileAlone()).toBe(0);
    // Any later write (here the next sync's start) commits with SQLite's automatic checkpoint again.
    await temp.store.beginSync(ACCOUNT, 'google', 'incremental');
    expect(await inFileAlone()).toBe(4000);
  });

  it('waits for every full sync on the connection to end before it folds', async () => {
    await fullSync(pages(1, 10));
    await temp.store.beginSync('acc_google_2', 'google', 'full');
    await temp.store.applyPage('acc_google_2', { upserts: pages(1, 10)[0]!, deletes: [], syncState: { cursor: 'next' } });
    await fullSync(pages(2, 1000, 'Again'));
    await temp.store.checkpoint!();
    expect(await inFileAlone()).toBe(0);

    await temp.store.abandonSync('acc_google_2');
    await temp.store.checkpoint!();
    expect(await inFileAlone()).toBe(2000);
  });

  it('is folded again after a full sync whose account another process removed meanwhile', async () => {
    const OTHER = 'acc_google_2';
    await temp.store.beginSync(OTHER, 'google', 'full');
    await temp.store.applyPage(OTHER, { upserts: pages(1, 10)[0]!, deletes: [], syncState: { cursor: null, syncToken: 'sync-1', syncedAt: 1_000 } });
    await temp.store.beginSync(ACCOUNT, 'google', 'full');
    await temp.store.applyPage(ACCOUNT, { upserts: pages(1, 10)[0]!, deletes: [], syncState: { cursor: 'next' } });
    // Another process (the CLI's disconnect, say) forgets the account while this one syncs it.
    const db = await openKithDatabase({ file: temp.folder.file, keyHex: temp.folder.keyHex, migrations: kithMigrations });
    try {
      await createSqliteFriendsStore(db).forgetAccount(ACCOUNT);
    } finally {
      db.close();
    }
    await expect(temp.store.applyPage(ACCOUNT, { upserts: [], deletes: [], syncState: { cursor: null, syncToken: 'sync-1', syncedAt: 1_000 } })).rejects.toThrow();
    await temp.store.abandonSync(ACCOUNT);

    // The other account's next sync commits and is folded as any: its people reach the file.
    await temp.store.beginSync(OTHER, 'google', 'incremental');
    await temp.store.applyPage(OTHER, { upserts: pages(1, 2000, 'More')[0]!, deletes: [], syncState: { cursor: null, syncToken: 'sync-2', syncedAt: 2_000 } });
    await temp.store.checkpoint!();
    expect(await inFileAlone()).toBe(2000);
  });
});
