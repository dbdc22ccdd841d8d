// The real core against the sandbox providers over real HTTP.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AccountSummarySchema, DisconnectResultSchema, FriendPageSchema, KithStatusSchema, SyncResultSchema } from '../../src-contract/kith-api';
import { createManualClock } from './testing/manual-clock';
import { startKithSandbox, type KithSandbox } from './testing/kith-sandbox';
import { createSandboxCore, type SandboxCore } from './testing/sandbox-core';

let env: KithSandbox;
let kith: SandboxCore | null = null;

beforeAll(async () => {
  env = await startKithSandbox({ autoConsent: false });
});
afterAll(async () => {
  await env.close();
});
beforeEach(async () => {
  await env.admin.reset();
});
afterEach(async () => {
  await kith?.core.close();
  kith = null;
});

async function open(options: Parameters<typeof createSandboxCore>[1] = {}) {
  kith = await createSandboxCore(env, options);
  return kith;
}

describe('the core against the sandbox', () => {
  it('connects Google, syncs its contacts, searches them, and disconnects with the grant revoked', async () => {
    const { core, store, log } = await open();
    const account = AccountSummarySchema.parse(await core.accounts.connect({ provider: 'google' }));
    expect(account).toMatchObject({ provider: 'google', status: 'active' });
    const [result] = await core.sync.run({ accountId: account.id });
    expect(SyncResultSchema.parse(result)).toMatchObject({ ok: true, mode: 'full' });
    expect(result!.friendCount).toBeGreaterThan(0);
    const page = FriendPageSchema.parse(await core.friends.list({ accountId: account.id, limit: 5 }));
    expect(page.total).toBe(result!.friendCount);
    const issued = await env.admin.tokens({ provider: 'google' });
    const disk = store.allText();
    for (const token of issued) expect(disk).not.toContain(token.value);
    for (const token of issued) expect(log.lines.join('\n')).not.toContain(token.value);
    expect(DisconnectResultSchema.parse(await core.accounts.disconnect({ accountId: account.id }))).toMatchObject({ revocation: 'revoked' });
    const grants = await env.admin.grants({ provider: 'google' });
    expect(grants.grants.every((g) => g.status === 'revoked')).toBe(true);
    expect(KithStatusSchema.parse(await core.status.get()).pendingRevocations).toEqual([]);
  });

  it('connects Facebook through its fixed loopback redirect, keeps total_count, and revokes with DELETE /me/permissions', async () => {
    const { core } = await open();
    const account = await core.accounts.connect({ provider: 'facebook' });
    const [result] = await core.sync.run({ accountId: account.id });
    expect(result).toMatchObject({ ok: true });
    const [summary] = await core.accounts.list();
    expect(summary!.friendTotal).not.toBeNull();
    expect(summary!.reconnectBy).not.toBeNull();
    expect((await core.accounts.disconnect({ accountId: account.id })).revocation).toBe('revoked');
    expect((await env.admin.grants({ provider: 'facebook' })).grants.every((g) => g.status === 'revoked')).toBe(true);
  });
});

async function connectedGoogle() {
  const k = await open();
  const account = await k.core.accounts.connect({ provider: 'google' });
  const [first] = await k.core.sync.run({ accountId: account.id });
  expect(first).toMatchObject({ ok: true, mode: 'full' });
  return { ...k, account, first: first! };
}

describe('friends sync against the sandbox', () => {
  it('applies contact changes incrementally, and runs a full sync when the sync token has expired', async () => {
    const { core, account, first } = await connectedGoogle();
    const people = await env.admin.people();
    const changes = await env.admin.changeContacts({ person: people.google[0]!.email, updated: 2, deleted: 3, added: 5 });
    const [inc] = await core.sync.run({ accountId: account.id });
    expect(inc).toMatchObject({ ok: true, mode: 'incremental', friendCount: first.friendCount + 2 });
    expect(inc!.friendCount).toBe(changes.total);
    await env.admin.expireSyncTokens();
    const [full] = await core.sync.run({ accountId: account.id });
    expect(full).toMatchObject({ ok: true, mode: 'full', friendCount: changes.total });
  });

  it('rides out latency, 5xx and 429 (honouring Retry-After) and still completes', async () => {
    const { core, account, first } = await connectedGoogle();
    await env.admin.setFaults('google', { latencyMs: 150, retryAfterSeconds: 1 });
    await env.admin.failNext('google', 'server-error', 1);
    await env.admin.failNext('google', 'rate-limit', 1);
    const started = Date.now();
    const [result] = await core.sync.run({ accountId: account.id });
    expect(result).toMatchObject({ ok: true, friendCount: first.friendCount });
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_000);
  });

  it('keeps the last good cache when answers stay broken (5xx, malformed), records why, and recovers', async () => {
    const { core, account, first } = await connectedGoogle();
    await env.admin.expireSyncTokens();
    await env.admin.failNext('google', 'server-error', 50);
    const [failed] = await core.sync.run({ accountId: account.id });
    expect(failed).toMatchObject({ ok: false, error: { code: 'E_PROVIDER' }, friendCount: first.friendCount });
    await env.admin.clearFaults('google');
    await env.admin.failNext('google', 'malformed', 50);
    const [malformed] = await core.sync.run({ accountId: account.id });
    expect(malformed!.ok).toBe(false);
    expect((await core.accounts.list())[0]).toMatchObject({ status: 'active', friendCount: first.friendCount, lastSyncError: { code: malformed!.error!.code } });
    expect((await core.friends.list({ accountId: account.id })).total).toBe(first.friendCount);
    await env.admin.clearFaults('google');
    const [ok] = await core.sync.run({ accountId: account.id });
    expect(ok).toMatchObject({ ok: true });
    expect((await core.accounts.list())[0]!.lastSyncError).toBeNull();
  });

  it('backs off on Facebook throttling (code 4) and completes', async () => {
    const k = await open();
    const account = await k.core.accounts.connect({ provider: 'facebook' });
    await env.admin.setFaults('facebook', { throttleCode: 4 });
    await env.admin.failNext('facebook', 'rate-limit', 1);
    const [result] = await k.core.sync.run({ accountId: account.id });
    expect(result).toMatchObject({ ok: true });
  });

  it('refreshes a Google token the provider refused before its expiry, while Facebook (no refresh token) turns "needs reconnect"', async () => {
    const { core, account, first } = await connectedGoogle();
    const fb = await core.accounts.connect({ provider: 'facebook' });
    await core.sync.run({ accountId: fb.id });
    await env.admin.expireAccessTokens();
    const [google] = await core.sync.run({ accountId: account.id });
    expect(google).toMatchObject({ ok: true, friendCount: first.friendCount });
    const [facebook] = await core.sync.run({ accountId: fb.id });
    expect(facebook!.ok).toBe(false);
    const summaries = await core.accounts.list();
    expect(summaries.map((a) => a.status)).toEqual(['active', 'needs_reconnect']);
    expect(summaries[1]!.friendCount).toBeGreaterThan(0);
  });

  it('turns an account whose grant was revoked at the provider "needs reconnect", with its friends still readable', async () => {
    const { core, account, first } = await connectedGoogle();
    await env.admin.revokeGrant({ provider: 'google' });
    const [result] = await core.sync.run({ accountId: account.id });
    expect(result).toMatchObject({ ok: false, error: { code: 'E_GRANT_REVOKED' } });
    const [summary] = await core.accounts.list();
    expect(summary).toMatchObject({ status: 'needs_reconnect', statusError: { code: 'E_GRANT_REVOKED' }, friendCount: first.friendCount });
    expect((await core.friends.list({ accountId: account.id })).total).toBe(first.friendCount);
    // Reconnecting the same person brings the same account back to active.
    const again = await core.accounts.connect({ provider: 'google' });
    expect(again).toMatchObject({ id: account.id, status: 'active' });
  });
});

describe('disconnect against the sandbox', () => {
  it('queues the revocation while the provider is down, removes everything locally at once, and revokes when it is back', async () => {
    const scheduler = createManualClock();
    const network = { down: false };
    const fetchThroughNetwork: typeof fetch = (input, init) =>
      network.down ? Promise.reject(new TypeError('fetch failed')) : globalThis.fetch(input, init);
    const { core, store } = await open({ scheduler, fetch: fetchThroughNetwork });
    const google = await core.accounts.connect({ provider: 'google' });
    const facebook = await core.accounts.connect({ provider: 'facebook' });
    await core.sync.run({});
    // A provider answering 5xx is "down" too.
    await env.admin.failNext('facebook', 'server-error', 100);
    expect(await core.accounts.disconnect({ accountId: facebook.id })).toMatchObject({ revocation: 'queued' });
    network.down = true;
    const started = Date.now();
    expect(await core.accounts.disconnect({ accountId: google.id })).toMatchObject({ revocation: 'queued' });
    expect(Date.now() - started).toBeLessThan(3_000);
    expect((await core.status.get()).online).toBe(false);
    expect(await core.accounts.list()).toEqual([]);
    expect((await core.friends.list({})).total).toBe(0);
    const status = await core.status.get();
    expect(status.pendingRevocations.map((r) => r.provider).sort()).toEqual(['facebook', 'google']);
    const issued = await env.admin.tokens();
    const disk = store.allText();
    for (const token of issued) expect(disk).not.toContain(token.value);
    expect((await env.admin.grants()).grants.filter((g) => g.status === 'active')).toHaveLength(2);
    // The providers come back; the retry timers fire.
    network.down = false;
    await env.admin.clearFaults();
    for (let i = 0; i < 5 && (await core.status.get()).pendingRevocations.length > 0; i++) {
      await scheduler.advance(60_000);
      await new Promise((r) => setTimeout(r, 100));
    }
    expect((await core.status.get()).pendingRevocations).toEqual([]);
    expect((await env.admin.grants()).grants.every((g) => g.status === 'revoked')).toBe(true);
  });

  it('resumes a queued revocation in the next run (restart)', async () => {
    const network = { down: true };
    const fetchThroughNetwork: typeof fetch = (input, init) =>
      network.down ? Promise.reject(new TypeError('fetch failed')) : globalThis.fetch(input, init);
    network.down = false;
    const first = await open({ fetch: fetchThroughNetwork, scheduler: createManualClock() });
    const account = await first.core.accounts.connect({ provider: 'google' });
    network.down = true;
    expect((await first.core.accounts.disconnect({ accountId: account.id })).revocation).toBe('queued');
    await first.core.close();
    network.down = false;
    const second = await open({ store: first.store });
    for (let i = 0; i < 50 && (await second.core.status.get()).pendingRevocations.length > 0; i++) await new Promise((r) => setTimeout(r, 50));
    expect((await second.core.status.get()).pendingRevocations).toEqual([]);
    expect((await env.admin.grants({ provider: 'google' })).grants.every((g) => g.status === 'revoked')).toBe(true);
  });
});
