import { describe, expect, it } from 'vitest';
import { KithError } from '../../../src-contract/kith-api';
import { identity } from '../testing/fake-login';
import { person } from '../testing/fake-provider';
import { createTestCore } from '../testing/test-core';

async function everything() {
  const t = createTestCore();
  t.google.upsert(person('p1', 'Ann'));
  t.facebook.upsert(person('f1', 'Fay'));
  t.facebook.upsert(person('f2', 'Fen'));
  const googleTokens = t.google.issueTokens();
  t.login.queue.push({ tokens: googleTokens, identity: identity('google-1') });
  const google = await t.core.accounts.connect({ provider: 'google' });
  t.login.queue.push({ tokens: t.facebook.issueTokens(), identity: identity('facebook-1') });
  const facebook = await t.core.accounts.connect({ provider: 'facebook' });
  await t.core.sync.run({});
  const script = await t.accessTokens.issue({ type: 'personal', name: 'backup', abilities: ['friends:read'] });
  const session = await t.accessTokens.issue({ type: 'session', name: 'browser', abilities: ['app'] });
  return { t, google, facebook, googleTokens, script, session };
}

describe('disconnect everywhere', () => {
  it('lists every grant, cache, script token and session before anything ends', async () => {
    const { t, google, facebook } = await everything();
    expect(await t.core.accounts.planDisconnectEverywhere()).toEqual({
      accounts: [
        { accountId: google.id, provider: 'google', displayName: google.displayName, email: google.email, cachedFriends: 1 },
        { accountId: facebook.id, provider: 'facebook', displayName: facebook.displayName, email: facebook.email, cachedFriends: 2 },
      ],
      scriptTokens: [{ name: 'backup', expiresAt: expect.any(Number) }],
      sessions: 1,
    });
    expect(await t.core.accounts.list()).toHaveLength(2);
    expect(t.google.calls.revoke).toEqual([]);
  });

  it('ends everything here at once, revokes every grant, and answers a receipt that lists it all', async () => {
    const { t, google, facebook, script, session } = await everything();
    const receipt = await t.core.accounts.disconnectEverywhere();
    expect(receipt).toMatchObject({
      scope: 'everywhere',
      settled: true,
      scriptTokensEnded: ['backup'],
      sessionsEnded: 1,
      accounts: [
        { accountId: google.id, deleted: { tokens: true, cachedFriends: 1 }, revocation: { state: 'confirmed' } },
        { accountId: facebook.id, deleted: { tokens: true, cachedFriends: 2 }, revocation: { state: 'confirmed' } },
      ],
    });
    expect(await t.core.accounts.list()).toEqual([]);
    expect(t.vault.entries.size).toBe(0);
    expect((await t.core.friends.list({})).total).toBe(0);
    expect(t.google.calls.revoke).toHaveLength(1);
    expect(t.facebook.calls.revoke).toHaveLength(1);
    await expect(t.accessTokens.verify(script.token, 'friends:read')).rejects.toMatchObject({ code: 'E_UNAUTHORIZED' });
    await expect(t.accessTokens.verify(session.token, 'app')).rejects.toMatchObject({ code: 'E_UNAUTHORIZED' });
    expect(await t.core.history.list()).toEqual([receipt]);
  });

  it('never waits on an unreachable provider: the rest goes, and the receipt confirms the queued grant when it lands', async () => {
    const { t, googleTokens } = await everything();
    t.google.revokeImpl = () => Promise.reject(new KithError('E_OFFLINE', 'Google cannot be reached.'));
    const receipt = await t.core.accounts.disconnectEverywhere();
    expect(receipt.settled).toBe(false);
    expect(receipt.accounts.map((a) => a.revocation.state)).toEqual(['pending', 'confirmed']);
    expect(await t.core.accounts.list()).toEqual([]);
    expect(t.store.allText()).not.toContain(googleTokens.refreshToken!);
    t.google.revokeImpl = async () => {};
    await t.clock.advance(5_000);
    expect(await t.core.history.list()).toMatchObject([{ id: receipt.id, settled: true, accounts: [{ revocation: { state: 'confirmed' } }, { revocation: { state: 'confirmed' } }] }]);
  });
});
