import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FriendsStorePort, StoredPerson } from './friends-store-port';
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
});
afterEach(async () => {
  db.close();
  await folder.remove();
});

async function fullSync(accountId: string, people: StoredPerson[]) {
  await store.beginSync(accountId, 'google', 'full');
  await store.applyPage(accountId, { upserts: people, deletes: [], syncState: { cursor: null, syncToken: 'sync-1', syncedAt: 1_000 } });
}

describe("the index's paged read of an account", () => {
  it('visits every person of the account once, and no one of another account', async () => {
    const many = Array.from({ length: 2_345 }, (_, i) => person(`people/c${i}`, `Person ${String(i).padStart(5, '0')}`, { emails: [{ value: `p${i}@example.org`, label: null }] }));
    await fullSync('acc_google_one', many);
    await fullSync('acc_google_two', [person('people/c1', 'Someone Else')]);
    const pages: number[] = [];
    const seen: StoredPerson[] = [];
    await store.entries.eachOfAccount('acc_google_one', (people) => {
      pages.push(people.length);
      seen.push(...people);
    });
    expect(pages.length).toBeGreaterThan(1);
    expect(seen.map((p) => p.personId).sort()).toEqual(many.map((p) => p.personId).sort());
    expect(seen.find((p) => p.personId === 'people/c42')).toEqual(many[42]);
    expect(await store.entries.ofAccount('acc_google_one')).toHaveLength(many.length);
  });

  it('visits nothing for an account it does not hold', async () => {
    const pages: unknown[] = [];
    await store.entries.eachOfAccount('acc_google_none', (people) => pages.push(people));
    expect(pages).toEqual([]);
  });
});
