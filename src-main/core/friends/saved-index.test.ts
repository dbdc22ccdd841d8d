// The people index a sync leaves saved in the store, read by a new process
// (a restart over the same store) instead of built: every page it answers is
// the page the built index answers, merged across accounts, in each order;
// a change written after the save is never answered from the stale copy.
import { describe, expect, it } from 'vitest';
import type { AccountSummary, FriendPage, FriendQuery } from '../../../src-contract/kith-api';
import type { FriendsDatabase, FriendsStore } from '../ports';
import type { ProviderPerson } from '../providers/provider';
import { identity } from '../testing/fake-login';
import { person } from '../testing/fake-provider';
import { createTestCore, type TestCore } from '../testing/test-core';
import { buildTexts, readBuildTexts } from './index-snapshot';

const contact = (id: string, name: string, family: string, emails: string[], phones: string[] = [], updatedAt: string | null = null): ProviderPerson =>
  person(id, name, {
    email: emails[0] ?? null,
    phone: phones[0] ?? null,
    details: {
      givenName: name.split(' ')[0]!,
      familyName: family,
      emails: emails.map((value) => ({ value, label: 'Home' })),
      phones: phones.map((value) => ({ value, label: 'Mobile', canonical: null })),
      updatedAt,
    },
  });

async function connect(t: TestCore, provider: 'google' | 'facebook', subject: string, name: string): Promise<AccountSummary> {
  t.login.queue.push({ tokens: t[provider].issueTokens({}), identity: identity(subject, name) });
  return t.core.accounts.connect({ provider });
}

/** Two Google accounts and a Facebook one sharing people (by email, phone and name), each synced. */
async function threeAccounts() {
  const t = createTestCore();
  for (const p of [
    contact('c1', 'Amara Castillo', 'Castillo', ['amara@example.com'], ['+1 555 010 2345'], '2026-11-01T10:00:00Z'),
    contact('c2', 'Bo Berg', 'Berg', ['bo@example.com'], [], '2026-11-25T10:00:00Z'),
    contact('c3', 'Émile Zola', 'Zola', ['emile@example.com'], [], '2026-10-01T10:00:00Z'),
    contact('c4', 'Dee Dee', 'Dee', [], ['555 010 9999']),
  ])
    t.google.upsert(p);
  const ada = await connect(t, 'google', 'ada', 'Ada Lovelace');
  await t.core.sync.run({ accountId: ada.id });
  for (const id of ['c1', 'c2', 'c3', 'c4']) t.google.remove(id);
  t.google.upsert(contact('g1', 'Amara C.', 'C.', ['AMARA@example.com', 'amara@work.example']));
  t.google.upsert(contact('g2', 'Kofi Mensah', 'Mensah', [], ['(555) 777-0101'], '2026-11-30T10:00:00Z'));
  t.google.upsert(contact('g3', '9 Lives Cattery', '', ['cats@example.com']));
  const grace = await connect(t, 'google', 'grace', 'Grace Hopper');
  await t.core.sync.run({ accountId: grace.id });
  for (const p of [person('2001', 'Amara Castillo'), person('2002', 'Kofi Mensah'), person('2003', 'Zed Alpha')]) t.facebook.upsert(p);
  const kofi = await connect(t, 'facebook', 'kofi', 'Kofi Mensah');
  await t.core.sync.run({ accountId: kofi.id });
  await t.assembled.idle();
  return { t, ada, grace, kofi };
}

/** A restart over the same stores whose friends store counts the people it reads whole, per account (and the halves of the saved index read). */
async function restartCounting(t: TestCore): Promise<{ t: TestCore; readWhole: string[]; readWords: string[]; halves: string[]; opened: FriendsStore[] }> {
  const readWhole: string[] = [];
  const readWords: string[] = [];
  const halves: string[] = [];
  const opened: FriendsStore[] = [];
  const counting = (store: FriendsStore): FriendsStore => {
    opened.push(store);
    return {
    ...store,
    entries: {
      ...store.entries,
      eachOfAccount: (accountId, visit) => {
        readWhole.push(accountId);
        return store.entries.eachOfAccount(accountId, visit);
      },
      indexedWords: (accountId) => {
        readWords.push(accountId);
        return store.entries.indexedWords(accountId);
      },
      savedIndex: (half) => {
        halves.push(half ?? 'lead');
        return store.entries.savedIndex(half);
      },
    },
    };
  };
  const inner = t.friendsDatabase;
  const friendsDatabase: FriendsDatabase = {
    ...inner,
    open: async (key) => {
      const opening = await inner.open(key);
      return opening.kind === 'open' ? { ...opening, store: counting(opening.store) } : opening;
    },
  };
  const { clock, store, vault, login, google, facebook, log } = t;
  return { t: createTestCore({ shared: { clock, store, friendsDatabase, vault, login, google, facebook, log } }), readWhole, readWords, halves, opened };
}

/** A query of whole people (no `shape`): the pages compared are Friends. */
type Query = Omit<FriendQuery, 'shape'>;

/** Every page of the query, two people at a time, following the cursor. */
async function allPages(t: TestCore, q: Query): Promise<FriendPage[]> {
  const pages: FriendPage[] = [];
  let after: string | null = null;
  do {
    const page: FriendPage = await t.core.friends.list({ ...q, limit: 2, ...(after ? { after } : {}) });
    pages.push(page);
    after = page.nextCursor;
  } while (after && pages.length < 20);
  return pages;
}

/** Every page of every query of queriesOf. */
async function everyQuery(t: TestCore, ada: AccountSummary): Promise<FriendPage[][]> {
  const pages = [];
  for (const q of queriesOf(ada)) pages.push(await allPages(t, q));
  return pages;
}

function queriesOf(ada: AccountSummary): Query[] {
  const queries: Query[] = [];
  for (const sort of ['first_name', 'last_name', 'recently_changed'] as const) {
    for (const view of ['people', 'entries'] as const) {
      for (const scope of [{}, { accountId: ada.id }, { provider: 'google' as const }, { search: 'am' }, { search: 'kofi 555' }]) queries.push({ sort, view, ...scope });
    }
  }
  return queries;
}

/** A build's halves as the store's save takes them. */
const textsOf = (halves: { lead: string; later: string }) => ({ text: halves.lead, later: halves.later });

/** The index the store saved, with the later facts of the first account (by connection order) as `facts`. */
async function savedWithLaterFacts(store: FriendsStore, facts: (later: string) => string) {
  const saved = await store.entries.savedIndex();
  const later = await store.entries.savedIndex('later');
  return {
    accounts: await Promise.all(
      saved.accounts.map(async (a, k) => ({ ...a, later: k === 0 ? facts(later.accounts[k]!.facts) : later.accounts[k]!.facts, merge: (await store.entries.savedMergeKeys(a.accountId, a.stamp))! })),
    ),
    build: { stamps: saved.build!.stamps, text: saved.build!.text, later: later.build!.text },
  };
}

describe('the saved people index', () => {
  it('answers a new process (lists and searches) from the store without reading anyone whole, exactly as the built index does', async () => {
    const { t, ada } = await threeAccounts();
    const built = [];
    for (const q of queriesOf(ada)) built.push(await allPages(t, q));
    expect(built[0]!.flatMap((p) => p.items.map((f) => f.name))).toEqual(['9 Lives Cattery', 'Amara C.', 'Bo Berg', 'Dee Dee', 'Émile Zola', 'Kofi Mensah', 'Zed Alpha']);
    expect(built[0]![0]!.counts).toEqual({ people: 7, entries: 10 });

    const cold = await restartCounting(t);
    const answered = [];
    for (const q of queriesOf(ada)) answered.push(await allPages(cold.t, q));
    expect(answered).toEqual(built);
    // The search's words too were read as saved, not from every person's index text.
    await cold.t.assembled.idle();
    expect(cold.readWhole).toEqual([]);
    expect(cold.readWords).toEqual([]);
    expect(await cold.t.core.friends.get({ id: `${ada.id}:c1` })).toEqual(await t.core.friends.get({ id: `${ada.id}:c1` }));
  });

  it('reads again only the account written after the save, and merges it with the saved others', async () => {
    const { t, ada, grace } = await threeAccounts();
    // Another process syncs Grace's account: Bo now shares an address with one of her contacts.
    const other = await restartCounting(t);
    t.google.upsert(contact('g4', 'Robert Berg', 'Berg', ['bo@example.com']));
    await other.t.core.sync.run({ accountId: grace.id });
    await other.t.assembled.idle();
    expect(other.readWhole).toEqual([grace.id]);
    const fresh = await allPages(other.t, { sort: 'first_name', view: 'people' });
    const bo = fresh.flatMap((p) => p.items).find((f) => f.name === 'Bo Berg')!;
    expect(bo.sources.map((s) => s.name)).toEqual(['Bo Berg', 'Robert Berg']);

    // The first process still holds the old build; its stamps tell it to read Grace's account again.
    const again = await allPages(t, { sort: 'first_name', view: 'people' });
    expect(again).toEqual(fresh);
    const cold = await restartCounting(t);
    for (const q of queriesOf(ada)) expect(await allPages(cold.t, q)).toEqual(await allPages(other.t, q));
    expect(cold.readWhole).toEqual([]);
  });

  it('is let go of once saved, and the next reads (lists and searches) come from the store as in a new process, answering the same', async () => {
    const { t, ada } = await threeAccounts();
    const cold = await restartCounting(t);
    const before = await everyQuery(cold.t, ada);
    await cold.t.assembled.idle();
    expect(await cold.t.assembled.releaseIndex()).toBe(true);
    cold.halves.length = 0;
    expect(await everyQuery(cold.t, ada)).toEqual(before);
    // Read again from the saved index (its lead first), and its words as saved: no one read whole.
    expect(cold.halves[0]).toBe('lead');
    await cold.t.assembled.idle();
    expect(cold.readWhole).toEqual([]);
    expect(cold.readWords).toEqual([]);
  });

  it('keeps an index made here until it is saved, so that letting it go never costs a rebuild from every person', async () => {
    const t = createTestCore();
    t.google.upsert(contact('c1', 'Amara Castillo', 'Castillo', ['amara@example.com']));
    const ada = await connect(t, 'google', 'ada', 'Ada Lovelace');
    await t.core.sync.run({ accountId: ada.id });
    // Asked for before the save that follows a sync: built from the people, not yet saved.
    expect((await t.core.friends.list({})).items.map((f) => f.name)).toEqual(['Amara Castillo']);
    expect(await t.assembled.releaseIndex()).toBe(false);
    await t.assembled.idle();
    expect(await t.assembled.releaseIndex()).toBe(true);
    expect((await t.core.friends.list({ search: 'castillo' })).items.map((f) => f.name)).toEqual(['Amara Castillo']);
  });

  it('is never taken for current once a sync changed people in place, even at the same clock reading', async () => {
    const { t, grace } = await threeAccounts();
    const other = await restartCounting(t);
    // An incremental sync that renames one person and keeps the count, with the clock standing still.
    t.google.upsert(contact('g2', 'Kofi Annan-Mensah', 'Annan-Mensah', [], ['(555) 777-0101'], '2026-12-01T10:00:00Z'));
    const [result] = await other.t.core.sync.run({ accountId: grace.id });
    expect(result).toMatchObject({ ok: true, mode: 'incremental' });
    const cold = await restartCounting(t);
    const page = await cold.t.core.friends.list({ sort: 'last_name', view: 'entries', limit: 20 });
    expect(page.items.map((f) => f.name)).toContain('Kofi Annan-Mensah');
    expect(page.items.map((f) => f.name).indexOf('Kofi Annan-Mensah')).toBeLessThan(page.items.map((f) => f.name).indexOf('Bo Berg'));
    expect(cold.readWhole).toEqual([grace.id]);
  });

  it("leaves nothing of a disconnected account's people in the saved index", async () => {
    const { t, ada } = await threeAccounts();
    const other = await restartCounting(t);
    const before = await other.t.core.friends.list({});
    expect(before.counts.entries).toBe(10);
    const store = other.opened[0]!;
    const held = (await store.entries.savedIndex()).accounts.find((a) => a.accountId === ada.id)!;
    expect(held.facts).toContain('zola');
    expect(await store.entries.savedMergeKeys(ada.id, held.stamp)).toContain('emile@example.com');

    await other.t.core.accounts.disconnect({ accountId: ada.id });
    const saved = await store.entries.savedIndex();
    expect(saved.accounts.map((a) => a.accountId)).not.toContain(ada.id);
    expect(JSON.stringify(saved)).not.toContain('zola');
    expect(await store.entries.savedMergeKeys(ada.id, held.stamp)).toBeNull();
  });

  it('is built again from the people when what was saved does not fit together', async () => {
    const { t, ada } = await threeAccounts();
    const built = await allPages(t, { sort: 'last_name', view: 'people' });
    const first = await restartCounting(t);
    await first.t.core.friends.list({});
    const store = first.opened[0]!;
    const saved = await store.entries.savedIndex();
    const later = await store.entries.savedIndex('later');
    // The same stamps, with parts that are cut short or out of range.
    await store.entries.saveIndex({
      accounts: saved.accounts.map((a, k) => ({ ...a, facts: k === 0 ? a.facts.slice(0, 40) : a.facts, later: later.accounts[k]!.facts, merge: '{}' })),
      // Entry 1 placed in a person of entry 99, of 10.
      build: { stamps: saved.build!.stamps, ...textsOf(buildTexts({ group: Int32Array.from([0, 99, 2, 3, 4, 5, 6, 7, 8, 9]), orders: new Map() })) },
    });
    const cold = await restartCounting(t);
    expect(await allPages(cold.t, { sort: 'last_name', view: 'people' })).toEqual(built);
    expect(cold.readWhole).toContain(ada.id);
  });

  it('sorts for itself an order read later that is not a whole permutation, answering as the built index does', async () => {
    const { t, ada } = await threeAccounts();
    const built = [];
    for (const q of queriesOf(ada)) built.push(await allPages(t, q));
    const first = await restartCounting(t);
    await first.t.core.friends.list({});
    const store = first.opened[0]!;
    const saved = await store.entries.savedIndex();
    const later = await store.entries.savedIndex('later');
    const good = readBuildTexts({ lead: saved.build!.text, later: later.build!.text }, 10)!;
    expect(good.later?.size).toBe(2);
    // The first-name order as saved; the two read when first used, entry 0 ten times.
    await store.entries.saveIndex({
      accounts: await Promise.all(saved.accounts.map(async (a, k) => ({ ...a, later: later.accounts[k]!.facts, merge: (await store.entries.savedMergeKeys(a.accountId, a.stamp))! }))),
      build: {
        stamps: saved.build!.stamps,
        ...textsOf(buildTexts({ group: good.group, orders: new Map([['first_name', good.orders.get('first_name')!], ['last_name', new Int32Array(10)], ['recently_changed', new Int32Array(10)]]) })),
      },
    });
    const cold = await restartCounting(t);
    const answered = [];
    for (const q of queriesOf(ada)) answered.push(await allPages(cold.t, q));
    expect(answered).toEqual(built);
    expect(cold.readWhole).toEqual([]);
  });

  it('answers the first page in first-name order from its lead alone, and reads the rest after it', async () => {
    const { t, ada } = await threeAccounts();
    const built = await everyQuery(t, ada);
    const cold = await restartCounting(t);
    const first = await cold.t.core.friends.list({ sort: 'first_name', view: 'people', limit: 2 });
    expect(first).toEqual(built[0]![0]);
    expect(cold.halves).toEqual(['lead']);
    await cold.t.assembled.idle();
    expect(await everyQuery(cold.t, ada)).toEqual(built);
    expect(cold.halves).toEqual(['lead', 'later']);
    expect(cold.readWhole).toEqual([]);
  });

  it('is built again from the people, nothing left out, when the later half of an account does not fit', async () => {
    const { t, ada } = await threeAccounts();
    const built = await everyQuery(t, ada);
    const first = await restartCounting(t);
    await first.t.core.friends.list({});
    const store = first.opened[0]!;
    // Cut short: the lead reads, the rest does not.
    expect(await store.entries.saveIndex(await savedWithLaterFacts(store, (later) => later.slice(0, -8)))).toBe(true);
    const cold = await restartCounting(t);
    expect(await everyQuery(cold.t, ada)).toEqual(built);
    expect(cold.readWhole).toEqual(expect.arrayContaining([ada.id]));
  });

  it('is built again from the people when saved in the format before its halves (one text each)', async () => {
    const { t } = await threeAccounts();
    const built = await allPages(t, { sort: 'recently_changed', view: 'people' });
    const first = await restartCounting(t);
    await first.t.core.friends.list({});
    const store = first.opened[0]!;
    const saved = await savedWithLaterFacts(store, (later) => later);
    // Version 3's tags on the lead halves (it kept each text whole, after the same header).
    await store.entries.saveIndex({
      accounts: saved.accounts.map((a) => ({ ...a, facts: a.facts.replace('"tag":"facts/4"', '"tag":"facts/3"') })),
      build: { ...saved.build, text: saved.build.text.replace('"tag":"build/4"', '"tag":"build/3"') },
    });
    const cold = await restartCounting(t);
    expect(await allPages(cold.t, { sort: 'recently_changed', view: 'people' })).toEqual(built);
    expect(cold.readWhole.length).toBe(3);
    // Made again from the people, it is saved in the present format once answered: the next process reads it.
    await cold.t.assembled.idle();
    const next = await restartCounting(t);
    expect(await allPages(next.t, { sort: 'recently_changed', view: 'people' })).toEqual(built);
    expect(next.readWhole).toEqual([]);
  });
});
