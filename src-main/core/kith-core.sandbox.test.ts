// The real core against the sandbox providers over real HTTP.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AccountSummarySchema, DisconnectResultSchema, FriendPageSchema, KithStatusSchema, SyncResultSchema } from '../../src-preload/api';
import { createSandboxCore, startKithSandbox, type KithSandbox, type SandboxCore } from './testing/sandbox-core';

let env: KithSandbox;
let kith: SandboxCore | null = null;

beforeAll(async () => {
  env = await startKithSandbox({ autoConsent: false });
});
afterAll(async () => {
  await env.sandbox.close();
});
beforeEach(async () => {
  await env.admin.reset();
});
afterEach(async () => {
  await kith?.core.close();
  kith = null;
});

async function open() {
  kith = await createSandboxCore(env);
  return kith;
}

describe('the core against the sandbox', () => {
  it('connects Google, syncs its contacts, searches them, and disconnects with the grant revoked', async () => {
    const { core, store } = await open();
    const account = AccountSummarySchema.parse(await core.accounts.connect({ provider: 'google' }));
    expect(account).toMatchObject({ provider: 'google', status: 'active' });
    const [result] = await core.sync.run({ accountId: account.id });
    expect(SyncResultSchema.parse(result)).toMatchObject({ ok: true, mode: 'full' });
    expect(result!.friendCount).toBeGreaterThan(0);
    const page = FriendPageSchema.parse(await core.friends.list({ accountId: account.id, limit: 5 }));
    expect(page.total).toBe(result!.friendCount);
    const issued = await env.admin.tokens({ provider: 'google' });
    const disk = [...store.files.values()].join('\n');
    for (const token of issued) expect(disk).not.toContain(token.value);
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
