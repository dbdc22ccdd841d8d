// The friends store's key and file over the real on-disk database: a missing
// or unreadable key never makes a new one over an existing database, a
// damaged file is kept aside and re-synced, and JSON caches of earlier
// versions are imported with nothing lost.
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempFriendsDatabase } from '../../node/store/testing/temp-friends-database';
import { identity } from '../testing/fake-login';
import { person } from '../testing/fake-provider';
import { createTestCore } from '../testing/test-core';

async function syncedOnDisk() {
  const db = tempFriendsDatabase();
  const t = createTestCore({ friendsDatabase: db });
  t.google.upsert(person('a', 'Ann Archer', { email: 'ann@example.test' }));
  t.google.upsert(person('b', 'Bob Baker'));
  t.login.queue.push({ tokens: t.google.issueTokens(), identity: identity('g') });
  const account = await t.core.accounts.connect({ provider: 'google' });
  await t.core.sync.run({ accountId: account.id });
  await t.core.close();
  return { db, t, account };
}

const names = async (t: ReturnType<typeof createTestCore>) => (await t.core.friends.list({})).items.map((f) => f.name);

describe('the friends store key', () => {
  it('is made once, sealed by the Cipher, and opens the same database after a restart', async () => {
    const { t } = await syncedOnDisk();
    expect(t.store.names()).toContain('store-key');
    expect(t.store.allText()).not.toMatch(/[0-9a-f]{64}/);
    const again = await t.restart();
    expect(await names(again)).toEqual(['Ann Archer', 'Bob Baker']);
  });

  it('when lost while the database exists: no new key, the files untouched, status says why, and putting it back restores the friends', async () => {
    const { db, t } = await syncedOnDisk();
    const sealed = await t.store.read('store-key');
    const before = await readFile(path.join(db.dir, 'kith.db'));
    await t.store.remove('store-key');

    const locked = await t.restart();
    await expect(locked.core.friends.list({})).rejects.toMatchObject({ code: 'E_STORAGE', message: expect.stringMatching(/key .*missing.*will not make a new key/) });
    const status = await locked.core.status.get();
    expect(status.storageProblems).toEqual([expect.objectContaining({ document: 'kith.db', message: expect.stringMatching(/Nothing was deleted/) })]);
    expect(t.store.names()).not.toContain('store-key');
    expect((await readFile(path.join(db.dir, 'kith.db'))).equals(before)).toBe(true);
    await locked.core.close();

    if (sealed.kind !== 'ok') throw new Error('no key was stored');
    await t.store.write('store-key', sealed.value);
    const restored = await t.restart();
    expect(await names(restored)).toEqual(['Ann Archer', 'Bob Baker']);
    expect((await restored.core.status.get()).storageProblems).toEqual([]);
  });

  it('when it cannot be unsealed (another protection), says so and keeps the key document and the database', async () => {
    const { t } = await syncedOnDisk();
    await t.store.write('store-key', { version: 1, sealedKey: Buffer.from('sealed by another machine').toString('base64') });
    const locked = await t.restart();
    await expect(locked.core.friends.list({})).rejects.toMatchObject({ code: 'E_STORAGE', message: expect.stringMatching(/cannot be decrypted/) });
    expect((await locked.core.status.get()).storageProblems[0]?.message).toMatch(/Nothing was deleted/);
    expect(await t.store.read('store-key')).toMatchObject({ kind: 'ok', value: { sealedKey: Buffer.from('sealed by another machine').toString('base64') } });
  });

  it('a damaged database is moved aside (kept), reported, and the friends come back with the next sync', async () => {
    const { db, t } = await syncedOnDisk();
    const file = path.join(db.dir, 'kith.db');
    const size = (await readFile(file)).length;
    await writeFile(file, Buffer.alloc(size, 7));
    const again = await t.restart();
    expect(await names(again)).toEqual([]);
    const status = await again.core.status.get();
    expect(status.storageProblems[0]).toMatchObject({ document: 'kith.db', message: expect.stringMatching(/damaged.*moved aside to .*kith\.damaged-.*\.db/) });
    expect((await readdir(db.dir)).some((f) => /^kith\.damaged-.*\.db$/.test(f))).toBe(true);
    await again.core.sync.run({});
    expect(await names(again)).toEqual(['Ann Archer', 'Bob Baker']);
  });
});

describe('friends caches of earlier versions', () => {
  it('are imported on first start with people, totals and sync token, then kept aside under a new name', async () => {
    const t = createTestCore({ friendsDatabase: tempFriendsDatabase() });
    t.login.queue.push({ tokens: t.google.issueTokens(), identity: identity('g') });
    const account = await t.core.accounts.connect({ provider: 'google' });
    const people = Array.from({ length: 12_000 }, (_, i) => [`people/c${i}`, `Person ${String(i).padStart(5, '0')}`, i === 7 ? 'seven@example.test' : null, i === 7 ? '+1 555 0107' : null, null]);
    // A cache as 0.1 wrote it: the People sync token sealed by the Cipher.
    const sealedSyncToken = Buffer.from(await t.ports.cipher.encrypt(JSON.stringify('sync:1:0'))).toString('base64');
    const legacy = { version: 1, accountId: account.id, provider: 'google', syncedAt: 1_700_000_000_000, friendTotal: null, sealedSyncToken, people };
    await t.store.write(`friends-${account.id}`, legacy);

    const page = await t.core.friends.list({ search: 'seven', limit: 5 });
    expect(page.items).toEqual([expect.objectContaining({ name: 'Person 00007', email: 'seven@example.test', phone: '+1 555 0107' })]);
    expect((await t.core.friends.list({ accountId: account.id, offset: 11_999, limit: 5 })).items.map((f) => f.name)).toEqual(['Person 11999']);
    expect((await t.core.friends.list({})).total).toBe(12_000);
    const names = t.store.names();
    expect(names).not.toContain(`friends-${account.id}`);
    const kept = names.find((n) => n.startsWith(`friends-${account.id}-imported-`));
    expect(kept && (await t.store.read(kept))).toMatchObject({ kind: 'ok', value: legacy });

    // The imported sync token keeps the next sync incremental.
    await t.core.sync.run({ accountId: account.id });
    expect(t.google.calls.list.at(-1)?.syncToken).toBe('sync:1:0');
  });
});
