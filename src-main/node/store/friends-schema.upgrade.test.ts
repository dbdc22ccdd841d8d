import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openKithDatabase } from './kith-database';
import { kithMigrations } from './kith-schema';
import { createSqliteFriendsStore } from './sqlite-friends-store';
import { searchTextOf, serializePerson, sortKeyOf } from './stored-person';
import { person, tempFolder, type TempFolder } from './testing/temp-database';

const ACCOUNT = 'acc_upgraded_google';
const aiko = person('people/c1', 'Aiko Mensah', { emails: [{ value: 'aiko.mensah@example.org', label: 'work' }] });
const bjorn = person('people/c2', 'Björn Berg');

let folder: TempFolder;
beforeEach(async () => {
  folder = await tempFolder();
});
afterEach(async () => {
  await folder.remove();
});

describe('a database made before staged people carried their index text (version 2)', () => {
  it('keeps every person and their search, drops the half-staged full sync, and syncs fully again', async () => {
    const old = await openKithDatabase({ file: folder.file, keyHex: folder.keyHex, migrations: kithMigrations.slice(0, 2) });
    expect(old.schemaVersion).toBe(2);
    old.sql.transaction(() => {
      old.sql.run("INSERT INTO friend_sync (account_id, provider, syncing, cursor, sync_token, friend_count) VALUES (?, 'google', 'full', 'page-2', 'sync-1', 1)", [ACCOUNT]);
      const { account_no } = old.sql.first<{ account_no: number }>('SELECT account_no FROM friend_sync')!;
      const terms = searchTextOf(aiko, [`#a${account_no}`, '#pgoogle']);
      old.sql.run('INSERT INTO people (position, account_no, person_id, sort_key, person, terms) VALUES (?, ?, ?, ?, ?, ?)', [
        2 ** 24,
        account_no,
        aiko.personId,
        sortKeyOf(aiko),
        serializePerson(aiko),
        terms,
      ]);
      old.sql.run('INSERT INTO people_search (rowid, terms) VALUES (?, ?)', [2 ** 24, terms]);
      // A page of a full sync that was running when the old version stopped.
      old.sql.run('INSERT INTO people_staged (account_no, person_id, sort_key, person) VALUES (?, ?, ?, ?)', [account_no, bjorn.personId, sortKeyOf(bjorn), serializePerson(bjorn)]);
    });
    old.close();

    const db = await openKithDatabase({ file: folder.file, keyHex: folder.keyHex, migrations: kithMigrations });
    try {
      expect(db.schemaVersion).toBe(kithMigrations.length);
      const store = createSqliteFriendsStore(db);
      expect(await store.syncState(ACCOUNT)).toMatchObject({ syncing: null, cursor: null, syncToken: 'sync-1', friendCount: 1 });
      expect((await store.search({ text: 'mensah', limit: 10 })).items.map((f) => f.displayName)).toEqual(['Aiko Mensah']);
      expect(db.sql.first<{ n: number }>('SELECT count(*) AS n FROM people_staged')!.n).toBe(0);

      // The half-staged page is gone: a new full sync lists only what it was given.
      await store.beginSync(ACCOUNT, 'google', 'full');
      await store.applyPage(ACCOUNT, { upserts: [aiko, bjorn], deletes: [], syncState: { cursor: 'page-2' } });
      const done = await store.applyPage(ACCOUNT, { upserts: [], deletes: [], syncState: { cursor: null, syncToken: 'sync-2' } });
      expect(done.friendCount).toBe(2);
      expect((await store.search({ limit: 10 })).items.map((f) => f.displayName)).toEqual(['Aiko Mensah', 'Björn Berg']);
      expect((await store.search({ text: 'berg', limit: 10 })).items.map((f) => f.displayName)).toEqual(['Björn Berg']);
    } finally {
      db.close();
    }
  });
});

describe('a database whose search index kept token positions (version 5)', () => {
  it('finds everyone by the same words after the index is made again, and forgets whoever an incremental sync deletes', async () => {
    const old = await openKithDatabase({ file: folder.file, keyHex: folder.keyHex, migrations: kithMigrations.slice(0, 5) });
    expect(old.schemaVersion).toBe(5);
    const oldStore = createSqliteFriendsStore(old);
    await oldStore.beginSync(ACCOUNT, 'google', 'full');
    await oldStore.applyPage(ACCOUNT, { upserts: [aiko, bjorn], deletes: [], syncState: { cursor: 'page-2' } });
    await oldStore.applyPage(ACCOUNT, { upserts: [], deletes: [], syncState: { cursor: null, syncToken: 'sync-1' } });
    old.close();

    const db = await openKithDatabase({ file: folder.file, keyHex: folder.keyHex, migrations: kithMigrations });
    try {
      expect(db.schemaVersion).toBe(kithMigrations.length);
      const store = createSqliteFriendsStore(db);
      const found = async (text: string) => (await store.search({ text, limit: 10 })).items.map((f) => f.displayName);
      expect(await found('mensah')).toEqual(['Aiko Mensah']);
      expect(await found('b')).toEqual(['Björn Berg']);
      expect(await found('example.org')).toEqual(['Aiko Mensah']);
      expect((await store.search({ text: 'bjorn', accountId: ACCOUNT, limit: 10 })).total).toBe(1);

      await store.beginSync(ACCOUNT, 'google', 'incremental');
      await store.applyPage(ACCOUNT, { upserts: [], deletes: [aiko.personId], syncState: { cursor: null, syncToken: 'sync-2' } });
      expect(await found('aiko')).toEqual([]);
      expect((await store.search({ text: 'a', limit: 10 })).total).toBe(0);
      expect(await found('berg')).toEqual(['Björn Berg']);
    } finally {
      db.close();
    }
  });
});
