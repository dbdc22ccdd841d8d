// The saved people index in the store: kept per account at its stamp, and
// never saved by waiting for another process's write (a sync holding the
// write lock), which would stop this process's event loop for the whole
// busy timeout.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FriendsStorePort } from './friends-store-port';
import type { KithDatabase } from './kith-database';
import { createSqliteFriendsStore } from './sqlite-friends-store';
import { person, tempFolder, type TempFolder } from './testing/temp-database';

let folder: TempFolder;
let db: KithDatabase;
let store: FriendsStorePort;
beforeEach(async () => {
  folder = await tempFolder();
  db = await folder.open();
  store = createSqliteFriendsStore(db);
  await store.beginSync('acc_google_one', 'google', 'full');
  await store.applyPage('acc_google_one', { upserts: [person('people/c1', 'Ada Lovelace')], deletes: [], syncState: { cursor: null, syncToken: 'sync-1', syncedAt: 1_000 } });
});
afterEach(async () => {
  db.close();
  await folder.remove();
});

const stampNow = async () => (await store.entries.stamps())[0]!.stamp;

const indexAt = (stamp: string) => ({
  accounts: [{ accountId: 'acc_google_one', stamp, facts: '{"facts":1}', merge: '{"merge":1}' }],
  build: { stamps: `acc_google_one ${stamp}`, text: '{"build":1}' },
});

describe('the saved people index', () => {
  it('keeps what was saved at a stamp, and the merge keys only at that stamp', async () => {
    const stamp = await stampNow();
    expect(await store.entries.saveIndex(indexAt(stamp))).toBe(true);
    expect(await store.entries.saveWords(`acc_google_one ${stamp}`, '{"words":1}')).toBe(true);
    expect(await store.entries.savedIndex()).toEqual({ accounts: [{ accountId: 'acc_google_one', stamp, facts: '{"facts":1}' }], build: { stamps: `acc_google_one ${stamp}`, text: '{"build":1}' } });
    expect(await store.entries.savedMergeKeys('acc_google_one', stamp)).toBe('{"merge":1}');
    expect(await store.entries.savedMergeKeys('acc_google_one', 'another stamp')).toBeNull();
    expect(await store.entries.savedWords(`acc_google_one ${stamp}`)).toBe('{"words":1}');
    expect(await store.entries.savedWords('acc_google_one another stamp')).toBeNull();
  });

  it('saves nothing, at once, while another connection holds the write lock, and waits as before afterwards', async () => {
    const stamp = await stampNow();
    const other = await folder.open();
    try {
      other.sql.exec('BEGIN IMMEDIATE');
      const started = performance.now();
      expect(await store.entries.saveIndex(indexAt(stamp))).toBe(false);
      expect(performance.now() - started).toBeLessThan(1_000);
      expect(db.sql.first<{ timeout: number }>('PRAGMA busy_timeout')?.timeout).toBe(10_000);
      other.sql.exec('COMMIT');
    } finally {
      other.close();
    }
    expect((await store.entries.savedIndex()).build).toBeNull();
    expect(await store.entries.saveIndex(indexAt(stamp))).toBe(true);
  });

  it('changes the stamp with every page of an incremental sync, even one that keeps the count', async () => {
    const before = await stampNow();
    await store.beginSync('acc_google_one', 'google', 'incremental');
    await store.applyPage('acc_google_one', { upserts: [person('people/c1', 'Ada King')], deletes: [], syncState: { cursor: 'next', syncedAt: 1_000 } });
    const during = await stampNow();
    await store.abandonSync('acc_google_one');
    const after = await stampNow();
    expect(new Set([before, during, after]).size).toBe(3);
  });
});
