// `kith serve`'s core with its calls marked as work for the idle clean-up, over
// the real core (in-memory fakes): every call answers as the core does, counts as
// running until it settles, and a search after the clean-up (a compacting full
// collection) finds the same friends as before it.
import { afterEach, expect, it } from 'vitest';
import type { IdleCleanup } from './idle-cleanup';
import { identity } from '../../core/testing/fake-login';
import { person } from '../../core/testing/fake-provider';
import { createTestCore } from '../../core/testing/test-core';
import { coreNotingWork } from './core-noting-work';
import { exposeFullGc } from './full-gc';
import { createIdleCleanup } from './idle-cleanup';

const stops: (() => void)[] = [];
afterEach(() => {
  for (const stop of stops.splice(0)) stop();
});

it('marks each call as work until it settles, answers as the core does, and a search after the clean-up still finds the same friends', async () => {
  const t = createTestCore();
  let cleanUps = 0;
  const fullGc = exposeFullGc();
  const cleanup = createIdleCleanup({
    quietMs: 2_000,
    scheduler: t.clock,
    settled: () => t.assembled.idle(),
    cleanUp: () => {
      cleanUps++;
      fullGc();
    },
  });
  const watched = coreNotingWork(t.assembled, cleanup);
  stops.push(watched.stop, cleanup.stop);

  t.google.upsert(person('p1', 'Ann Example'));
  t.google.upsert(person('p2', 'Bo Other'));
  t.login.queue.push({ tokens: t.google.issueTokens(), identity: identity('g-1', 'Gail') });
  const account = await watched.core.accounts.connect({ provider: 'google' });
  const [sync] = await watched.core.sync.run({ accountId: account.id });
  expect(sync).toMatchObject({ ok: true, friendCount: 2 });

  const query = { search: 'ann', offset: 0, limit: 50 } as Parameters<typeof watched.core.friends.list>[0];
  const before = await watched.core.friends.list(query);
  expect(before.items.map((f) => f.name)).toEqual(['Ann Example']);
  expect(await watched.core.accounts.list({})).toEqual(await t.assembled.accounts.list({}));

  // A call still running holds the clean-up off, however long it takes.
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  const slow = cleanup.during(() => held);
  await t.clock.advance(10_000);
  expect(cleanUps).toBe(0);
  release();
  await slow;

  await t.clock.advance(2_000);
  await t.assembled.idle();
  await t.clock.advance(0);
  expect(cleanUps).toBe(1);
  expect(await watched.core.friends.list(query)).toEqual(before);
});

it('runs each call inside the clean-up\'s `during`, and a sync the core reports counts as work', async () => {
  const t = createTestCore();
  const marked: string[] = [];
  let touches = 0;
  let running = 0;
  const cleanup: Pick<IdleCleanup, 'during' | 'touch'> = {
    async during(work) {
      running++;
      try {
        return await work();
      } finally {
        running--;
        marked.push('call');
      }
    },
    touch: () => void touches++,
  };
  const watched = coreNotingWork(t.assembled, cleanup);
  stops.push(watched.stop);
  t.login.queue.push({ tokens: t.google.issueTokens(), identity: identity('g-1', 'Gail') });
  const account = await watched.core.accounts.connect({ provider: 'google' });
  const listed = watched.core.accounts.list({});
  expect(running).toBe(1);
  await listed;
  expect(running).toBe(0);
  expect(marked).toEqual(['call', 'call']);
  await watched.core.sync.run({ accountId: account.id });
  expect(marked).toHaveLength(3);
  // The sync's progress events (running, done) touch the clean-up, as a sync the core starts on its own would.
  expect(touches).toBeGreaterThanOrEqual(2);
});
