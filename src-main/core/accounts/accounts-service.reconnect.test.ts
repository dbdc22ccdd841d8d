// Reconnecting an account and asking again for a permission: who the provider
// is told to expect, what happens when someone else signs in, and what Kith
// says about a permission the person did not share.
import { describe, expect, it, vi } from 'vitest';
import { KithError } from '../../../src-contract/kith-api';
import { identity } from '../testing/fake-login';
import { person } from '../testing/fake-provider';
import { createTestCore, type TestCore } from '../testing/test-core';
import { HELD_SIGN_IN_MS } from './held-sign-ins';

const CONTACTS = 'https://www.googleapis.com/auth/contacts.readonly';
const turns = async () => {
  for (let i = 0; i < 10; i++) await new Promise((resolve) => setImmediate(resolve));
};

async function withAlan(t: TestCore) {
  t.login.queue.push({ tokens: t.google.issueTokens(), identity: identity('alan', 'Alan Turing') });
  return t.core.accounts.connect({ provider: 'google' });
}

describe('reconnecting an account', () => {
  it('hints the account\'s person to the provider and updates that account', async () => {
    const t = createTestCore();
    const alan = await withAlan(t);
    const fresh = t.google.issueTokens();
    t.login.queue.push({ tokens: fresh, identity: identity('alan', 'Alan Turing') });
    const result = await t.core.accounts.reconnect({ accountId: alan.id });
    expect(result).toMatchObject({ outcome: 'connected', account: { id: alan.id, status: 'active' } });
    expect(t.login.requests.at(-1)).toEqual({ provider: 'google', loginHint: 'alan', permission: undefined });
    expect(t.vault.entries.get(alan.id)?.accessToken).toBe(fresh.accessToken);
  });

  it('holds someone else\'s sign-in without touching the account or adding one, and says who came', async () => {
    const t = createTestCore();
    const ended: string[] = [];
    t.core.events.on('loginEnded', (e) => ended.push(e.outcome));
    const alan = await withAlan(t);
    const before = t.vault.entries.get(alan.id);
    t.login.queue.push({ tokens: t.google.issueTokens(), identity: identity('ada', 'Ada Lovelace') });
    const result = await t.core.accounts.reconnect({ accountId: alan.id });
    expect(result).toMatchObject({
      outcome: 'other_person',
      provider: 'google',
      expected: { accountId: alan.id, displayName: 'Alan Turing' },
      signedIn: { displayName: 'Ada Lovelace', email: 'ada@example.test' },
      expiresAt: t.clock.now() + HELD_SIGN_IN_MS,
    });
    expect(JSON.stringify(result)).not.toMatch(/google-(access|refresh)/);
    expect(await t.core.accounts.list()).toMatchObject([{ id: alan.id, displayName: 'Alan Turing' }]);
    expect(t.vault.entries.get(alan.id)).toEqual(before);
    expect(ended.at(-1)).toBe('other_person');
  });

  it('adds the other person as a new account when asked to', async () => {
    const t = createTestCore();
    const alan = await withAlan(t);
    const adaTokens = t.google.issueTokens();
    t.login.queue.push({ tokens: adaTokens, identity: identity('ada', 'Ada Lovelace') });
    const result = await t.core.accounts.reconnect({ accountId: alan.id });
    if (result.outcome !== 'other_person') throw new Error('expected other_person');
    const ada = await t.core.accounts.resolveOtherPerson({ choiceId: result.choiceId, choice: 'add' });
    expect(ada).toMatchObject({ displayName: 'Ada Lovelace', status: 'active' });
    expect((await t.core.accounts.list()).map((a) => a.displayName)).toEqual(['Alan Turing', 'Ada Lovelace']);
    expect(t.vault.entries.get(ada!.id)?.accessToken).toBe(adaTokens.accessToken);
    expect(t.google.calls.revoke).toEqual([]);
    // Answered once only.
    await expect(t.core.accounts.resolveOtherPerson({ choiceId: result.choiceId, choice: 'add' })).rejects.toMatchObject({ code: 'E_UNKNOWN_ACCOUNT' });
  });

  it('revokes the other person\'s new grant when the sign-in is discarded, on a new attempt, or after the deadline', async () => {
    const t = createTestCore();
    const alan = await withAlan(t);
    const other = () => {
      const tokens = t.google.issueTokens();
      t.login.queue.push({ tokens, identity: identity('ada', 'Ada Lovelace') });
      return tokens;
    };

    const discarded = other();
    const first = await t.core.accounts.reconnect({ accountId: alan.id });
    if (first.outcome !== 'other_person') throw new Error('expected other_person');
    await expect(t.core.accounts.resolveOtherPerson({ choiceId: first.choiceId, choice: 'discard' })).resolves.toBeNull();
    await vi.waitFor(() => expect(t.google.calls.revoke.map((r) => r.accessToken)).toEqual([discarded.accessToken]));

    // "Try again": a new sign-in gives up the one still held.
    const replaced = other();
    await t.core.accounts.reconnect({ accountId: alan.id });
    t.login.queue.push({ tokens: t.google.issueTokens(), identity: identity('alan', 'Alan Turing') });
    await expect(t.core.accounts.reconnect({ accountId: alan.id })).resolves.toMatchObject({ outcome: 'connected', account: { id: alan.id } });
    await vi.waitFor(() => expect(t.google.calls.revoke.map((r) => r.accessToken)).toEqual([discarded.accessToken, replaced.accessToken]));

    const expired = other();
    const third = await t.core.accounts.reconnect({ accountId: alan.id });
    if (third.outcome !== 'other_person') throw new Error('expected other_person');
    await t.clock.advance(HELD_SIGN_IN_MS);
    await vi.waitFor(() => expect(t.google.calls.revoke.map((r) => r.accessToken)).toContain(expired.accessToken));
    await expect(t.core.accounts.resolveOtherPerson({ choiceId: third.choiceId, choice: 'add' })).rejects.toMatchObject({ code: 'E_UNKNOWN_ACCOUNT' });
    expect(await t.core.accounts.list()).toHaveLength(1);
  });

  it('only drops the other person\'s tokens when Kith already holds their account: revoking would end it (one grant)', async () => {
    const t = createTestCore();
    const alan = await withAlan(t);
    t.login.queue.push({ tokens: t.google.issueTokens(), identity: identity('ada', 'Ada Lovelace') });
    const ada = await t.core.accounts.connect({ provider: 'google' });
    t.login.queue.push({ tokens: t.google.issueTokens(), identity: identity('ada', 'Ada Lovelace') });
    const result = await t.core.accounts.reconnect({ accountId: alan.id });
    if (result.outcome !== 'other_person') throw new Error('expected other_person');
    await t.core.accounts.resolveOtherPerson({ choiceId: result.choiceId, choice: 'discard' });
    await turns();
    expect(t.google.calls.revoke).toEqual([]);
    expect(await t.core.accounts.list()).toMatchObject([{ id: alan.id }, { id: ada.id, status: 'active' }]);
  });

  it('discards a held sign-in when the core closes, its revocation queued first', async () => {
    const t = createTestCore();
    const alan = await withAlan(t);
    t.google.revokeImpl = () => Promise.reject(new KithError('E_OFFLINE', 'Google cannot be reached.'));
    t.login.queue.push({ tokens: t.google.issueTokens(), identity: identity('ada', 'Ada Lovelace') });
    await t.core.accounts.reconnect({ accountId: alan.id });
    await t.assembled.close();
    const again = await t.restart();
    expect((await again.core.status.get({})).pendingRevocations).toMatchObject([{ provider: 'google', accountLabel: 'ada@example.test' }]);
  });

  it('rejects an unknown account with E_UNKNOWN_ACCOUNT before any sign-in starts', async () => {
    const t = createTestCore();
    await expect(t.core.accounts.reconnect({ accountId: 'acc_missing1' })).rejects.toMatchObject({ code: 'E_UNKNOWN_ACCOUNT' });
    expect(t.login.started).toBe(0);
  });
});

describe('a permission the person did not share', () => {
  it('shows as missing, and the sync skips the account without failing or touching the cache', async () => {
    const t = createTestCore();
    t.google.upsert(person('p1', 'Grace'));
    t.login.queue.push({ tokens: t.google.issueTokens({ scopes: ['openid', 'email'] }), identity: identity('alan', 'Alan Turing') });
    const alan = await t.core.accounts.connect({ provider: 'google' });
    expect(alan).toMatchObject({ status: 'active', missingPermissions: ['friends'] });
    const [result] = await t.core.sync.run({ accountId: alan.id });
    expect(result).toMatchObject({ ok: true, mode: null, error: null, friendCount: 0 });
    expect(t.google.calls.list).toEqual([]);
    expect((await t.core.accounts.list())[0]).toMatchObject({ lastSyncError: null, status: 'active' });
  });

  it('asks again for just that permission, for the same person, and syncs once it is granted', async () => {
    const t = createTestCore();
    t.google.upsert(person('p1', 'Grace'));
    t.login.queue.push({ tokens: t.google.issueTokens({ scopes: ['openid', 'email'] }), identity: identity('alan', 'Alan Turing') });
    const alan = await t.core.accounts.connect({ provider: 'google' });
    t.login.queue.push({ tokens: t.google.issueTokens({ scopes: ['openid', 'email', CONTACTS] }), identity: identity('alan', 'Alan Turing') });
    const result = await t.core.accounts.requestPermission({ accountId: alan.id, permission: 'friends' });
    expect(t.login.requests.at(-1)).toEqual({ provider: 'google', loginHint: 'alan', permission: 'friends' });
    expect(result).toMatchObject({ outcome: 'connected', account: { id: alan.id, missingPermissions: [] } });
    const [synced] = await t.core.sync.run({ accountId: alan.id });
    expect(synced).toMatchObject({ ok: true, mode: 'full', friendCount: 1 });
  });

  it('reads Facebook\'s declined user_friends the same way', async () => {
    const t = createTestCore();
    t.login.queue.push({ tokens: t.facebook.issueTokens({ scopes: ['openid', 'public_profile'] }), identity: identity('kofi', 'Kofi Mensah') });
    const kofi = await t.core.accounts.connect({ provider: 'facebook' });
    expect(kofi.missingPermissions).toEqual(['friends']);
    expect((await t.core.sync.run({ accountId: kofi.id }))[0]).toMatchObject({ ok: true, mode: null });
    expect(t.facebook.calls.list).toEqual([]);
  });

  it('takes a permission withdrawn since as not granted when the provider refuses the listing for it', async () => {
    const { PermissionNotGranted } = await import('../providers/permission-scopes');
    const t = createTestCore();
    const alan = await withAlan(t);
    t.google.listFailure = { error: new PermissionNotGranted('friends'), afterBatches: 0 };
    const [result] = await t.core.sync.run({ accountId: alan.id });
    expect(result).toMatchObject({ ok: true, mode: null, error: null });
    expect((await t.core.accounts.list())[0]).toMatchObject({ missingPermissions: ['friends'], lastSyncError: null, status: 'active' });
  });
});
