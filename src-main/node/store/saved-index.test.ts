// The saved people index in the store: kept per account at its stamp, and
// never saved by waiting for another process's write (a sync holding the
// write lock), which would stop this process's event loop for the whole
// busy timeout.
import { beforeEach, describe, expect, it } from 'vitest';
import { openKithDatabase } from './kith-database';
import { kithMigrations } from './kith-schema';
import { PIECE_UNITS } from './saved-index';
import { createSqliteFriendsStore } from './sqlite-friends-store';
import { person, tempFolder } from './testing/temp-database';
import { useTempFriendsStore } from './testing/use-temp-friends-store';

const temp = useTempFriendsStore();
beforeEach(async () => {
  await temp.store.beginSync('acc_google_one', 'google', 'full');
  await temp.store.applyPage('acc_google_one', { upserts: [person('people/c1', 'Ada Lovelace')], deletes: [], syncState: { cursor: null, syncToken: 'sync-1', syncedAt: 1_000 } });
});

const stampNow = async () => (await temp.store.entries.stamps())[0]!.stamp;

const indexAt = (stamp: string) => ({
  accounts: [{ accountId: 'acc_google_one', stamp, facts: '{"facts":1}', later: '{"later facts":1}', merge: '{"merge":1}' }],
  build: { stamps: `acc_google_one ${stamp}`, text: '{"build":1}', later: '{"later build":1}' },
});

describe('the saved people index', () => {
  it('keeps what was saved at a stamp, and the merge keys only at that stamp', async () => {
    const stamp = await stampNow();
    expect(await temp.store.entries.saveIndex(indexAt(stamp))).toBe(true);
    expect(await temp.store.entries.saveWords(`acc_google_one ${stamp}`, '{"words":1}')).toBe(true);
    expect(await temp.store.entries.savedIndex()).toEqual({ accounts: [{ accountId: 'acc_google_one', stamp, facts: '{"facts":1}' }], build: { stamps: `acc_google_one ${stamp}`, text: '{"build":1}' } });
    // The later half of each, read on its own.
    expect(await temp.store.entries.savedIndex('later')).toEqual({ accounts: [{ accountId: 'acc_google_one', stamp, facts: '{"later facts":1}' }], build: { stamps: `acc_google_one ${stamp}`, text: '{"later build":1}' } });
    expect(await temp.store.entries.savedMergeKeys('acc_google_one', stamp)).toBe('{"merge":1}');
    expect(await temp.store.entries.savedMergeKeys('acc_google_one', 'another stamp')).toBeNull();
    expect(await temp.store.entries.savedWords(`acc_google_one ${stamp}`)).toBe('{"words":1}');
    expect(await temp.store.entries.savedWords('acc_google_one another stamp')).toBeNull();
  });

  it('keeps texts of megabytes in pieces no larger than PIECE_UNITS, and gives each back whole, pairs of surrogates too', async () => {
    const stamp = await stampNow();
    // A pair of surrogates (one emoji) straddles the first cut, and non-ASCII text follows it.
    const facts = `${'a'.repeat(PIECE_UNITS - 1)}\u{1F600}${'é'.repeat(PIECE_UNITS * 2)}`;
    const merge = 'm'.repeat(PIECE_UNITS * 3 + 5);
    const build = `{"build":"${'b'.repeat(PIECE_UNITS * 4)}"}`;
    const laterFacts = `${'l'.repeat(PIECE_UNITS + 1)}\u{1F600}`;
    const laterBuild = 'o'.repeat(PIECE_UNITS * 2 + 3);
    const words = 'w'.repeat(PIECE_UNITS * 5);
    const stamps = `acc_google_one ${stamp}`;
    expect(await temp.store.entries.saveIndex({ accounts: [{ accountId: 'acc_google_one', stamp, facts, later: laterFacts, merge }], build: { stamps, text: build, later: laterBuild } })).toBe(true);
    expect(await temp.store.entries.saveWords(stamps, words)).toBe(true);
    const saved = await temp.store.entries.savedIndex();
    expect(saved.accounts[0]!.facts === facts).toBe(true);
    expect(saved.build!.text === build).toBe(true);
    const later = await temp.store.entries.savedIndex('later');
    expect(later.accounts[0]!.facts === laterFacts).toBe(true);
    expect(later.build!.text === laterBuild).toBe(true);
    expect((await temp.store.entries.savedMergeKeys('acc_google_one', stamp)) === merge).toBe(true);
    expect((await temp.store.entries.savedWords(stamps)) === words).toBe(true);
    const longest = (table: string) => temp.db.sql.first<{ n: number }>(`SELECT max(length(text)) AS n FROM ${table}`)!.n;
    expect(longest('people_index_account_piece')).toBeLessThanOrEqual(PIECE_UNITS);
    expect(longest('people_index_build_piece')).toBeLessThanOrEqual(PIECE_UNITS);

    // A save in place of it leaves none of the longer text's pieces behind.
    expect(await temp.store.entries.saveIndex(indexAt(stamp))).toBe(true);
    expect(await temp.store.entries.savedIndex()).toEqual({ accounts: [{ accountId: 'acc_google_one', stamp, facts: '{"facts":1}' }], build: { stamps, text: '{"build":1}' } });
    expect(await temp.store.entries.savedIndex('later')).toEqual({ accounts: [{ accountId: 'acc_google_one', stamp, facts: '{"later facts":1}' }], build: { stamps, text: '{"later build":1}' } });
    expect(await temp.store.entries.savedWords(stamps)).toBeNull();
    // The build's two halves, a piece each.
    expect(temp.db.sql.first<{ n: number }>('SELECT count(*) AS n FROM people_index_build_piece')!.n).toBe(2);

    // Disconnecting the account deletes its pieces with it, and the build's.
    await temp.store.forgetAccount('acc_google_one');
    expect(temp.db.sql.first<{ n: number }>('SELECT (SELECT count(*) FROM people_index_account_piece) + (SELECT count(*) FROM people_index_build_piece) AS n')!.n).toBe(0);
  });

  it('fails as a store error, without taking the process down, when read after the database was closed', async () => {
    const stamp = await stampNow();
    expect(await temp.store.entries.saveIndex(indexAt(stamp))).toBe(true);
    temp.db.close();
    // A build's save or word read still running when the core closes lands here.
    await expect(temp.store.entries.indexedWords('acc_google_one')).rejects.toThrow();
    await expect(temp.store.entries.savedWords(`acc_google_one ${stamp}`)).rejects.toThrow();
    await expect(temp.store.entries.savedMergeKeys('acc_google_one', stamp)).rejects.toThrow();
    await expect(temp.store.entries.saveWords(`acc_google_one ${stamp}`, 'w')).rejects.toThrow();
  });

  it('saves nothing, at once, while another connection holds the write lock, and waits as before afterwards', async () => {
    const stamp = await stampNow();
    const other = await temp.folder.open();
    try {
      other.sql.exec('BEGIN IMMEDIATE');
      const started = performance.now();
      expect(await temp.store.entries.saveIndex(indexAt(stamp))).toBe(false);
      expect(performance.now() - started).toBeLessThan(1_000);
      expect(temp.db.sql.first<{ timeout: number }>('PRAGMA busy_timeout')?.timeout).toBe(10_000);
      other.sql.exec('COMMIT');
    } finally {
      other.close();
    }
    expect((await temp.store.entries.savedIndex()).build).toBeNull();
    expect(await temp.store.entries.saveIndex(indexAt(stamp))).toBe(true);
  });

  it('changes the stamp with every page of an incremental sync, even one that keeps the count', async () => {
    const before = await stampNow();
    await temp.store.beginSync('acc_google_one', 'google', 'incremental');
    await temp.store.applyPage('acc_google_one', { upserts: [person('people/c1', 'Ada King')], deletes: [], syncState: { cursor: 'next', syncedAt: 1_000 } });
    const during = await stampNow();
    await temp.store.abandonSync('acc_google_one');
    const after = await stampNow();
    expect(new Set([before, during, after]).size).toBe(3);
  });
});

describe('a people index saved whole, as version 4 kept it', () => {
  it('is dropped by the upgrade, never read as pieces, and the next save is kept', async () => {
    const aged = await tempFolder();
    try {
      const old = await openKithDatabase({ file: aged.file, keyHex: aged.keyHex, migrations: kithMigrations.filter((m) => m.version <= 4) });
      const stamp = 'as version 4 stamped it';
      old.sql.run("INSERT INTO friend_sync (account_id, provider, friend_count) VALUES ('acc_google_one', 'google', 0)");
      old.sql.run('INSERT INTO people_index_account (account_no, stamp, facts, merge) SELECT account_no, ?, \'{"facts":4}\', \'{"merge":4}\' FROM friend_sync', [stamp]);
      old.sql.run('INSERT INTO people_index_build (id, stamps, build, words) VALUES (1, ?, \'{"build":4}\', \'{"words":4}\')', [`acc_google_one ${stamp}`]);
      old.close();
      const upgraded = await aged.open();
      try {
        const entries = createSqliteFriendsStore(upgraded).entries;
        expect(await entries.savedIndex()).toEqual({ accounts: [], build: null });
        expect(await entries.savedMergeKeys('acc_google_one', stamp)).toBeNull();
        expect(await entries.savedWords(`acc_google_one ${stamp}`)).toBeNull();
        const now = (await entries.stamps())[0]!.stamp;
        expect(await entries.saveIndex(indexAt(now))).toBe(true);
        expect((await entries.savedIndex()).accounts).toEqual([{ accountId: 'acc_google_one', stamp: now, facts: '{"facts":1}' }]);
      } finally {
        upgraded.close();
      }
    } finally {
      await aged.remove();
    }
  });
});
