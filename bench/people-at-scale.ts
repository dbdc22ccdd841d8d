// The Friends list as people at 100,000 entries: two Google accounts of
// 40,000 contacts (a fifth of the second sharing an email with the first)
// and a Facebook account of 20,000 friends (a tenth named as one contact),
// in the encrypted SQLite store. Measured through the core's friends.list /
// get / export (friends-queries.ts): the people index built cold (first
// list after opening), rebuilt after one account's incremental sync, the
// first page in each view and sort, a filtered page, the next page from a
// cursor, typed searches, one person, and a whole vCard export.
// Baseline, same run: the store's own name-order page of entries
// (FriendsStore.search, what friends.list answered before people existed).
// Each figure is the median of RUNS runs, in milliseconds.
//   node --import tsx bench/people-at-scale.ts
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { FriendExportInputSchema, FriendQuerySchema, type ProviderId } from '../src-contract/kith-api';
import { accountRecord } from '../src-main/core/testing/account-fixture';
import { createQuietWatch } from '../src-main/core/friends/background-slices';
import { createFriendsIndex } from '../src-main/core/friends/friends-index';
import { createFriendsQueries, type FriendsQueries } from '../src-main/core/friends/friends-queries';
import { GOOGLE_CONTACTS_SCOPE, FACEBOOK_FRIENDS_PERMISSION } from '../src-main/core/providers/permission-scopes';
import type { AccountRecord } from '../src-main/core/accounts/account-record';
import type { FriendsStorePort, StoredPerson } from '../src-main/node/store/friends-store-port';
import { openKithDatabase } from '../src-main/node/store/kith-database';
import { kithMigrations } from '../src-main/node/store/kith-schema';
import { createSqliteFriendsStore } from '../src-main/node/store/sqlite-friends-store';
import { nameFor } from '../sandbox/seed/names';
import { percentile, report } from './report';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const GOOGLE = 40_000;
const FACEBOOK = 20_000;
const PAGE = 1_000;
const accounts: AccountRecord[] = [
  accountRecord({ id: 'acc_bench_ada', provider: 'google', displayName: 'Ada Lovelace', scopes: [GOOGLE_CONTACTS_SCOPE], lastSyncedAt: 1 }),
  accountRecord({ id: 'acc_bench_grace', provider: 'google', displayName: 'Grace Hopper', scopes: [GOOGLE_CONTACTS_SCOPE], lastSyncedAt: 1 }),
  accountRecord({ id: 'acc_bench_kofi', provider: 'facebook', displayName: 'Kofi Mensah', scopes: [FACEBOOK_FRIENDS_PERMISSION], lastSyncedAt: 1 }),
];

function contact(account: number, i: number, revision = 0): StoredPerson {
  // Grace's every fifth contact is one of Ada's (same email, other name form).
  const same = account === 1 && i % 5 === 0;
  const n = same ? i : i + account * 1_000_003;
  const { given, family } = nameFor(n);
  return {
    personId: `people/c${account}-${i}`,
    displayName: revision ? `${given} ${family} ${revision}` : `${given} ${family}`,
    givenName: given,
    familyName: family,
    emails: [{ value: `${given}.${family}.${n}@example.org`.toLowerCase(), label: 'Home' }],
    phones: [{ value: `+1 212 ${String(n % 10_000_000).padStart(7, '0')}`, label: 'Mobile', canonical: null }],
    avatarUrl: null,
    providerUpdatedAt: new Date(Date.UTC(2025, 0, 1) + n * 1000).toISOString(),
  };
}

function friend(i: number): StoredPerson {
  // Every tenth friend carries the name of one of Ada's contacts.
  const { given, family } = nameFor(i % 10 === 0 ? i : i + 7_000_001);
  return { personId: `2000${i}`, displayName: `${given} ${family}`, givenName: null, familyName: null, emails: [], phones: [], avatarUrl: null, providerUpdatedAt: null };
}

async function load(store: FriendsStorePort, accountId: string, provider: ProviderId, people: (i: number) => StoredPerson, size: number): Promise<void> {
  await store.beginSync(accountId, provider, 'full');
  for (let start = 0; start < size; start += PAGE) {
    const upserts = Array.from({ length: Math.min(PAGE, size - start) }, (_, k) => people(start + k));
    const last = start + PAGE >= size;
    await store.applyPage(accountId, { upserts, deletes: [], syncState: { cursor: last ? null : `page-${start}`, ...(last ? { syncToken: null, syncedAt: 1 } : {}) } });
  }
}

const timed = async (work: () => Promise<unknown>) => {
  const started = performance.now();
  await work();
  return performance.now() - started;
};

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'kith-people-bench-'));
  const file = path.join(dir, 'kith.db');
  const keyHex = randomBytes(32).toString('hex');
  try {
    {
      const db = await openKithDatabase({ file, keyHex, migrations: kithMigrations });
      const store = createSqliteFriendsStore(db);
      await load(store, accounts[0]!.id, 'google', (i) => contact(0, i), GOOGLE);
      await load(store, accounts[1]!.id, 'google', (i) => contact(1, i), GOOGLE);
      await load(store, accounts[2]!.id, 'facebook', friend, FACEBOOK);
      db.close();
    }
    const samples: Record<string, number[]> = {};
    const add = (name: string, ms: number) => (samples[name] ??= []).push(ms);
    const list = (queries: FriendsQueries, input: Parameters<typeof FriendQuerySchema.parse>[0]) => queries.list(FriendQuerySchema.parse(input));
    let people = 0;
    let entries = 0;
    for (let run = 0; run < RUNS; run++) {
      const db = await openKithDatabase({ file, keyHex, migrations: kithMigrations });
      const store = createSqliteFriendsStore(db);
      const quiet = createQuietWatch();
      const queries = createFriendsQueries({
        repo: { all: async () => accounts } as never,
        friends: { get: async () => store, problems: () => [], close: () => {}, setAside: async () => [], accessLog: async () => null },
        index: createFriendsIndex(quiet),
        quiet,
        clock: { now: () => Date.now() },
      });
      add('baseline: store page of entries', await timed(() => store.search({ limit: 100 })));
      let first!: Awaited<ReturnType<FriendsQueries['list']>>;
      add('first list, index cold', await timed(async () => (first = await list(queries, { limit: 100 }))));
      people = first.counts.people;
      entries = first.counts.entries;
      add('first page, people by first name', await timed(() => list(queries, { limit: 100 })));
      add('first page, people by last name (first use)', await timed(() => list(queries, { limit: 100, sort: 'last_name' })));
      add('first page, people by last name', await timed(() => list(queries, { limit: 100, sort: 'last_name' })));
      add('first page, recently changed (first use)', await timed(() => list(queries, { limit: 100, sort: 'recently_changed' })));
      add('first page, entries by first name', await timed(() => list(queries, { limit: 100, view: 'entries' })));
      add('first page, one account', await timed(() => list(queries, { limit: 100, accountId: accounts[1]!.id })));
      add('next page from a cursor', await timed(() => list(queries, { limit: 100, after: first.nextCursor! })));
      add('page at offset 60,000', await timed(() => list(queries, { limit: 100, offset: 60_000 })));
      const typed = ['m', 'ma', 'mar', 'mari', 'maria', 'maria ', 'maria g'];
      for (const text of typed) add(`search "${text}"`, await timed(() => list(queries, { limit: 100, search: text })));
      add('one person (friends.get)', await timed(() => queries.get({ id: first.items[0]!.id, view: 'people' })));
      // One account changes: the next list reads that account again.
      await store.beginSync(accounts[2]!.id, 'facebook', 'incremental');
      await store.applyPage(accounts[2]!.id, { upserts: [friend(FACEBOOK + run)], deletes: [], syncState: { cursor: null, syncToken: null, syncedAt: 2 + run } });
      add('first list after one account synced', await timed(() => list(queries, { limit: 100 })));
      add('export all people as vCard', await timed(() => queries.export(FriendExportInputSchema.parse({ format: 'vcf' }))));
      db.close();
    }
    const figures: Record<string, number> = { entries, people };
    for (const [name, values] of Object.entries(samples)) figures[`${name} ms`] = Math.round(percentile(values, 50) * 10) / 10;
    const base = figures['baseline: store page of entries ms']!;
    figures['people first page / baseline'] = Math.round((figures['first page, people by first name ms']! / base) * 10) / 10;
    report('people-at-scale', figures, [`median of ${RUNS} runs; ${GOOGLE} + ${GOOGLE} Google contacts and ${FACEBOOK} Facebook friends`]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
