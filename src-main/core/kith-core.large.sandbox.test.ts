// 50,000 contacts on one Google account, over real HTTP from the sandbox:
// a full sync, an incremental one, and searches. Figures: bench/friends-at-scale.ts.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startKithSandbox, type KithSandbox } from './testing/kith-sandbox';
import { createSandboxCore, type SandboxCore } from './testing/sandbox-core';

let env: KithSandbox;
let kith: SandboxCore;

beforeAll(async () => {
  env = await startKithSandbox({ contacts: 50_000 });
  kith = await createSandboxCore(env);
});
afterAll(async () => {
  await kith.core.close();
  await env.close();
});

it('syncs 50,000 contacts in pages of 1000 with progress, then incrementally, and searches them (timings: bench/friends-at-scale.ts)', { timeout: 120_000 }, async () => {
  const { core } = kith;
  const account = await core.accounts.connect({ provider: 'google' });
  const progress: number[] = [];
  core.events.on('syncProgress', (p) => {
    if (p.state === 'running') progress.push(p.fetched);
  });
  const [full] = await core.sync.run({ accountId: account.id });
  expect(full).toMatchObject({ ok: true, mode: 'full', friendCount: 50_000 });
  expect(progress.length).toBeGreaterThanOrEqual(50);
  expect(progress.at(-1)).toBe(50_000);

  // The sandbox serves from this process: the sync's last commit (the swap of 50,000 staged rows) held the
  // event loop, so idle keep-alive sockets time out all at once when it returns. Let them close before the
  // admin client picks one (else ECONNRESET on a socket the server is closing).
  await new Promise((resolve) => setTimeout(resolve, 100));
  const people = await env.admin.people();
  const changes = await env.admin.changeContacts({ person: people.google[0]!.email, updated: 100, deleted: 100, added: 100 });
  const [inc] = await core.sync.run({ accountId: account.id });
  expect(inc).toMatchObject({ ok: true, mode: 'incremental', friendCount: 50_000 });
  expect(changes.total).toBe(50_000);

  const first = await core.friends.list({ accountId: account.id, search: 'a', limit: 200 });
  expect(first.total).toBeGreaterThan(0);
  expect(first.items).toHaveLength(200);
  const last = await core.friends.list({ accountId: account.id, offset: 49_900, limit: 200 });
  expect(last.items).toHaveLength(100);
  expect(last.total).toBe(50_000);
});
