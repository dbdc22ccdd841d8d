// The first full sync of an account next to one already held: no read may
// show (or count) anyone of it before its last page, a sync that fails or
// dies must leave no one behind, and pages scattered over a large list must
// still end in one name order.
import { describe, expect, it } from 'vitest';
import type { StoredPerson } from './friends-store-port';
import { person } from './testing/temp-database';
import { useTempFriendsStore } from './testing/use-temp-friends-store';

const HELD = 'acc_google_held';
const NEW = 'acc_google_new';

const temp = useTempFriendsStore();

const page = (accountId: string, upserts: StoredPerson[], last = false, deletes: string[] = []) =>
  temp.store.applyPage(accountId, { upserts, deletes, syncState: last ? { cursor: null, syncToken: 'sync-1', syncedAt: 1_000 } : { cursor: 'next' } });

async function fullSync(accountId: string, pages: StoredPerson[][]) {
  await temp.store.beginSync(accountId, 'google', 'full');
  for (const [i, upserts] of pages.entries()) await page(accountId, upserts, i === pages.length - 1);
}

const names = async (query: { text?: string; accountId?: string; provider?: 'google' | 'facebook' } = {}) =>
  (await temp.store.search({ limit: 100, ...query })).items.map((f) => f.displayName);

/** What every read path answers, for the new account and for everyone. */
async function seen() {
  const stamps = await temp.store.entries.stamps();
  const words = await temp.store.entries.indexedWords(NEW);
  return {
    all: await names(),
    allTotal: (await temp.store.search({ limit: 1 })).total,
    text: await names({ text: 'mensah' }),
    textTotal: (await temp.store.search({ text: 'mensah', limit: 1 })).total,
    provider: await names({ provider: 'google' }),
    providerText: await names({ text: 'mensah', provider: 'google' }),
    providerTotal: (await temp.store.search({ provider: 'google', limit: 1 })).total,
    ofNew: await names({ accountId: NEW }),
    ofNewText: await names({ text: 'mensah', accountId: NEW }),
    both: (await temp.store.search({ accountIds: [HELD, NEW], text: 'mensah', limit: 10 })).total,
    entries: (await temp.store.entries.ofAccount(NEW)).map((p) => p.displayName),
    byRefs: (await temp.store.entries.byRefs([{ accountId: NEW, personId: 'people/n1' }])).map((p) => p.displayName),
    matching: (await temp.store.entries.matching('mensah', {})).map((r) => r.accountId),
    words: words?.people.map((p) => p.words) ?? null,
    accounts: stamps.map((s) => s.accountId),
  };
}

const kofi = person('people/h1', 'Kofi Mensah');
const aiko = person('people/n1', 'Aiko Mensah', { emails: [{ value: 'aiko@example.org', label: null }] });
const amara = person('people/n2', 'Amara Okafor');

describe('the first full sync of an account', () => {
  it('shows none of its people to any read or count until its last page, then all of them', async () => {
    await fullSync(HELD, [[kofi]]);
    await temp.store.beginSync(NEW, 'google', 'full');
    await page(NEW, [aiko, amara]);

    expect(await seen()).toEqual({
      all: ['Kofi Mensah'],
      allTotal: 1,
      text: ['Kofi Mensah'],
      textTotal: 1,
      provider: ['Kofi Mensah'],
      providerText: ['Kofi Mensah'],
      providerTotal: 1,
      ofNew: [],
      ofNewText: [],
      both: 1,
      entries: [],
      byRefs: [],
      matching: [HELD],
      words: [],
      accounts: [HELD, NEW],
    });
    expect(await temp.store.syncState(NEW)).toMatchObject({ syncing: 'full', friendCount: 0 });

    await page(NEW, [], true);
    expect(await seen()).toEqual({
      all: ['Aiko Mensah', 'Amara Okafor', 'Kofi Mensah'],
      allTotal: 3,
      text: ['Aiko Mensah', 'Kofi Mensah'],
      textTotal: 2,
      provider: ['Aiko Mensah', 'Amara Okafor', 'Kofi Mensah'],
      providerText: ['Aiko Mensah', 'Kofi Mensah'],
      providerTotal: 3,
      ofNew: ['Aiko Mensah', 'Amara Okafor'],
      ofNewText: ['Aiko Mensah'],
      both: 2,
      entries: ['Aiko Mensah', 'Amara Okafor'],
      byRefs: ['Aiko Mensah'],
      matching: [NEW, HELD],
      words: ['aiko mensah aiko example org', 'amara okafor'],
      accounts: [HELD, NEW],
    });
    expect(await temp.store.syncState(NEW)).toMatchObject({ syncing: null, syncToken: 'sync-1', friendCount: 2 });
  });

  it('keeps the last listing of someone listed on two pages, and leaves out someone the listing deleted', async () => {
    const renamed = { ...aiko, displayName: 'Aiko Tanaka' };
    await temp.store.beginSync(NEW, 'google', 'full');
    await page(NEW, [aiko, amara]);
    await page(NEW, [renamed], false, ['people/n2']);
    await page(NEW, [person('people/n3', 'Zoë Berg')], true);
    expect(await names()).toEqual(['Aiko Tanaka', 'Zoë Berg']);
    expect(await names({ text: 'mensah' })).toEqual([]);
    expect(await names({ text: 'okafor' })).toEqual([]);
    expect(await temp.store.syncState(NEW)).toMatchObject({ friendCount: 2 });
  });

  it('keeps the last listing of someone listed on two pages when the listing deletes no one', async () => {
    await temp.store.beginSync(NEW, 'google', 'full');
    await page(NEW, [aiko, amara]);
    await page(NEW, [{ ...aiko, displayName: 'Aiko Tanaka' }]);
    await page(NEW, [person('people/n3', 'Zoë Berg')], true);
    expect(await names()).toEqual(['Aiko Tanaka', 'Amara Okafor', 'Zoë Berg']);
    expect(await names({ text: 'mensah' })).toEqual([]);
    expect(await names({ text: 'tanaka' })).toEqual(['Aiko Tanaka']);
    expect(await temp.store.syncState(NEW)).toMatchObject({ friendCount: 3 });
  });

  it('leaves no one behind when it is abandoned, or when the process died and the account syncs again', async () => {
    await fullSync(HELD, [[kofi]]);
    await temp.store.beginSync(NEW, 'google', 'full');
    await page(NEW, [aiko]);
    await temp.store.abandonSync(NEW);
    expect(await names({ text: 'aiko' })).toEqual([]);
    expect(await temp.store.syncState(NEW)).toMatchObject({ syncing: null, friendCount: 0 });

    // Died after a page: the reopened store still shows nobody of it, and its next sync starts clean.
    await temp.store.beginSync(NEW, 'google', 'full');
    await page(NEW, [aiko, amara]);
    await temp.reopen();
    expect(await names()).toEqual(['Kofi Mensah']);
    expect((await temp.store.search({ text: 'a', limit: 1 })).total).toBe(0);
    await fullSync(NEW, [[person('people/n3', 'Zoë Berg')]]);
    expect(await names()).toEqual(['Kofi Mensah', 'Zoë Berg']);
    expect((await temp.store.search({ text: 'a', limit: 1 })).total).toBe(0);
    // Nothing of the dead sync is left in the rows or the index.
    expect(temp.db.sql.first<{ n: number }>('SELECT count(*) AS n FROM people')!.n).toBe(2);
    expect(temp.db.sql.first<{ n: number }>("SELECT count(*) AS n FROM people_search WHERE people_search MATCH '\"#pgoogle\"'")!.n).toBe(2);
  });

  it('keeps the pages of another full sync still running when a first sync completes', async () => {
    await temp.store.beginSync(HELD, 'google', 'full');
    await page(HELD, [kofi]);
    await fullSync(NEW, [[aiko], [amara]]);
    await page(HELD, [], true);
    expect(await names({ accountId: HELD })).toEqual(['Kofi Mensah']);
    expect(await names()).toEqual(['Aiko Mensah', 'Amara Okafor', 'Kofi Mensah']);
    expect(temp.db.sql.first<{ n: number }>('SELECT count(*) AS n FROM people_staged')!.n).toBe(0);
  });

  it('places pages of people scattered over a large list in name order, each findable by their own words', async () => {
    const padded = (n: number) => String(n).padStart(5, '0');
    await fullSync(HELD, [Array.from({ length: 500 }, (_, i) => person(`people/h${i}`, `P${padded(i * 4)} Held`))]);
    // Pages in an order unrelated to names, each spread across the whole list.
    const fresh = Array.from({ length: 1500 }, (_, i) => person(`people/n${i}`, `P${padded((i * 7919) % 2000)} New${i}`));
    await fullSync(NEW, [fresh.slice(0, 500), fresh.slice(500, 1000), fresh.slice(1000)]);
    const expected = [...Array.from({ length: 500 }, (_, i) => `P${padded(i * 4)} Held`), ...fresh.map((p) => p.displayName)].sort();
    const listed = [...(await temp.store.search({ limit: 1000 })).items, ...(await temp.store.search({ limit: 1000, offset: 1000 })).items];
    expect(listed.map((f) => f.displayName)).toEqual(expected);
    expect((await temp.store.search({ text: 'held', limit: 1 })).total).toBe(500);
    expect(await names({ text: 'new1234' })).toEqual([fresh[1234]!.displayName]);
    expect(await temp.store.syncState(NEW)).toMatchObject({ friendCount: 1500 });
  });
});
