import { describe, expect, it } from 'vitest';
import { KithError } from '../../../src-contract/kith-api';
import { identity } from '../testing/fake-login';
import { person } from '../testing/fake-provider';
import { createTestCore } from '../testing/test-core';

const timing = { intervalMs: 60_000, offlineRetryMs: 1_000, offlineRetryMaxMs: 4_000, staleAfterMs: 10_000 };

/** Accounts synced just now, then the core started: the next sync is the interval's. */
async function connected(options: { accounts?: number } = {}) {
  const t = createTestCore({ autoSync: timing });
  t.google.upsert(person('a', 'Ann'));
  const ids: string[] = [];
  for (let i = 0; i < (options.accounts ?? 1); i++) {
    t.login.queue.push({ tokens: t.google.issueTokens(), identity: identity(`g-${i}`) });
    ids.push((await t.core.accounts.connect({ provider: 'google' })).id);
  }
  await t.core.sync.run({});
  const before = t.google.calls.list.length;
  t.core.start();
  return { t, ids, listings: () => t.google.calls.list.length - before };
}

describe('auto sync', () => {
  it('syncs every account on an interval while Kith runs', async () => {
    const { t, listings } = await connected();
    await t.clock.advance(59_000);
    expect(listings()).toBe(0);
    await t.clock.advance(1_000);
    expect(listings()).toBe(1);
    expect((await t.core.friends.list({})).total).toBe(1);
    await t.clock.advance(60_000);
    expect(listings()).toBe(2);
    await t.core.close();
  });

  it('while offline, retries after growing delays, and picks up changes once the network is back', async () => {
    const { t, listings } = await connected();
    const connectivity: boolean[] = [];
    t.core.events.on('connectivity', ({ online }) => connectivity.push(online));
    t.google.listFailure = { error: new KithError('E_OFFLINE', 'Kith cannot reach Google.'), afterBatches: 0 };
    await t.clock.advance(60_000);
    expect(listings()).toBe(1);
    expect(connectivity).toEqual([false]);
    // 1 s, 2 s, 4 s, then capped at 4 s.
    for (const [wait, expected] of [[999, 1], [1, 2], [2_000, 3], [4_000, 4], [4_000, 5]] as const) {
      await t.clock.advance(wait);
      expect(listings()).toBe(expected);
    }
    t.google.listFailure = null;
    t.google.upsert(person('b', 'Bob'));
    await t.clock.advance(4_000);
    expect(listings()).toBe(6);
    expect(connectivity).toEqual([false, true]);
    expect((await t.core.friends.list({})).items.map((f) => f.name)).toEqual(['Ann', 'Bob']);
    // Back on the interval, with the offline delays reset.
    await t.clock.advance(59_000);
    expect(listings()).toBe(6);
    await t.clock.advance(1_000);
    expect(listings()).toBe(7);
    await t.core.close();
  });

  it('syncs every account at once when another call finds the network back', async () => {
    const { t, ids, listings } = await connected({ accounts: 2 });
    t.google.listFailure = { error: new KithError('E_OFFLINE', 'Kith cannot reach Google.'), afterBatches: 0 };
    await t.clock.advance(60_000);
    expect(listings()).toBe(2);
    t.google.listFailure = null;
    // The person presses "Sync now" for one account; the other follows without waiting for a timer.
    await t.core.sync.run({ accountId: ids[0]! });
    await t.clock.advance(0);
    expect(listings()).toBeGreaterThanOrEqual(4);
    const accounts = await t.core.accounts.list();
    expect(accounts.every((a) => a.lastSyncedAt !== null)).toBe(true);
    await t.core.close();
  });

  it('stops with the core: no timer is left behind', async () => {
    const { t, listings } = await connected();
    await t.core.close();
    await t.clock.advance(10 * 60_000);
    expect(listings()).toBe(0);
    expect(t.clock.pendingTimers()).toEqual([]);
  });
});
