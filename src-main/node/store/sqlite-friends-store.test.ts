import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { FriendsSearch, StoredPerson } from './friends-store-port';
import { createSqliteAccessLogStore } from './sqlite-access-log-store';
import { createSqliteFriendsStore } from './sqlite-friends-store';
import { person } from './testing/temp-database';
import { useTempFriendsStore } from './testing/use-temp-friends-store';

const GOOGLE = 'acc_google_one';
const FACEBOOK = 'acc_facebook_one';

const temp = useTempFriendsStore();

async function fullSync(accountId: string, pages: StoredPerson[][], provider: 'google' | 'facebook' = 'google', syncToken: string | null = 'sync-1') {
  await temp.store.beginSync(accountId, provider, 'full');
  for (const [i, upserts] of pages.entries()) {
    const last = i === pages.length - 1;
    await temp.store.applyPage(accountId, { upserts, deletes: [], syncState: { cursor: last ? null : `page-${i + 1}`, syncToken: last ? syncToken : undefined, syncedAt: 1_000 } });
  }
}

async function names(query: Omit<FriendsSearch, 'limit'> & { limit?: number }): Promise<string[]> {
  return (await temp.store.search({ limit: 100, ...query })).items.map((f) => f.displayName);
}

/** Every page of a search, following the cursor. */
async function everyPage(query: Omit<FriendsSearch, 'limit' | 'after'>, limit: number): Promise<string[]> {
  const seen: string[] = [];
  let after: string | null = null;
  do {
    const page = await temp.store.search({ ...query, limit, after });
    seen.push(...page.items.map((f) => `${f.accountId}:${f.personId}`));
    after = page.nextCursor;
  } while (after);
  return seen;
}

const aiko = person('people/c1', 'Aiko Mensah', {
  givenName: 'Aiko',
  familyName: 'Mensah',
  emails: [{ value: 'aiko.mensah@example.org', label: 'work' }],
  phones: [{ value: '(555) 010-2345', label: 'mobile', canonical: '+15550102345' }],
  avatarUrl: 'https://lh3.googleusercontent.com/a/aiko',
  providerUpdatedAt: '2025-02-01T10:00:00.123456Z',
});
const zoe = person('people/c2', 'Zoë Ångström', { emails: [{ value: 'zoe@example.net', label: null }] });
const bjorn = person('people/c3', 'björn berg', { phones: [{ value: '+44 20 7946 0958', label: 'home' }] });
const amara = person('people/c4', 'Amara Okafor');

describe('a full sync', () => {
  it('keeps every field of every person and lists them in name order, case and accents ignored', async () => {
    await fullSync(GOOGLE, [[zoe, aiko], [bjorn, amara]]);
    const page = await temp.store.search({ limit: 10 });
    expect(page.items.map((f) => f.displayName)).toEqual(['Aiko Mensah', 'Amara Okafor', 'björn berg', 'Zoë Ångström']);
    expect(page.total).toBe(4);
    expect(page.nextCursor).toBeNull();
    expect(page.items[0]).toEqual({ ...aiko, id: `${GOOGLE}:people/c1`, accountId: GOOGLE, provider: 'google' });
    expect(await temp.store.syncState(GOOGLE)).toEqual({
      accountId: GOOGLE,
      provider: 'google',
      syncing: null,
      cursor: null,
      syncToken: 'sync-1',
      lastSyncedAt: 1_000,
      friendCount: 4,
      friendTotal: null,
    });
  });

  it('shows the previous list until its last page commits, then the new one, with people no longer listed gone', async () => {
    await fullSync(GOOGLE, [[aiko, zoe, bjorn]]);
    const renamed = { ...zoe, displayName: 'Zoë Lindqvist' };
    await temp.store.beginSync(GOOGLE, 'google', 'full');
    await temp.store.applyPage(GOOGLE, { upserts: [renamed, amara], deletes: [], syncState: { cursor: 'page-2' } });

    expect(await names({})).toEqual(['Aiko Mensah', 'björn berg', 'Zoë Ångström']);
    expect(await temp.store.syncState(GOOGLE)).toMatchObject({ syncing: 'full', cursor: 'page-2', friendCount: 3, syncToken: 'sync-1' });

    await temp.store.applyPage(GOOGLE, { upserts: [aiko], deletes: [], syncState: { cursor: null, syncToken: 'sync-2', syncedAt: 2_000 } });
    expect(await names({})).toEqual(['Aiko Mensah', 'Amara Okafor', 'Zoë Lindqvist']);
    expect(await names({ text: 'björn' })).toEqual([]);
    expect(await names({ text: 'lindq' })).toEqual(['Zoë Lindqvist']);
    expect(await names({ text: 'angstr' })).toEqual([]);
    expect(await temp.store.syncState(GOOGLE)).toMatchObject({ syncing: null, syncToken: 'sync-2', lastSyncedAt: 2_000, friendCount: 3 });
  });

  it('leaves the held list untouched when a full sync is abandoned, or interrupted and begun again', async () => {
    await fullSync(GOOGLE, [[aiko, zoe]]);
    await temp.store.beginSync(GOOGLE, 'google', 'full');
    await temp.store.applyPage(GOOGLE, { upserts: [amara], deletes: [], syncState: { cursor: 'next' } });
    await temp.store.abandonSync(GOOGLE);
    expect(await names({})).toEqual(['Aiko Mensah', 'Zoë Ångström']);

    // Interrupted: the process died after a staged page; the next full sync starts clean.
    await temp.store.beginSync(GOOGLE, 'google', 'full');
    await temp.store.applyPage(GOOGLE, { upserts: [amara], deletes: [], syncState: { cursor: 'next' } });
    await temp.reopen();
    expect(await names({})).toEqual(['Aiko Mensah', 'Zoë Ångström']);
    expect(await temp.store.syncState(GOOGLE)).toMatchObject({ syncing: 'full', cursor: 'next' });
    await fullSync(GOOGLE, [[bjorn]]);
    expect(await names({})).toEqual(['björn berg']);
  });

  it('keeps the last listing of a person listed twice, whether that one is as held or changed', async () => {
    await fullSync(GOOGLE, [[aiko, zoe, bjorn]]);
    const zoeMoved = { ...zoe, emails: [{ value: 'zoe@example.com', label: 'home' }] };
    const bjornRenamed = { ...bjorn, displayName: 'Björn Lind' };
    // Zoë changed then listed as held; Björn listed as held then renamed; Aiko gone.
    await fullSync(GOOGLE, [[zoeMoved, bjorn], [zoe, bjornRenamed]], 'google', 'sync-2');
    const page = await temp.store.search({ limit: 10 });
    expect(page.items.map((f) => [f.displayName, f.emails[0]?.value ?? null])).toEqual([
      ['Björn Lind', null],
      ['Zoë Ångström', 'zoe@example.net'],
    ]);
    expect(page.total).toBe(2);
    expect(await names({ text: 'lind' })).toEqual(['Björn Lind']);
    expect(await names({ text: 'berg' })).toEqual([]);
    expect(await names({ text: 'aiko' })).toEqual([]);
  });

  it('applies a full sync over a large held list: thousands renamed, edited, gone and new, in one name order', async () => {
    const padded = (n: number) => String(n).padStart(5, '0');
    const held = Array.from({ length: 6000 }, (_, i) => person(`people/c${i}`, `P${padded(i * 3)} Held`));
    await fullSync(GOOGLE, [held.slice(3000), held.slice(0, 3000)]);
    // Every fifth renamed (a new place in name order), every fifth edited in place, every fifth gone, the rest as held; 3,000 new.
    const listed = held.flatMap((p, i) => {
      if (i % 5 === 0) return [{ ...p, displayName: `P${padded(i * 3 + 1)} Renamed` }];
      if (i % 5 === 1) return [{ ...p, emails: [{ value: `edited${i}@example.org`, label: null }] }];
      return i % 5 === 2 ? [] : [p];
    });
    const added = Array.from({ length: 3000 }, (_, i) => person(`people/n${i}`, `P${padded(i * 6 + 2)} New`));
    await fullSync(GOOGLE, [[...added.slice(1500), ...listed.slice(0, 2000)], listed.slice(2000), added.slice(0, 1500)], 'google', 'sync-2');

    const expected = [...listed, ...added].map((p) => p.displayName).sort();
    const shown: string[] = [];
    for (let offset = 0; offset < expected.length; offset += 1000) shown.push(...(await names({ limit: 1000, offset })));
    expect(shown).toEqual(expected);
    expect(await temp.store.syncState(GOOGLE)).toMatchObject({ friendCount: expected.length, syncToken: 'sync-2' });
    expect((await temp.store.search({ text: 'renamed', limit: 1 })).total).toBe(1200);
    expect((await temp.store.search({ text: 'new', limit: 1 })).total).toBe(3000);
    expect((await temp.store.search({ text: 'held', limit: 1 })).total).toBe(3600);
    expect(await names({ text: 'edited4406' })).toEqual(['P13218 Held']);
    expect(await names({ text: 'P00006' })).toEqual([]);
    const indexed = temp.db.sql.first<{ n: number }>("SELECT count(*) AS n FROM people_search WHERE people_search MATCH '\"#pgoogle\"'");
    expect(indexed?.n).toBe(expected.length);
  });

  it('interleaves two large lists in one name order, every person findable by their own words', async () => {
    const padded = (n: number) => String(n).padStart(5, '0');
    // Google's people take the even places, Facebook's the odd ones between them.
    const google = Array.from({ length: 700 }, (_, i) => person(`people/c${i}`, `P${padded(i * 2)} Alpha`));
    const facebook = Array.from({ length: 700 }, (_, i) => person(`${9000 + i}`, `P${padded(i * 2 + 1)} Beta`));
    await fullSync(GOOGLE, [google.slice(400), google.slice(0, 400)]);
    await fullSync(FACEBOOK, [facebook.slice(0, 350), facebook.slice(350)], 'facebook');

    const expected = [...google, ...facebook].map((p) => p.displayName).sort();
    const listed = (await temp.store.search({ limit: 1000 })).items.map((f) => f.displayName);
    const rest = (await temp.store.search({ limit: 1000, offset: 1000 })).items.map((f) => f.displayName);
    expect([...listed, ...rest]).toEqual(expected);
    expect((await temp.store.search({ text: 'alpha', limit: 1 })).total).toBe(700);
    expect((await temp.store.search({ text: 'beta', limit: 1 })).total).toBe(700);
    expect(await names({ text: 'P00777' })).toEqual(['P00777 Beta']);
    expect(await names({ text: 'P01398' })).toEqual(['P01398 Alpha']);
  });
});

describe('an incremental sync', () => {
  it('applies changes, renames and deletions page by page and stores the new sync token with the last page', async () => {
    await fullSync(GOOGLE, [[aiko, zoe, bjorn]]);
    await temp.store.beginSync(GOOGLE, 'google', 'incremental');
    await temp.store.applyPage(GOOGLE, {
      upserts: [{ ...bjorn, displayName: 'Björn Ekström' }, amara],
      deletes: ['people/c2'],
      syncState: { cursor: 'page-2' },
    });
    // Applied at once (each page is its own transaction); the token moves only at the end.
    expect(await names({})).toEqual(['Aiko Mensah', 'Amara Okafor', 'Björn Ekström']);
    expect(await temp.store.syncState(GOOGLE)).toMatchObject({ syncing: 'incremental', syncToken: 'sync-1', friendCount: 3 });

    await temp.store.applyPage(GOOGLE, {
      upserts: [{ ...aiko, emails: [{ value: 'aiko@new.example', label: null }] }],
      deletes: [],
      syncState: { cursor: null, syncToken: 'sync-2', syncedAt: 3_000 },
    });
    expect(await names({ text: 'aiko@new' })).toEqual(['Aiko Mensah']);
    expect(await names({ text: 'mensah@example.org' })).toEqual([]);
    expect(await names({ text: 'berg' })).toEqual([]);
    expect(await temp.store.syncState(GOOGLE)).toMatchObject({ syncing: null, syncToken: 'sync-2', lastSyncedAt: 3_000, friendCount: 3 });
  });

  it('refuses a page when no sync was begun', async () => {
    await expect(temp.store.applyPage(GOOGLE, { upserts: [aiko], deletes: [], syncState: { cursor: null } })).rejects.toMatchObject({ code: 'E_INTERNAL' });
  });

  it('keeps name order when many people arrive at one spot one by one', async () => {
    await fullSync(GOOGLE, [[person('a', 'Aaron'), person('z', 'Zed')]]);
    // 80 people with one name, each in its own page, in descending id order: each lands
    // right after Aaron and before the previous one, halving one gap until it is used up.
    for (let i = 80; i >= 1; i--) {
      await temp.store.beginSync(GOOGLE, 'google', 'incremental');
      await temp.store.applyPage(GOOGLE, { upserts: [person(`m${String(i).padStart(3, '0')}`, 'Mia Moreau')], deletes: [], syncState: { cursor: null } });
    }
    const ids = (await temp.store.search({ limit: 1000 })).items.map((f) => f.personId);
    expect(ids).toEqual(['a', ...Array.from({ length: 80 }, (_, i) => `m${String(i + 1).padStart(3, '0')}`), 'z']);
    expect((await temp.store.search({ text: 'mia', limit: 1000 })).items).toHaveLength(80);
    expect((await temp.store.search({ text: 'zed', limit: 10 })).items.map((f) => f.personId)).toEqual(['z']);
  });
});

describe('search', () => {
  beforeEach(async () => {
    await fullSync(GOOGLE, [[aiko, zoe, bjorn, amara]]);
    await fullSync(FACEBOOK, [[person('fb-1', 'Aiko Tanaka'), person('fb-2', 'Kofi Mensah')]], 'facebook', null);
  });

  it('matches every word as a prefix, in any order, case and accents ignored', async () => {
    expect(await names({ text: 'mensah aiko' })).toEqual(['Aiko Mensah']);
    expect(await names({ text: 'AI' })).toEqual(['Aiko Mensah', 'Aiko Tanaka']);
    expect(await names({ text: 'zoe angs' })).toEqual(['Zoë Ångström']);
    expect(await names({ text: 'Bjorn' })).toEqual(['björn berg']);
    expect(await names({ text: 'ménsah' })).toEqual(['Aiko Mensah', 'Kofi Mensah']);
    expect(await names({ text: 'aiko zed' })).toEqual([]);
  });

  it('finds emails and phone numbers, digits matched whatever their formatting', async () => {
    expect(await names({ text: 'aiko.mensah@exa' })).toEqual(['Aiko Mensah']);
    expect(await names({ text: 'example.net' })).toEqual(['Zoë Ångström']);
    for (const typed of ['555', '5550102', '555 010', '(555) 010-23', '555-010-2345', '+1 555 010 2345', '15550102']) {
      expect(await names({ text: typed }), typed).toEqual(['Aiko Mensah']);
    }
    expect(await names({ text: '02079460958' })).toEqual([]);
    expect(await names({ text: '442079' })).toEqual(['björn berg']);
    expect(await names({ text: '7946 0958' })).toEqual(['björn berg']);
  });

  it('filters by account and by provider, and counts the matches of the whole query', async () => {
    expect(await names({ text: 'aiko', accountId: FACEBOOK })).toEqual(['Aiko Tanaka']);
    expect(await names({ text: 'mensah', provider: 'google' })).toEqual(['Aiko Mensah']);
    expect(await names({ provider: 'facebook' })).toEqual(['Aiko Tanaka', 'Kofi Mensah']);
    expect(await names({ accountId: GOOGLE })).toEqual(['Aiko Mensah', 'Amara Okafor', 'björn berg', 'Zoë Ångström']);
    expect(await names({ accountId: 'acc_never_synced' })).toEqual([]);
    expect((await temp.store.search({ text: 'a', limit: 1 })).total).toBe(4);
    expect((await temp.store.search({ limit: 1 })).total).toBe(6);
    expect((await temp.store.search({ provider: 'facebook', limit: 1 })).total).toBe(2);
    expect((await temp.store.search({ accountId: GOOGLE, limit: 1 })).total).toBe(4);
  });

  it('pages with a cursor that neither repeats nor skips people when the list changes between pages', async () => {
    const all = await everyPage({}, 2);
    expect(all).toEqual(await everyPage({}, 100));
    expect(all).toHaveLength(6);

    const first = await temp.store.search({ limit: 3 });
    // Between two pages: someone sorting before the cursor arrives, the next person leaves.
    await temp.store.beginSync(GOOGLE, 'google', 'incremental');
    await temp.store.applyPage(GOOGLE, { upserts: [person('people/c0', 'Aaron Abebe')], deletes: ['people/c3'], syncState: { cursor: null } });
    const rest = await temp.store.search({ limit: 10, after: first.nextCursor });
    expect([...first.items, ...rest.items].map((f) => f.displayName)).toEqual([
      'Aiko Mensah',
      'Aiko Tanaka',
      'Amara Okafor',
      'Kofi Mensah',
      'Zoë Ångström',
    ]);
  });

  it('refuses a cursor it did not give out', async () => {
    await expect(temp.store.search({ limit: 5, after: 'bm90IGEgY3Vyc29y' })).rejects.toMatchObject({ code: 'E_INVALID_INPUT' });
  });

  it('forgets a disconnected account entirely, and only that one', async () => {
    await temp.store.forgetAccount(GOOGLE);
    expect(await names({})).toEqual(['Aiko Tanaka', 'Kofi Mensah']);
    expect(await names({ text: 'zoe' })).toEqual([]);
    expect(await names({ text: '555' })).toEqual([]);
    expect(await temp.store.syncState(GOOGLE)).toBeNull();
    const left = temp.db.sql.first<{ n: number }>("SELECT count(*) AS n FROM people_search WHERE people_search MATCH '\"#pgoogle\"'");
    expect(left?.n).toBe(0);
  });

  it('finds only the people of an account connected after every other one was disconnected', async () => {
    await temp.store.forgetAccount(GOOGLE);
    await temp.store.forgetAccount(FACEBOOK);
    expect((await temp.store.search({ text: 'a', limit: 1 })).total).toBe(0);
    await fullSync('acc_google_two', [[person('people/d1', 'Amara Okafor')], [person('people/d2', 'Zoë Berg')]]);
    expect(await names({ text: 'a' })).toEqual(['Amara Okafor']);
    expect(await names({ text: 'zoe' })).toEqual(['Zoë Berg']);
    expect(await names({ text: 'mensah' })).toEqual([]);
    const indexed = temp.db.sql.first<{ n: number }>("SELECT count(*) AS n FROM people_search WHERE people_search MATCH '\"#pgoogle\"'");
    expect(indexed?.n).toBe(2);
  });
});

describe('on disk', () => {
  it('holds no seeded name, email or phone in plaintext in any file of the data folder', async () => {
    await fullSync(GOOGLE, [[aiko, zoe, bjorn, amara]]);
    const check = async () => {
      const files = await readdir(temp.folder.dir);
      const bytes = Buffer.concat(await Promise.all(files.map((f) => readFile(path.join(temp.folder.dir, f)))));
      for (const needle of ['Mensah', 'mensah', 'aiko.mensah@example.org', '010-2345', '5550102345', 'Okafor', 'Lindqvist']) {
        expect(bytes.includes(needle), needle).toBe(false);
      }
    };
    await check();
    temp.db.close();
    await check();
    await temp.reopen();
  });
});

describe('version', () => {
  // The friends page memo answers from memory while this holds: any write must move it.
  it('moves with a write on this connection and with one from another connection, and holds otherwise', async () => {
    await fullSync(GOOGLE, [[aiko, zoe]]);
    const first = await temp.store.version!();
    expect(await temp.store.version!()).toBe(first);

    await temp.store.beginSync(GOOGLE, 'google', 'incremental');
    await temp.store.applyPage(GOOGLE, { upserts: [bjorn], deletes: [], syncState: { cursor: null, syncToken: 'sync-2', syncedAt: 2_000 } });
    const afterOwnWrite = await temp.store.version!();
    expect(afterOwnWrite).not.toBe(first);

    const other = await temp.folder.open();
    try {
      const elsewhere = createSqliteFriendsStore(other);
      await elsewhere.beginSync(GOOGLE, 'google', 'incremental');
      await elsewhere.applyPage(GOOGLE, { upserts: [amara], deletes: [], syncState: { cursor: null, syncToken: 'sync-3', syncedAt: 3_000 } });
    } finally {
      other.close();
    }
    const afterOtherWrite = await temp.store.version!();
    expect(afterOtherWrite).not.toBe(afterOwnWrite);
    expect(await names({})).toContain('Amara Okafor');
    expect(await temp.store.version!()).toBe(afterOtherWrite);
  });

  it('holds when the access log is appended to on the same connection (scripts polling keep their memo)', async () => {
    await fullSync(GOOGLE, [[aiko]]);
    const before = await temp.store.version!();
    const entry = { at: 1, tokenId: 'tok_1', method: 'GET', path: '/api/v1/friends?limit=50', status: 200, durationMs: 0.5, bytes: 10 };
    await createSqliteAccessLogStore(temp.db).append([entry, entry], [], { now: 2, maxEntries: 10, maxAgeMs: 1_000 });
    expect(await temp.store.version!()).toBe(before);
  });
});
