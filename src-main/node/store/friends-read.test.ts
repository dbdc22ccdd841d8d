// The whole-list reads of the friends tables (friends-read.ts): an account a
// page at a time, and the entries of a page by id.
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

describe('the read of entries by id (a page of the list)', () => {
  it('gives each one that exists once, over more than one statement, and none that does not', async () => {
    await fullSync('acc_google_one', Array.from({ length: 1_200 }, (_, k) => person(`people/c${k}`, `Person ${k}`)));
    // 1,000 held (every other one asked for twice), an unknown id, an unknown account.
    const held = Array.from({ length: 1_000 }, (_, k) => ({ accountId: 'acc_google_one', personId: `people/c${k + 100}` }));
    const refs = [...held, ...held.filter((_, k) => k % 2 === 0), { accountId: 'acc_google_one', personId: 'people/missing' }, { accountId: 'acc_google_two', personId: 'people/c1' }];
    const found = await temp.store.entries.byRefs(refs);
    expect(found.map((f) => f.id).sort()).toEqual(held.map((r) => `acc_google_one:${r.personId}`).sort());
    expect(found.find((f) => f.personId === 'people/c150')).toMatchObject({ displayName: 'Person 150', accountId: 'acc_google_one', provider: 'google' });
  });

  it('finds ids holding quotes, backslashes and characters outside ASCII as they are', async () => {
    const odd = ['people/"quoted"', 'people/back\\slash', 'people/émile-\u{1F600}'];
    await fullSync('acc_google_one', odd.map((id) => person(id, id)));
    const found = await temp.store.entries.byRefs(odd.map((personId) => ({ accountId: 'acc_google_one', personId })));
    expect(found.map((f) => f.personId).sort()).toEqual([...odd].sort());
  });
});
