// 50,000 contacts on one Google account, over real HTTP from the sandbox:
// a full sync, an incremental one, and searches. Prints the figures.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createSandboxCore, startKithSandbox, type KithSandbox, type SandboxCore } from './testing/sandbox-core';

let env: KithSandbox;
let kith: SandboxCore;

beforeAll(async () => {
  env = await startKithSandbox({ contacts: 50_000 });
  kith = await createSandboxCore(env);
});
afterAll(async () => {
  await kith.core.close();
  await env.sandbox.close();
});

it('syncs 50,000 contacts in pages of 1000 with progress, then incrementally, and searches them fast', { timeout: 120_000 }, async () => {
  const { core } = kith;
  const account = await core.accounts.connect({ provider: 'google' });
  const progress: number[] = [];
  core.events.on('syncProgress', (p) => {
    if (p.state === 'running') progress.push(p.fetched);
  });
  let started = performance.now();
  const [full] = await core.sync.run({ accountId: account.id });
  const fullMs = performance.now() - started;
  expect(full).toMatchObject({ ok: true, mode: 'full', friendCount: 50_000 });
  expect(progress.length).toBeGreaterThanOrEqual(50);
  expect(progress.at(-1)).toBe(50_000);

  const people = await env.admin.people();
  await env.admin.changeContacts({ person: people.google[0]!.email, updated: 100, deleted: 100, added: 100 });
  started = performance.now();
  const [inc] = await core.sync.run({ accountId: account.id });
  const incMs = performance.now() - started;
  expect(inc).toMatchObject({ ok: true, mode: 'incremental', friendCount: 50_000 });

  started = performance.now();
  const first = await core.friends.list({ accountId: account.id, search: 'a', limit: 200 });
  const firstQueryMs = performance.now() - started;
  started = performance.now();
  for (let offset = 0; offset < 2_000; offset += 200) await core.friends.list({ accountId: account.id, search: 'a', offset, limit: 200 });
  const pagingMs = (performance.now() - started) / 10;
  started = performance.now();
  await core.friends.list({ search: 'zz' });
  await core.friends.list({ search: 'ma' });
  const searchMs = (performance.now() - started) / 2;
  expect(first.total).toBeGreaterThan(0);
  console.log(
    `50,000 contacts over HTTP: full sync ${Math.round(fullMs)} ms, incremental (300 changes) ${Math.round(incMs)} ms, ` +
      `first search ${firstQueryMs.toFixed(1)} ms, next pages ${pagingMs.toFixed(2)} ms each, new searches ${searchMs.toFixed(1)} ms each`,
  );
  // Generous bounds (shared CI cores); a quadratic merge would take minutes.
  expect(fullMs).toBeLessThan(60_000);
  expect(incMs).toBeLessThan(fullMs);
  expect(searchMs).toBeLessThan(500);
});
