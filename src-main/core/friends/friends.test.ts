import { describe, expect, it } from 'vitest';
import { FriendPageSchema, KithError, SyncResultSchema, type SyncProgress } from '../../../src-contract/kith-api';
import { person } from '../testing/fake-provider';
import { identity } from '../testing/fake-login';
import { createMemoryFriendsDatabase } from '../../node/store/testing/memory-friends-database';
import { createTestCore } from '../testing/test-core';

async function withGoogle(people: Array<[string, string, { email?: string; phone?: string }?]> = [], options: Parameters<typeof createTestCore>[0] = {}) {
  const t = createTestCore(options);
  for (const [id, name, extra] of people) t.google.upsert(person(id, name, extra ?? {}));
  t.login.queue.push({ tokens: t.google.issueTokens(), identity: identity('g-1') });
  const account = await t.core.accounts.connect({ provider: 'google' });
  return { t, account };
}

describe('friends sync', () => {
  it('streams every page into the cache with progress events, and the cache works with no network', async () => {
    const { t, account } = await withGoogle(Array.from({ length: 250 }, (_, i) => [`p${i}`, `Person ${String(i).padStart(3, '0')}`] as [string, string]));
    const progress: SyncProgress[] = [];
    t.core.events.on('syncProgress', (p) => progress.push(p));
    const [result] = await t.core.sync.run({ accountId: account.id });
    expect(SyncResultSchema.parse(result)).toMatchObject({ ok: true, mode: 'full', friendCount: 250 });
    expect(progress.map((p) => [p.state, p.fetched])).toEqual([['running', 0], ['running', 100], ['running', 200], ['running', 250], ['done', 250]]);
    expect(progress[1]!.total).toBe(250);
    t.google.listFailure = { error: new KithError('E_OFFLINE', 'offline'), afterBatches: 0 };
    const page = await t.core.friends.list({ accountId: account.id, limit: 10 });
    expect(FriendPageSchema.parse(page).total).toBe(250);
    expect(page.items[0]).toMatchObject({ id: `${account.id}:p0`, name: 'Person 000', accountId: account.id, provider: 'google' });
  });

  it('keeps the last good cache when a sync fails midway, and records why', async () => {
    const { t, account } = await withGoogle([['a', 'Ann'], ['b', 'Bob']]);
    await t.core.sync.run({ accountId: account.id });
    t.google.pageSize = 1;
    t.google.upsert(person('c', 'Cat'));
    t.google.expireSyncTokens();
    t.google.listFailure = { error: new KithError('E_PROVIDER', 'Google answered 503.'), afterBatches: 2 };
    const [result] = await t.core.sync.run({ accountId: account.id });
    expect(result).toMatchObject({ ok: false, error: { code: 'E_PROVIDER' }, friendCount: 2 });
    const [summary] = await t.core.accounts.list();
    expect(summary).toMatchObject({ friendCount: 2, lastSyncError: { code: 'E_PROVIDER' } });
    expect((await t.core.friends.list({})).items.map((f) => f.name)).toEqual(['Ann', 'Bob']);
    // A later good sync clears the error.
    t.google.listFailure = null;
    await t.core.sync.run({ accountId: account.id });
    expect((await t.core.accounts.list())[0]).toMatchObject({ friendCount: 3, lastSyncError: null });
  });

  it('applies incremental changes (sync token) and falls back to a full sync when the token expired', async () => {
    const { t, account } = await withGoogle([['a', 'Ann'], ['b', 'Bob'], ['c', 'Cat']]);
    await t.core.sync.run({ accountId: account.id });
    t.google.remove('b');
    t.google.upsert(person('a', 'Anna'));
    t.google.upsert(person('d', 'Dan'));
    const [inc] = await t.core.sync.run({ accountId: account.id });
    expect(inc).toMatchObject({ ok: true, mode: 'incremental', friendCount: 3 });
    expect(t.google.calls.list.at(-1)!.syncToken).toMatch(/^sync:/);
    expect((await t.core.friends.list({})).items.map((f) => f.name)).toEqual(['Anna', 'Cat', 'Dan']);
    t.google.expireSyncTokens();
    t.google.remove('c');
    const [full] = await t.core.sync.run({ accountId: account.id });
    expect(full).toMatchObject({ ok: true, mode: 'full', friendCount: 2 });
    expect((await t.core.friends.list({})).items.map((f) => f.name)).toEqual(['Anna', 'Dan']);
  });

  it('refreshes once when the provider refuses an unexpired access token, and only then calls the grant gone', async () => {
    const { t, account } = await withGoogle([['a', 'Ann']]);
    t.google.acceptedAccessTokens = new Set(['google-access-2']);
    const [ok] = await t.core.sync.run({ accountId: account.id });
    expect(ok).toMatchObject({ ok: true, friendCount: 1 });
    expect(t.google.calls.refresh).toBe(1);
    t.google.acceptedAccessTokens = new Set();
    t.google.refreshImpl = () => Promise.reject(new KithError('E_GRANT_REVOKED', 'invalid_grant'));
    const [gone] = await t.core.sync.run({ accountId: account.id });
    expect(gone).toMatchObject({ ok: false, error: { code: 'E_GRANT_REVOKED' } });
    expect((await t.core.accounts.list())[0]!.status).toBe('needs_reconnect');
  });

  it('keeps neither friends nor the People sync token in the JSON documents (they live in the encrypted store)', async () => {
    const { t, account } = await withGoogle([['a', 'Ann Person']]);
    await t.core.sync.run({ accountId: account.id });
    const disk = t.store.allText();
    expect((await t.core.friends.list({})).items.map((f) => f.name)).toEqual(['Ann Person']);
    expect(disk).not.toContain('Ann Person');
    expect(disk).not.toMatch(/sync:\d+:\d+/);
  });

  it('keeps Facebook summary.total_count as friendTotal', async () => {
    const t = createTestCore();
    t.facebook.upsert(person('f1', 'Fay'));
    t.facebook.friendTotal = 480;
    t.login.queue.push({ tokens: t.facebook.issueTokens(), identity: identity('fb') });
    const account = await t.core.accounts.connect({ provider: 'facebook' });
    await t.core.sync.run({ accountId: account.id });
    expect((await t.core.accounts.list())[0]).toMatchObject({ friendCount: 1, friendTotal: 480 });
  });

  it('syncs in the background right after connect when enabled', async () => {
    const t = createTestCore({ syncAfterConnect: true });
    t.google.upsert(person('a', 'Ann'));
    t.login.queue.push({ tokens: t.google.issueTokens(), identity: identity('g') });
    const summary = await t.core.accounts.connect({ provider: 'google' });
    expect(summary.friendCount).toBe(0);
    await t.clock.advance(0);
    expect((await t.core.accounts.list())[0]!.friendCount).toBe(1);
    await t.core.close();
  });
});

describe('friends query', () => {
  it('searches name, email and phone case-insensitively across accounts, ordered by name, paged', async () => {
    const t = createTestCore();
    t.google.upsert(person('g1', 'Émile Zola', { email: 'emile@example.test' }));
    t.google.upsert(person('g2', 'ada Lovelace', { phone: '+44 20 7946 0001' }));
    t.facebook.upsert(person('f1', 'Bob Ada'));
    t.facebook.upsert(person('f2', 'Carol'));
    t.login.queue.push({ tokens: t.google.issueTokens(), identity: identity('g') });
    t.login.queue.push({ tokens: t.facebook.issueTokens(), identity: identity('f') });
    const g = await t.core.accounts.connect({ provider: 'google' });
    const f = await t.core.accounts.connect({ provider: 'facebook' });
    await t.core.sync.run({});
    const names = async (q: Parameters<typeof t.core.friends.list>[0]) => (await t.core.friends.list(q)).items.map((x) => x.name);
    expect(await names({})).toEqual(['ada Lovelace', 'Bob Ada', 'Carol', 'Émile Zola']);
    expect(await names({ search: 'ADA' })).toEqual(['ada Lovelace', 'Bob Ada']);
    expect(await names({ search: 'EXAMPLE.test' })).toEqual(['Émile Zola']);
    expect(await names({ search: 'emile' })).toEqual(['Émile Zola']);
    expect(await names({ search: '20 7946 0001' })).toEqual(['ada Lovelace']);
    expect(await names({ search: '(44) 20-7946' })).toEqual(['ada Lovelace']);
    expect(await names({ search: 'lovelace ADA' })).toEqual(['ada Lovelace']);
    expect(await names({ accountId: f.id })).toEqual(['Bob Ada', 'Carol']);
    const page = await t.core.friends.list({ offset: 1, limit: 2 });
    expect(page).toMatchObject({ offset: 1, total: 4 });
    expect(page.items.map((x) => x.name)).toEqual(['Bob Ada', 'Carol']);
    await expect(t.core.friends.list({ accountId: 'acc_unknown00' })).rejects.toMatchObject({ code: 'E_UNKNOWN_ACCOUNT' });
    expect(g.id).not.toBe(f.id);
  });

  it('after a restart serves friends from the store, looking for an earlier version\'s friends document once', async () => {
    const { t, account } = await withGoogle([['a', 'Ann']]);
    await t.core.sync.run({ accountId: account.id });
    const restarted = await t.restart();
    const reads = { n: 0 };
    const read = restarted.store.read.bind(restarted.store);
    restarted.store.read = async (name) => {
      if (name.startsWith('friends-')) reads.n += 1;
      return read(name);
    };
    for (let i = 0; i < 5; i++) await restarted.core.friends.list({ search: 'an' });
    expect(reads.n).toBe(1);
    expect((await restarted.core.friends.list({})).items.map((x) => x.name)).toEqual(['Ann']);
  });

  it('handles 50,000 contacts: a full sync, an incremental one, and searches (timings: bench/)', async () => {
    const t = createTestCore();
    t.google.pageSize = 1000;
    for (let i = 0; i < 50_000; i++) t.google.upsert(person(`p${i}`, `Name ${(i * 7919) % 50_000}`, { email: `p${i}@example.test`, phone: `+1 555 ${String(i).padStart(6, '0')}` }));
    t.login.queue.push({ tokens: t.google.issueTokens(), identity: identity('g') });
    const account = await t.core.accounts.connect({ provider: 'google' });
    const [full] = await t.core.sync.run({ accountId: account.id });
    expect(full).toMatchObject({ ok: true, friendCount: 50_000 });
    t.google.upsert(person('p1', 'Renamed'));
    const [inc] = await t.core.sync.run({ accountId: account.id });
    expect(inc).toMatchObject({ ok: true, mode: 'incremental', friendCount: 50_000 });
    const page = await t.core.friends.list({ search: '555 0049', limit: 5 });
    const first = await t.core.friends.list({ offset: 49_990, limit: 100 });
    expect(page.total).toBe(100);
    expect(first.items).toHaveLength(10);
  });
});

describe('sync and disconnect', () => {
  it('a sync still running when its account is disconnected leaves nothing behind', async () => {
    const t = createTestCore();
    for (let i = 0; i < 5; i++) t.google.upsert(person(`p${i}`, `P${i}`));
    t.google.pageSize = 1;
    t.login.queue.push({ tokens: t.google.issueTokens(), identity: identity('g') });
    const account = await t.core.accounts.connect({ provider: 'google' });
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const base = t.google.listFriends.bind(t.google);
    t.google.listFriends = (token, options) => {
      const listing = base(token, options);
      return {
        outcome: listing.outcome,
        batches: (async function* () {
          for await (const batch of listing.batches) {
            await gate;
            yield batch;
          }
        })(),
      };
    };
    const running = t.core.sync.run({ accountId: account.id });
    await new Promise((r) => setImmediate(r));
    await t.core.accounts.disconnect({ accountId: account.id });
    release();
    const [result] = await running;
    expect(result!.ok).toBe(false);
    expect(t.store.names().filter((k) => k.startsWith('friends-'))).toEqual([]);
    expect((await t.core.friends.list({})).total).toBe(0);
  });
});

describe('sync with failing storage', () => {
  it('reports E_STORAGE in the result instead of rejecting, and keeps the cache readable', async () => {
    const friendsDatabase = createMemoryFriendsDatabase();
    const { t, account } = await withGoogle([['a', 'Ann']], { friendsDatabase });
    await t.core.sync.run({ accountId: account.id });
    t.google.upsert(person('b', 'Bob'));
    friendsDatabase.failWrites = true;
    const [result] = await t.core.sync.run({ accountId: account.id });
    friendsDatabase.failWrites = false;
    expect(result).toMatchObject({ ok: false, error: { code: 'E_STORAGE' } });
    expect((await t.core.friends.list({})).items.map((f) => f.name)).toEqual(['Ann']);
  });
});
