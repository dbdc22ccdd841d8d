import { describe, expect, it } from 'vitest';
import { KithError } from '../../../src-contract/kith-api';
import type { TokenSet } from '../providers/provider';
import { identity } from '../testing/fake-login';
import { createTestCore } from '../testing/test-core';

async function connectedGoogle(expiresInMs = 10 * 60_000) {
  const t = createTestCore();
  const tokens = t.google.issueTokens({ expiresInMs });
  t.login.queue.push({ tokens, identity: identity('g-1') });
  const account = await t.core.accounts.connect({ provider: 'google' });
  return { t, account, tokens };
}


describe('access tokens for provider calls', () => {
  it('uses the stored access token while it is far from expiry', async () => {
    const { t, account } = await connectedGoogle();
    await t.core.sync.run({ accountId: account.id });
    expect(t.google.calls.refresh).toBe(0);
  });

  it('refreshes ahead of expiry (5 minutes before) and the sync uses the new token', async () => {
    const { t, account } = await connectedGoogle(10 * 60_000);
    await t.clock.advance(5 * 60_000 + 1);
    await t.core.sync.run({ accountId: account.id });
    expect(t.google.calls.refresh).toBe(1);
    expect(t.google.calls.list.at(-1)!.accessToken).toBe(t.vault.entries.get(account.id)!.accessToken);
  });

  it('runs one refresh however many callers ask at once', async () => {
    const { t, account } = await connectedGoogle(1_000);
    await t.clock.advance(2_000);
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const base = t.google.refreshImpl;
    t.google.refreshImpl = async (tokens) => {
      await gate;
      return base(tokens);
    };
    // Twenty syncs of the same account share one run; mix in direct readers through the sync of other callers.
    const runs = Array.from({ length: 20 }, () => t.core.sync.run({ accountId: account.id }));
    const all = t.core.sync.run({});
    await new Promise((r) => setImmediate(r));
    release();
    const results = await Promise.all([...runs, all]);
    expect(results.flat().every((r) => r.ok)).toBe(true);
    expect(t.google.calls.refresh).toBe(1);
  });

  it('saves a rotated refresh token before the new access token is used, and keeps only the newest', async () => {
    const { t, account, tokens } = await connectedGoogle(1_000);
    await t.clock.advance(2_000);
    t.google.refreshImpl = async (old: TokenSet) => ({ ...old, accessToken: 'access-rotated', refreshToken: 'refresh-rotated', accessTokenExpiresAt: t.clock.now() + 3_600_000 });
    const putsBefore = t.vault.puts.length;
    t.google.acceptedAccessTokens = new Set(['access-rotated']);
    const listCountAtPut: number[] = [];
    const put = t.vault.put.bind(t.vault);
    t.vault.put = async (id, set) => {
      listCountAtPut.push(t.google.calls.list.length);
      return put(id, set);
    };
    const [result] = await t.core.sync.run({ accountId: account.id });
    expect(result!.ok).toBe(true);
    expect(t.vault.puts.length).toBe(putsBefore + 1);
    expect(listCountAtPut).toEqual([0]);
    expect(t.vault.entries.get(account.id)).toMatchObject({ accessToken: 'access-rotated', refreshToken: 'refresh-rotated' });
    // The superseded refresh token is dropped, never revoked (Google would end the whole grant).
    expect(t.google.calls.revoke).toEqual([]);
    expect(JSON.stringify([...t.vault.entries.values()])).not.toContain(tokens.refreshToken!);
  });

  it('keeps the stored refresh token when the refresh answer has none', async () => {
    const { t, account, tokens } = await connectedGoogle(1_000);
    await t.clock.advance(2_000);
    await t.core.sync.run({ accountId: account.id });
    expect(t.vault.entries.get(account.id)!.refreshToken).toBe(tokens.refreshToken);
  });

  it('turns the account needs_reconnect on invalid_grant, and its friends stay readable', async () => {
    const { t, account } = await connectedGoogle(10 * 60_000);
    t.google.upsert({ personId: 'p1', name: 'Zed', email: null, phone: null, avatarUrl: null });
    await t.core.sync.run({ accountId: account.id });
    await t.clock.advance(6 * 60_000);
    t.google.refreshImpl = async () => {
      throw new KithError('E_GRANT_REVOKED', 'The grant was revoked.');
    };
    const [result] = await t.core.sync.run({ accountId: account.id });
    expect(result).toMatchObject({ ok: false, error: { code: 'E_GRANT_REVOKED' } });
    expect((await t.core.accounts.list())[0]).toMatchObject({ status: 'needs_reconnect', statusError: { code: 'E_GRANT_REVOKED' }, friendCount: 1 });
    expect((await t.core.friends.list({ accountId: account.id })).items.map((f) => f.name)).toEqual(['Zed']);
    // Later calls fail fast without asking the provider again.
    const [again] = await t.core.sync.run({ accountId: account.id });
    expect(again!.error?.code).toBe('E_NEEDS_RECONNECT');
    expect(t.google.calls.refresh).toBe(1);
  });

  it('goes on using a still-valid token when the refresh cannot reach the provider', async () => {
    const { t, account, tokens } = await connectedGoogle(10 * 60_000);
    await t.clock.advance(6 * 60_000);
    t.google.refreshImpl = async () => {
      throw new KithError('E_OFFLINE', 'offline');
    };
    const [result] = await t.core.sync.run({ accountId: account.id });
    expect(result!.ok).toBe(true);
    expect(t.google.calls.list.at(-1)!.accessToken).toBe(tokens.accessToken);
    expect((await t.core.accounts.list())[0]!.status).toBe('active');
  });

  it('turns a Facebook account needs_reconnect when its token has expired, without calling the provider', async () => {
    const t = createTestCore();
    t.login.queue.push({ tokens: t.facebook.issueTokens({ expiresInMs: 1_000 }), identity: identity('f-1') });
    const account = await t.core.accounts.connect({ provider: 'facebook' });
    await t.clock.advance(2_000);
    const [result] = await t.core.sync.run({ accountId: account.id });
    expect(result!.error?.code).toBe('E_NEEDS_RECONNECT');
    expect(t.facebook.calls.list).toHaveLength(0);
    expect((await t.core.accounts.list())[0]!.status).toBe('needs_reconnect');
  });
});
