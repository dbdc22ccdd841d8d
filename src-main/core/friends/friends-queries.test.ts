// friends.list / get / export through the core, on the real store (in memory):
// two Google accounts and a Facebook one that share people.
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { FriendPageSchema, FriendRowPageSchema, FriendSchema, type AccountSummary } from '../../../src-contract/kith-api';
import type { ProviderPerson } from '../providers/provider';
import { identity } from '../testing/fake-login';
import { person } from '../testing/fake-provider';
import { createTestCore, type TestCore } from '../testing/test-core';

const contact = (id: string, name: string, given: string, family: string, emails: string[], phones: string[] = [], updatedAt: string | null = null): ProviderPerson =>
  person(id, name, {
    email: emails[0] ?? null,
    phone: phones[0] ?? null,
    details: {
      givenName: given,
      familyName: family,
      emails: emails.map((value, k) => ({ value, label: k === 0 ? 'Home' : 'Work' })),
      phones: phones.map((value) => ({ value, label: 'Mobile', canonical: null })),
      updatedAt,
    },
  });

async function connect(t: TestCore, provider: 'google' | 'facebook', subject: string, name: string, scopes?: string[]): Promise<AccountSummary> {
  t.login.queue.push({ tokens: t[provider].issueTokens(scopes ? { scopes } : {}), identity: identity(subject, name) });
  return t.core.accounts.connect({ provider });
}

/** Ada's Google, Grace's Google and Kofi's Facebook, each synced with its own people. */
async function threeAccounts() {
  const t = createTestCore();
  for (const p of [
    contact('c1', 'Amara Castillo', 'Amara', 'Castillo', ['amara@example.com'], ['+1 555 010 2345'], '2026-11-01T10:00:00Z'),
    contact('c2', 'Bo Berg', 'Bo', 'Berg', ['bo@example.com'], [], '2026-11-25T10:00:00Z'),
    contact('c3', 'Émile Zola', 'Émile', 'Zola', ['emile@example.com'], [], '2026-10-01T10:00:00Z'),
  ])
    t.google.upsert(p);
  const ada = await connect(t, 'google', 'ada', 'Ada Lovelace');
  await t.core.sync.run({ accountId: ada.id });
  for (const id of ['c1', 'c2', 'c3']) t.google.remove(id);
  t.google.upsert(contact('g1', 'Amara C.', 'Amara', 'C.', ['AMARA@example.com', 'amara@work.example']));
  t.google.upsert(contact('g2', 'Kofi Mensah', 'Kofi', 'Mensah', [], ['(555) 777-0101'], '2026-11-30T10:00:00Z'));
  const grace = await connect(t, 'google', 'grace', 'Grace Hopper');
  await t.core.sync.run({ accountId: grace.id });
  for (const p of [person('2001', 'Amara Castillo'), person('2002', 'Kofi Mensah'), person('2003', 'Zed Alpha')]) t.facebook.upsert(p);
  const kofi = await connect(t, 'facebook', 'kofi', 'Kofi Mensah');
  await t.core.sync.run({ accountId: kofi.id });
  return { t, ada, grace, kofi };
}

const names = (page: { items: { name: string }[] }) => page.items.map((f) => f.name);

describe('friends as people', () => {
  it('lists each person once with every source, and counts people and entries', async () => {
    const { t, ada, grace, kofi } = await threeAccounts();
    const page = FriendPageSchema.parse(await t.core.friends.list({}));
    expect(names(page)).toEqual(['Amara C.', 'Bo Berg', 'Émile Zola', 'Kofi Mensah', 'Zed Alpha']);
    expect(page.counts).toEqual({ people: 5, entries: 8 });
    const amara = page.items[0]!;
    expect(amara.sources.map((s) => [s.accountId, s.accountName, s.name, s.sameAs?.kind ?? null])).toEqual([
      [grace.id, 'Grace Hopper', 'Amara C.', null],
      [ada.id, 'Ada Lovelace', 'Amara Castillo', 'email'],
      [kofi.id, 'Kofi Mensah', 'Amara Castillo', 'name'],
    ]);
    expect(amara.emails.map((e) => [e.value, e.sourceIds.length])).toEqual([
      ['AMARA@example.com', 2],
      ['amara@work.example', 1],
    ]);
    expect(amara.phone).toBe('+1 555 010 2345');
    expect(page.letters).toEqual([
      { letter: 'A', offset: 0 },
      { letter: 'B', offset: 1 },
      { letter: 'E', offset: 2 },
      { letter: 'K', offset: 3 },
      { letter: 'Z', offset: 4 },
    ]);

    const apart = await t.core.friends.list({ view: 'entries' });
    expect(apart.total).toBe(8);
    expect(apart.counts).toEqual({ people: 5, entries: 8 });
    expect(apart.items.every((f) => f.sources.length === 1)).toBe(true);
  });

  it("answers rows with shape: 'row': each person's name, picture, first email and phone, each account once, on the same page", async () => {
    const { t, ada, grace, kofi } = await threeAccounts();
    for (const query of [{}, { view: 'entries' as const }, { search: 'amara' }, { sort: 'last_name' as const, limit: 2, offset: 1 }, { accountId: grace.id }]) {
      const whole = FriendPageSchema.parse(await t.core.friends.list(query));
      const rows = FriendRowPageSchema.parse(await t.core.friends.list({ ...query, shape: 'row' }));
      const label = JSON.stringify(query);
      // Everything but the items is the same page.
      expect({ ...rows, items: [] }, label).toEqual({ ...whole, items: [] });
      expect(rows.items.map((r) => [r.id, r.name, r.avatarUrl, r.primaryEmail?.value ?? null, r.primaryPhone?.value ?? null]), label).toEqual(
        whole.items.map((f) => [f.id, f.name, f.avatarUrl, f.email, f.phone]),
      );
    }
    const [amara] = (await t.core.friends.list({ shape: 'row' })).items;
    expect(amara).toEqual({
      id: `${grace.id}:g1`,
      name: 'Amara C.',
      avatarUrl: null,
      primaryEmail: { value: 'AMARA@example.com', label: 'Home' },
      primaryPhone: { value: '+1 555 010 2345', label: 'Mobile' },
      accounts: [
        { accountId: grace.id, provider: 'google', accountName: 'Grace Hopper' },
        { accountId: ada.id, provider: 'google', accountName: 'Ada Lovelace' },
        { accountId: kofi.id, provider: 'facebook', accountName: 'Kofi Mensah' },
      ],
    });
    // The row's id reads the whole person.
    expect((await t.core.friends.get({ id: amara!.id }))?.sources).toHaveLength(3);
  });

  it('sorts by last name and by the latest change', async () => {
    const { t } = await threeAccounts();
    expect(names(await t.core.friends.list({ sort: 'last_name' }))).toEqual(['Zed Alpha', 'Bo Berg', 'Amara C.', 'Kofi Mensah', 'Émile Zola']);
    const recent = await t.core.friends.list({ sort: 'recently_changed' });
    // Kofi changed last (Grace's Google); Zed, Facebook only, has no date and comes last.
    expect(names(recent)).toEqual(['Kofi Mensah', 'Bo Berg', 'Amara C.', 'Émile Zola', 'Zed Alpha']);
    expect(recent.letters).toBeNull();
  });

  it("filters by account and by provider, showing only that scope's sources", async () => {
    const { t, grace } = await threeAccounts();
    const one = await t.core.friends.list({ accountId: grace.id });
    expect(names(one)).toEqual(['Amara C.', 'Kofi Mensah']);
    expect(one.items.flatMap((f) => f.sources.map((s) => s.accountId))).toEqual([grace.id, grace.id]);
    expect(one.accounts.map((a) => a.accountId)).toEqual([grace.id]);
    const facebook = await t.core.friends.list({ provider: 'facebook' });
    expect(names(facebook)).toEqual(['Amara Castillo', 'Kofi Mensah', 'Zed Alpha']);
    const searched = await t.core.friends.list({ search: 'amara' });
    expect(searched.counts).toEqual({ people: 1, entries: 3 });
    expect(searched.items[0]!.sources).toHaveLength(3);
    const byPhone = await t.core.friends.list({ search: '555 777' });
    expect(names(byPhone)).toEqual(['Kofi Mensah']);
    const none = await t.core.friends.list({ search: 'nobody' });
    expect(none.empty).toEqual({ reason: 'no_match', accountIds: [] });
  });

  it('places the few people a search finds among many exactly where the whole list has them', async () => {
    const { t, grace, kofi } = await threeAccounts();
    // Found with Amara: where Amara is placed decides which of the two comes first in every sort.
    t.google.upsert(contact('x1', 'Bo Amara', 'Bo', 'Amara', ['bo.amara@example.com'], [], '2026-10-15T10:00:00Z'));
    for (let k = 0; k < 120; k++) t.google.upsert(contact(`f${k}`, `Filler ${k}`, 'Filler', `N${k}`, [`filler${k}@example.com`], [], `2026-0${1 + (k % 9)}-01T10:00:00Z`));
    await t.core.sync.run({ accountId: grace.id });
    const sourcesOf = (page: { items: { name: string; sources: { accountId: string; name: string }[] }[] }) =>
      page.items.map((f) => [f.name, f.sources.map((s) => `${s.accountId} ${s.name}`)]);
    for (const sort of ['first_name', 'last_name', 'recently_changed'] as const) {
      for (const view of ['people', 'entries'] as const) {
        for (const scope of [{}, { provider: 'facebook' as const }, { accountId: kofi.id }]) {
          const whole = await t.core.friends.list({ sort, view, limit: 500, ...scope });
          for (const [search, words] of [['amara', ['amara']], ['mensah kofi', ['kofi', 'mensah']], ['zola', ['zola']]] as const) {
            const found = await t.core.friends.list({ sort, view, limit: 500, search, ...scope });
            const expected = whole.items.filter((f) => f.sources.some((s) => words.every((w) => s.name.toLowerCase().includes(w))));
            const label = `${search} ${sort} ${view} ${JSON.stringify(scope)}`;
            expect(sourcesOf(found), label).toEqual(sourcesOf({ items: expected }));
            const people = await t.core.friends.list({ sort, view: 'people', limit: 500, search, ...scope });
            const entries = people.items.reduce((n, f) => n + f.sources.length, 0);
            expect(found.counts, label).toEqual({ people: people.items.length, entries });
            expect(view === 'people' ? found.items.length : entries, label).toBe(found.total);
          }
        }
      }
    }
  });

  it('resumes from a cursor without repeating anyone when people arrive between pages', async () => {
    const { t, grace } = await threeAccounts();
    const first = await t.core.friends.list({ limit: 2 });
    expect(names(first)).toEqual(['Amara C.', 'Bo Berg']);
    expect(first.nextCursor).not.toBeNull();
    t.google.upsert(contact('c0', 'Aaron Aardvark', 'Aaron', 'Aardvark', ['aaron@example.com']));
    await t.core.sync.run({ accountId: grace.id });
    const next = await t.core.friends.list({ limit: 2, after: first.nextCursor! });
    expect(names(next)).toEqual(['Émile Zola', 'Kofi Mensah']);
    const last = await t.core.friends.list({ limit: 2, after: next.nextCursor! });
    expect(names(last)).toEqual(['Zed Alpha']);
    expect(last.nextCursor).toBeNull();
    await expect(t.core.friends.list({ sort: 'last_name', after: first.nextCursor! })).rejects.toMatchObject({ code: 'E_INVALID_INPUT' });
  });

  it('gets one person by any source, and exports the filter as vCard', async () => {
    const { t, kofi } = await threeAccounts();
    const byFacebook = FriendSchema.parse(await t.core.friends.get({ id: `${kofi.id}:2002`, view: 'people' }));
    expect(byFacebook.name).toBe('Kofi Mensah');
    expect(byFacebook.sources.map((s) => [s.provider, s.sameAs?.kind ?? null])).toEqual([
      ['google', null],
      ['facebook', 'name'],
    ]);
    expect(await t.core.friends.get({ id: `${kofi.id}:nobody`, view: 'people' })).toBeNull();

    const all = await t.core.friends.export({ format: 'vcf', csvColumns: 'google', view: 'people', sort: 'first_name' });
    expect(all.count).toBe(5);
    const cards = (ICAL.parse(all.text) as unknown[]).map((jcal) => new ICAL.Component(jcal as never));
    expect(cards.map((c) => c.getFirstPropertyValue('fn'))).toEqual(['Amara C.', 'Bo Berg', 'Émile Zola', 'Kofi Mensah', 'Zed Alpha']);
    const facebookOnly = await t.core.friends.export({ format: 'csv', csvColumns: 'google', provider: 'facebook', view: 'people', sort: 'first_name' });
    expect(facebookOnly.count).toBe(3);
    expect(facebookOnly.mimeType).toBe('text/csv');
  });
});

describe('why the list is empty', () => {
  it('says the Facebook friends permission was not granted, naming the account to ask again', async () => {
    const t = createTestCore();
    const fb = await connect(t, 'facebook', 'lars', 'Lars Berg', ['public_profile']);
    await t.core.sync.run({ accountId: fb.id });
    const page = await t.core.friends.list({});
    expect(page.empty).toEqual({ reason: 'permission_missing', accountIds: [fb.id] });
    expect(page.accounts).toEqual([{ accountId: fb.id, state: 'permission_missing', entries: 0, missingPermissions: ['friends'] }]);
  });

  it('tells never synced from synced with nobody', async () => {
    const t = createTestCore();
    const g = await connect(t, 'google', 'alan', 'Alan Turing');
    expect((await t.core.friends.list({})).empty).toEqual({ reason: 'never_synced', accountIds: [g.id] });
    await t.core.sync.run({ accountId: g.id });
    expect((await t.core.friends.list({})).empty).toEqual({ reason: 'synced_empty', accountIds: [g.id] });
    await t.core.accounts.disconnect({ accountId: g.id });
    expect((await t.core.friends.list({})).empty).toEqual({ reason: 'no_accounts', accountIds: [] });
  });
});
