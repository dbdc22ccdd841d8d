// tokens.* through the contract, as the "Script access" page and `kith token` use them.
import { describe, expect, it } from 'vitest';
import { identity } from '../testing/fake-login';
import { createTestCore } from '../testing/test-core';

const DAY = 86_400_000;

async function connected() {
  const t = createTestCore();
  t.login.queue.push({ tokens: t.google.issueTokens(), identity: identity('g') });
  t.login.queue.push({ tokens: t.facebook.issueTokens(), identity: identity('f') });
  const google = await t.core.accounts.connect({ provider: 'google' });
  const facebook = await t.core.accounts.connect({ provider: 'facebook' });
  return { t, google, facebook };
}

describe('script access tokens', () => {
  it('shows the secret in the create answer only, and lists the token with its settings', async () => {
    const { t, google } = await connected();
    const now = t.clock.now();
    const issued = await t.core.tokens.create({ name: 'backup', abilities: ['friends:read'], accountIds: [google.id], expiresAt: now + 30 * DAY });
    expect(issued.secret).toMatch(/^kith_p_/);
    expect(issued.token).toMatchObject({ name: 'backup', abilities: ['friends:read'], accountIds: [google.id], expiresAt: now + 30 * DAY, lastUsedAt: null, requestCount: 0 });
    const listed = await t.core.tokens.list();
    expect(listed).toEqual([issued.token]);
    expect(JSON.stringify(listed)).not.toContain(issued.secret);
    await t.core.close();
  });

  it('refuses an expiry in the past or over a year away, and an account Kith does not hold', async () => {
    const { t } = await connected();
    const now = t.clock.now();
    await expect(t.core.tokens.create({ name: 'x', abilities: ['friends:read'], expiresAt: now - 1 })).rejects.toMatchObject({ code: 'E_INVALID_INPUT' });
    await expect(t.core.tokens.create({ name: 'x', abilities: ['friends:read'], expiresAt: now + 367 * DAY })).rejects.toMatchObject({ code: 'E_INVALID_INPUT' });
    await expect(t.core.tokens.create({ name: 'x', abilities: ['friends:read'], accountIds: ['acc_nobodyhere'], expiresAt: now + DAY })).rejects.toMatchObject({
      code: 'E_UNKNOWN_ACCOUNT',
    });
    expect(await t.core.tokens.list()).toEqual([]);
    await t.core.close();
  });

  it("answers a token's requests newest first, by status class, and counts them in the list", async () => {
    const { t } = await connected();
    const { token } = await t.core.tokens.create({ name: 'log', abilities: ['friends:read'], expiresAt: t.clock.now() + DAY });
    const t0 = t.clock.now();
    const request = (at: number, status: number) => ({ at: t0 + at, tokenId: token.id, method: 'GET', path: '/api/v1/friends?limit=5&token=kith_p_x', status, durationMs: 2, bytes: 10 });
    t.assembled.accessLog.record(request(1, 200));
    t.assembled.accessLog.record(request(2, 429));
    await t.assembled.accessLog.flush();
    t.assembled.accessLog.record(request(3, 200));
    expect((await t.core.tokens.log({ tokenId: token.id })).entries.map((e) => [e.at - t0, e.status])).toEqual([
      [3, 200],
      [2, 429],
      [1, 200],
    ]);
    const refused = await t.core.tokens.log({ tokenId: token.id, status: '4xx' });
    expect(refused.entries).toEqual([{ at: t0 + 2, method: 'GET', path: '/api/v1/friends?limit=5&token=redacted', status: 429, durationMs: 2, bytes: 10 }]);
    expect((await t.core.tokens.list())[0]!.requestCount).toBe(3);
    await t.core.close();
  });

  it('regenerates a new secret for the same token, and revokes it', async () => {
    const { t } = await connected();
    const issued = await t.core.tokens.create({ name: 'report', abilities: ['accounts:read', 'friends:read'], expiresAt: t.clock.now() + 7 * DAY });
    await t.clock.advance(DAY);
    const again = await t.core.tokens.regenerate({ tokenId: issued.token.id });
    expect(again.secret).not.toBe(issued.secret);
    expect(again.token).toMatchObject({ id: issued.token.id, name: 'report', abilities: ['accounts:read', 'friends:read'], expiresAt: t.clock.now() + 7 * DAY });
    await t.core.tokens.revoke({ tokenId: issued.token.id });
    expect(await t.core.tokens.list()).toEqual([]);
    await expect(t.core.tokens.revoke({ tokenId: issued.token.id })).rejects.toMatchObject({ code: 'E_INVALID_INPUT' });
    await expect(t.core.tokens.regenerate({ tokenId: issued.token.id })).rejects.toMatchObject({ code: 'E_INVALID_INPUT' });
    await t.core.close();
  });

  it('drops an account from the tokens limited to it when it is disconnected, and revokes one that had only it', async () => {
    const { t, google, facebook } = await connected();
    const expiresAt = t.clock.now() + DAY;
    const onlyGoogle = await t.core.tokens.create({ name: 'g', abilities: ['friends:read'], accountIds: [google.id], expiresAt });
    const both = await t.core.tokens.create({ name: 'gf', abilities: ['friends:read'], accountIds: [google.id, facebook.id], expiresAt });
    const every = await t.core.tokens.create({ name: 'all', abilities: ['friends:read'], expiresAt });
    await t.core.accounts.disconnect({ accountId: google.id });
    const left = await t.core.tokens.list();
    expect(left.map((x) => [x.id, x.accountIds])).toEqual([
      [both.token.id, [facebook.id]],
      [every.token.id, null],
    ]);
    expect(left.map((x) => x.id)).not.toContain(onlyGoogle.token.id);
    await t.core.close();
  });
});
