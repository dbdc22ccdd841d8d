// Friends as people through the contract, against the sandbox over real HTTP:
// Ada's and Grace's Google accounts share contacts (the sandbox seeds every
// tenth of Grace's as one of Ada's, same name and email) and Kofi's Facebook
// friends carry some of the same names.
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FriendPageSchema, type AccountSummary } from '../../src-contract/kith-api';
import { startKithSandbox, type KithSandbox } from './testing/kith-sandbox';
import { createSandboxCore, type SandboxCore } from './testing/sandbox-core';

let env: KithSandbox;
let kith: SandboxCore;
let ada: AccountSummary;
let grace: AccountSummary;
let kofi: AccountSummary;

beforeAll(async () => {
  env = await startKithSandbox({ autoConsent: false });
  kith = await createSandboxCore(env);
  kith.browser.next = { person: 'ada' };
  ada = await kith.core.accounts.connect({ provider: 'google' });
  kith.browser.next = { person: 'grace' };
  grace = await kith.core.accounts.connect({ provider: 'google' });
  kith.browser.next = { person: 'kofi' };
  kofi = await kith.core.accounts.connect({ provider: 'facebook' });
  const results = await kith.core.sync.run({});
  expect(results.every((r) => r.ok)).toBe(true);
});
afterAll(async () => {
  await kith?.core.close();
  await env?.close();
});

describe('one person across two Google accounts and a Facebook one', () => {
  it('lists shared people once with every source, and counts people and entries', async () => {
    const accounts = await kith.core.accounts.list();
    const entries = accounts.reduce((sum, a) => sum + a.friendCount, 0);
    const page = FriendPageSchema.parse(await kith.core.friends.list({ limit: 1000 }));
    expect(page.counts.entries).toBe(entries);
    // Four of Grace's 40 contacts are Ada's too.
    expect(page.counts.people).toBeLessThanOrEqual(entries - 4);
    const apart = await kith.core.friends.list({ view: 'entries', limit: 1 });
    expect(apart.total).toBe(entries);

    const all = [...page.items];
    for (let next = page.nextCursor; next; ) {
      const more = await kith.core.friends.list({ limit: 1000, after: next });
      all.push(...more.items);
      next = more.nextCursor;
    }
    expect(all).toHaveLength(page.counts.people);
    const both = all.filter((f) => f.sources.some((s) => s.accountId === ada.id) && f.sources.some((s) => s.accountId === grace.id));
    expect(both.length).toBe(4);
    for (const person of both) {
      const second = person.sources.find((s) => s.sameAs?.kind === 'email')!;
      expect(second.sameAs!.value).toMatch(/@example\.org$/);
      expect(new Set(person.sources.map((s) => s.accountName))).toEqual(new Set(['Ada Lovelace', 'Grace Hopper', ...person.sources.filter((s) => s.provider === 'facebook').map(() => 'Kofi Mensah')]));
    }
    const withFacebook = all.filter((f) => f.sources.some((s) => s.accountId === kofi.id && s.sameAs?.kind === 'name'));
    expect(withFacebook.length).toBeGreaterThan(0);
    expect(withFacebook[0]!.sources[0]!.provider).toBe('google');
  });

  it("filters to one account with that account's entries only, and sorts by last name", async () => {
    const page = await kith.core.friends.list({ accountId: grace.id, sort: 'last_name', limit: 100 });
    expect(page.total).toBe(40);
    expect(page.items.every((f) => f.sources.every((s) => s.accountId === grace.id))).toBe(true);
    const keys = page.items.map((f) => (f.familyName ?? '').toLowerCase());
    expect(keys).toEqual([...keys].sort());
    expect(page.letters?.[0]).toEqual({ letter: keys[0]!.charAt(0).toUpperCase(), offset: 0 });
    const facebook = await kith.core.friends.list({ provider: 'facebook', limit: 1 });
    expect(facebook.counts.entries).toBe((await kith.core.accounts.list()).find((a) => a.id === kofi.id)!.friendCount);
  });

  it('opens one person by its Facebook source with every source, and exports one account as vCard', async () => {
    const page = await kith.core.friends.list({ limit: 1000 });
    const shared = page.items.find((f) => f.sources.some((s) => s.provider === 'facebook') && f.sources.some((s) => s.provider === 'google'))!;
    const facebookSource = shared.sources.find((s) => s.provider === 'facebook')!;
    const opened = await kith.core.friends.get({ id: facebookSource.id });
    expect(opened?.sources.map((s) => s.id)).toEqual(shared.sources.map((s) => s.id));

    const file = await kith.core.friends.export({ format: 'vcf', accountId: grace.id });
    expect(file).toMatchObject({ count: 40, mimeType: 'text/vcard' });
    const cards = (ICAL.parse(file.text) as unknown[]).map((jcal) => new ICAL.Component(jcal as never));
    expect(cards).toHaveLength(40);
    expect(cards.every((c) => typeof c.getFirstPropertyValue('fn') === 'string' && c.getAllProperties('email').length === 1)).toBe(true);
  });
});
