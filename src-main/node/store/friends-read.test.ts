import { describe, expect, it } from 'vitest';
import type { StoredPerson } from './friends-store-port';
import { person } from './testing/temp-database';
import { useTempFriendsStore } from './testing/use-temp-friends-store';

const temp = useTempFriendsStore();

async function fullSync(accountId: string, people: StoredPerson[]) {
  await temp.store.beginSync(accountId, 'google', 'full');
  await temp.store.applyPage(accountId, { upserts: people, deletes: [], syncState: { cursor: null, syncToken: 'sync-1', syncedAt: 1_000 } });
}

describe("the index's paged read of an account", () => {
  it('visits every person of the account once, and no one of another account', async () => {
    const many = Array.from({ length: 2_345 }, (_, i) => person(`people/c${i}`, `Person ${String(i).padStart(5, '0')}`, { emails: [{ value: `p${i}@example.org`, label: null }] }));
    await fullSync('acc_google_one', many);
    await fullSync('acc_google_two', [person('people/c1', 'Someone Else')]);
    const pages: number[] = [];
    const seen: StoredPerson[] = [];
    await temp.store.entries.eachOfAccount('acc_google_one', (people) => {
      pages.push(people.length);
      seen.push(...people);
    });
    expect(pages.length).toBeGreaterThan(1);
    expect(seen.map((p) => p.personId).sort()).toEqual(many.map((p) => p.personId).sort());
    expect(seen.find((p) => p.personId === 'people/c42')).toEqual(many[42]);
    expect(await temp.store.entries.ofAccount('acc_google_one')).toHaveLength(many.length);
  });

  it('visits nothing for an account it does not hold', async () => {
    const pages: unknown[] = [];
    await temp.store.entries.eachOfAccount('acc_google_none', (people) => pages.push(people));
    expect(pages).toEqual([]);
  });
});
