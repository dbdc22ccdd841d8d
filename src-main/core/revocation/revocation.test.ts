import { describe, expect, it } from 'vitest';
import { DisconnectResultSchema, KithError, KithStatusSchema, type PendingRevocation } from '../../../src-contract/kith-api';
import { identity } from '../testing/fake-login';
import { person } from '../testing/fake-provider';
import { createTestCore } from '../testing/test-core';

async function connected(provider: 'google' | 'facebook' = 'google') {
  const t = createTestCore();
  const fake = provider === 'google' ? t.google : t.facebook;
  fake.upsert(person('p1', 'Ann'));
  const tokens = fake.issueTokens();
  t.login.queue.push({ tokens, identity: identity(`${provider}-1`) });
  const account = await t.core.accounts.connect({ provider });
  await t.core.sync.run({ accountId: account.id });
  return { t, account, tokens, fake };
}

const offline = () => Promise.reject(new KithError('E_OFFLINE', 'Google could not be reached.'));

describe('disconnect', () => {
  it('removes the account, its friends and its tokens at once, then revokes at the provider', async () => {
    const { t, account, tokens } = await connected();
    const result = await t.core.accounts.disconnect({ accountId: account.id });
    expect(result).toEqual({ accountId: account.id, revocation: 'revoked' });
    expect(t.google.calls.revoke).toEqual([expect.objectContaining({ accessToken: tokens.accessToken, refreshToken: tokens.refreshToken })]);
    expect(await t.core.accounts.list()).toEqual([]);
    expect(t.vault.entries.size).toBe(0);
    expect((await t.core.friends.list({})).total).toBe(0);
    expect(t.store.names().filter((k) => k.startsWith('friends-'))).toEqual([]);
    expect((await t.core.status.get()).pendingRevocations).toEqual([]);
  });

  it('queues the revocation when the provider is offline, sealed, and retries with backoff until it succeeds', async () => {
    const { t, account, tokens } = await connected();
    t.google.revokeImpl = offline;
    const changes: PendingRevocation[][] = [];
    t.core.events.on('revocationsChanged', (list) => changes.push(list));
    const result = await t.core.accounts.disconnect({ accountId: account.id });
    expect(result.revocation).toBe('queued');
    // Gone locally at once, whatever the network says.
    expect(await t.core.accounts.list()).toEqual([]);
    expect(t.vault.entries.size).toBe(0);
    const status = KithStatusSchema.parse(await t.core.status.get());
    expect(status.online).toBe(false);
    expect(status.pendingRevocations).toEqual([
      expect.objectContaining({ provider: 'google', accountLabel: 'google-1@example.test', attempts: 1, nextAttemptAt: t.clock.now() + 5_000 }),
    ]);
    const disk = t.store.allText();
    expect(disk).not.toContain(tokens.accessToken);
    expect(disk).not.toContain(tokens.refreshToken!);
    expect(JSON.stringify(changes)).not.toContain(tokens.refreshToken!);
    // 5 s, then 10 s: still offline.
    await t.clock.advance(5_000);
    await t.clock.advance(10_000);
    expect(t.google.calls.revoke).toHaveLength(3);
    expect((await t.core.status.get()).pendingRevocations[0]).toMatchObject({ attempts: 3, nextAttemptAt: t.clock.now() + 20_000 });
    t.google.revokeImpl = async () => {};
    await t.clock.advance(20_000);
    expect(t.google.calls.revoke).toHaveLength(4);
    expect((await t.core.status.get()).pendingRevocations).toEqual([]);
    expect((await t.core.status.get()).online).toBe(true);
    expect(changes.at(-1)).toEqual([]);
  });

  it('resumes queued revocations after a restart', async () => {
    const { t, account, tokens } = await connected();
    t.google.revokeImpl = offline;
    await t.core.accounts.disconnect({ accountId: account.id });
    await t.core.close();
    t.google.revokeImpl = async () => {};
    const again = await t.restart();
    expect((await again.core.status.get()).pendingRevocations).toHaveLength(1);
    again.core.start();
    await again.clock.advance(0);
    expect(again.google.calls.revoke.at(-1)).toMatchObject({ refreshToken: tokens.refreshToken });
    expect((await again.core.status.get()).pendingRevocations).toEqual([]);
  });

  it('retries at once when connectivity returns', async () => {
    const { t, account } = await connected();
    t.google.revokeImpl = offline;
    await t.core.accounts.disconnect({ accountId: account.id });
    t.google.revokeImpl = async () => {};
    // Another account's successful provider call shows Kith is online again.
    t.login.queue.push({ tokens: t.facebook.issueTokens(), identity: identity('fb') });
    const fb = await t.core.accounts.connect({ provider: 'facebook' });
    await t.core.sync.run({ accountId: fb.id });
    await t.clock.advance(0);
    expect((await t.core.status.get()).pendingRevocations).toEqual([]);
    expect(t.google.calls.revoke).toHaveLength(2);
  });

  it('counts an "already revoked / unknown token" answer as done', async () => {
    const { t, account } = await connected('facebook');
    t.facebook.revokeImpl = () => Promise.reject(new KithError('E_GRANT_REVOKED', 'Token already invalid.'));
    expect((await t.core.accounts.disconnect({ accountId: account.id })).revocation).toBe('revoked');
    expect((await t.core.status.get()).pendingRevocations).toEqual([]);
  });

  it('never waits on a hanging provider longer than its bound', async () => {
    const t = createTestCore({ disconnectWaitMs: 3_000 });
    t.login.queue.push({ tokens: t.google.issueTokens(), identity: identity('g') });
    const account = await t.core.accounts.connect({ provider: 'google' });
    let finish!: () => void;
    t.google.revokeImpl = () => new Promise<void>((resolve) => (finish = resolve));
    const pending = t.core.accounts.disconnect({ accountId: account.id });
    await t.clock.advance(3_000);
    expect(await pending).toMatchObject({ revocation: 'queued' });
    expect(await t.core.accounts.list()).toEqual([]);
    finish();
    await t.clock.advance(0);
    expect((await t.core.status.get()).pendingRevocations).toEqual([]);
  });

  it('forgets a queued revocation when the same person reconnects, so the new grant survives', async () => {
    const { t, account } = await connected();
    t.google.revokeImpl = offline;
    await t.core.accounts.disconnect({ accountId: account.id });
    t.login.queue.push({ tokens: t.google.issueTokens(), identity: identity('google-1') });
    await t.core.accounts.connect({ provider: 'google' });
    expect((await t.core.status.get()).pendingRevocations).toEqual([]);
    t.google.revokeImpl = async () => {};
    await t.clock.advance(60_000);
    expect(t.google.calls.revoke).toHaveLength(1);
  });

  it('lets a retry already on the wire land before the same person signs in again, so the new grant survives', async () => {
    const { t, account } = await connected();
    t.google.revokeImpl = offline;
    await t.core.accounts.disconnect({ accountId: account.id });
    // The retry goes out and hangs (a slow network, the provider client's own backoff).
    // Google ends the whole grant, new refresh tokens included, when a revocation lands.
    let land!: () => void;
    const loginsStartedWhenLanded: number[] = [];
    t.google.revokeImpl = () =>
      new Promise<void>((resolve) => {
        land = () => {
          loginsStartedWhenLanded.push(t.login.started);
          resolve();
        };
      });
    await t.clock.advance(5_000);
    expect(t.google.calls.revoke).toHaveLength(2);
    const fresh = t.google.issueTokens();
    t.login.queue.push({ tokens: fresh, identity: identity('google-1') });
    const reconnecting = t.core.accounts.connect({ provider: 'google' });
    await t.clock.advance(0);
    expect(t.login.started).toBe(1);
    land();
    const again = await reconnecting;
    // It landed before the second sign-in (and its code exchange) began.
    expect(loginsStartedWhenLanded).toEqual([1]);
    expect(t.login.started).toBe(2);
    t.google.revokeImpl = async () => {};
    await t.clock.advance(600_000);
    expect(t.google.calls.revoke).toHaveLength(2);
    expect(t.google.calls.revoke.map((r) => r.refreshToken)).not.toContain(fresh.refreshToken);
    expect(await t.vault.get(again.id)).toMatchObject({ accessToken: fresh.accessToken, refreshToken: fresh.refreshToken });
    expect((await t.core.status.get()).pendingRevocations).toEqual([]);
  });

  it('holds a revocation that falls due during a sign-in, and sends it once the sign-in ends without that person', async () => {
    const { t, account } = await connected();
    t.google.revokeImpl = offline;
    await t.core.accounts.disconnect({ accountId: account.id });
    t.login.queue.push({ hang: true });
    const signingIn = t.core.accounts.connect({ provider: 'google' });
    t.google.revokeImpl = async () => {};
    await t.clock.advance(0);
    expect(t.login.started).toBe(2);
    // The retry falls due mid sign-in: nothing goes to Google yet.
    await t.clock.advance(5_000);
    expect(t.google.calls.revoke).toHaveLength(1);
    void t.core.accounts.cancelConnect({});
    await expect(signingIn).rejects.toMatchObject({ code: 'E_LOGIN_CANCELLED' });
    await t.clock.advance(0);
    expect(t.google.calls.revoke).toHaveLength(2);
    expect((await t.core.status.get()).pendingRevocations).toEqual([]);
  });

  it('drops a revocation that fell due during the sign-in of the same person instead of sending it afterwards', async () => {
    const { t, account } = await connected();
    t.google.revokeImpl = offline;
    await t.core.accounts.disconnect({ accountId: account.id });
    t.google.revokeImpl = async () => {};
    const fresh = t.google.issueTokens();
    let consent!: () => void;
    t.login.queue.push({ later: new Promise((resolve) => (consent = () => resolve({ tokens: fresh, identity: identity('google-1') }))) });
    const reconnecting = t.core.accounts.connect({ provider: 'google' });
    await t.clock.advance(5_000);
    expect(t.google.calls.revoke).toHaveLength(1);
    consent();
    const again = await reconnecting;
    await t.clock.advance(600_000);
    expect(t.google.calls.revoke).toHaveLength(1);
    expect((await t.core.status.get()).pendingRevocations).toEqual([]);
    expect(await t.vault.get(again.id)).toMatchObject({ refreshToken: fresh.refreshToken });
  });

  it('never holds another provider\'s revocations while one provider\'s sign-in runs', async () => {
    const t = createTestCore({ disconnectWaitMs: 3_000 });
    t.login.queue.push({ tokens: t.google.issueTokens(), identity: identity('g') });
    const google = await t.core.accounts.connect({ provider: 'google' });
    t.login.queue.push({ tokens: t.facebook.issueTokens(), identity: identity('f1') });
    const fb1 = await t.core.accounts.connect({ provider: 'facebook' });
    t.login.queue.push({ tokens: t.facebook.issueTokens(), identity: identity('f2') });
    const fb2 = await t.core.accounts.connect({ provider: 'facebook' });
    // A Facebook revocation hanging on the wire does not delay a Google sign-in ...
    let finish!: () => void;
    t.facebook.revokeImpl = () => new Promise<void>((resolve) => (finish = resolve));
    const first = t.core.accounts.disconnect({ accountId: fb1.id });
    await t.clock.advance(3_000);
    expect(await first).toMatchObject({ revocation: 'queued' });
    t.login.queue.push({ hang: true });
    const signingIn = t.core.accounts.connect({ provider: 'google' });
    await t.clock.advance(0);
    expect(t.login.started).toBe(4);
    finish();
    // ... and Facebook's revocations go on while Google's are held.
    t.facebook.revokeImpl = async () => {};
    expect(await t.core.accounts.disconnect({ accountId: fb2.id })).toMatchObject({ revocation: 'revoked' });
    expect(t.facebook.calls.revoke).toHaveLength(2);
    // Google's own wait for the sign-in to end.
    const held = t.core.accounts.disconnect({ accountId: google.id });
    await t.clock.advance(3_000);
    expect(await held).toMatchObject({ revocation: 'queued' });
    expect(t.google.calls.revoke).toHaveLength(0);
    void t.core.accounts.cancelConnect({});
    await expect(signingIn).rejects.toMatchObject({ code: 'E_LOGIN_CANCELLED' });
    await t.clock.advance(0);
    expect(t.google.calls.revoke).toHaveLength(1);
    expect((await t.core.status.get()).pendingRevocations).toEqual([]);
  });

  it('still disconnects an account whose saved sign-in cannot be decrypted, and says Kith could not revoke', async () => {
    const { t, account } = await connected();
    expect((await t.core.friends.list({})).total).toBe(1);
    // The key changed, the keyring is gone, or the entry is damaged.
    t.vault.get = () => Promise.reject(new KithError('E_STORAGE', 'Kith could not decrypt the saved sign-in.'));
    const result = await t.core.accounts.disconnect({ accountId: account.id });
    expect(DisconnectResultSchema.parse(result)).toEqual({ accountId: account.id, revocation: 'not_possible' });
    expect(await t.core.accounts.list()).toEqual([]);
    expect(t.vault.entries.size).toBe(0);
    expect((await t.core.friends.list({})).total).toBe(0);
    expect(t.store.names().filter((k) => k.startsWith('friends-'))).toEqual([]);
    expect(t.google.calls.revoke).toEqual([]);
    expect((await t.core.status.get()).pendingRevocations).toEqual([]);
  });

  it('does not claim a revocation when the account had no tokens stored at all', async () => {
    const { t, account } = await connected('facebook');
    t.vault.entries.clear();
    expect(await t.core.accounts.disconnect({ accountId: account.id })).toEqual({ accountId: account.id, revocation: 'not_possible' });
    expect(await t.core.accounts.list()).toEqual([]);
    expect(t.facebook.calls.revoke).toEqual([]);
  });

  it('keeps the account when the vault fails for another reason than unreadable data', async () => {
    const { t, account } = await connected();
    t.vault.get = () => Promise.reject(new KithError('E_INTERNAL', 'Something else broke.'));
    await expect(t.core.accounts.disconnect({ accountId: account.id })).rejects.toMatchObject({ code: 'E_INTERNAL' });
    expect(await t.core.accounts.list()).toHaveLength(1);
  });

  it('answers E_UNKNOWN_ACCOUNT for an account it does not hold', async () => {
    const t = createTestCore();
    await expect(t.core.accounts.disconnect({ accountId: 'acc_nothere00' })).rejects.toMatchObject({ code: 'E_UNKNOWN_ACCOUNT' });
  });

  it('stops its retry timers on close', async () => {
    const { t, account } = await connected();
    t.google.revokeImpl = offline;
    await t.core.accounts.disconnect({ accountId: account.id });
    expect(t.clock.pendingTimers()).toHaveLength(1);
    await t.core.close();
    expect(t.clock.pendingTimers()).toHaveLength(0);
  });
});

describe('two processes on one data folder (the CLI beside kith serve)', () => {
  it('neither loses the other\'s accounts or queued revocations', async () => {
    const a = createTestCore();
    const b = await a.restart();
    a.login.queue.push({ tokens: a.google.issueTokens(), identity: identity('one') });
    const one = await a.core.accounts.connect({ provider: 'google' });
    a.login.queue.push({ tokens: a.google.issueTokens(), identity: identity('two') });
    const two = await b.core.accounts.connect({ provider: 'google' });
    expect((await a.core.accounts.list()).map((x) => x.id)).toEqual([one.id, two.id]);
    a.google.revokeImpl = offline;
    await a.core.accounts.disconnect({ accountId: one.id });
    await b.core.accounts.disconnect({ accountId: two.id });
    expect((await a.core.status.get()).pendingRevocations).toHaveLength(2);
    expect(await b.core.accounts.list()).toEqual([]);
  });
});

describe('friends seen from another process', () => {
  it('a process serving friends picks up a sync another process made', async () => {
    const a = createTestCore();
    const b = await a.restart();
    a.google.upsert(person('p1', 'Ann'));
    a.login.queue.push({ tokens: a.google.issueTokens(), identity: identity('one') });
    const account = await a.core.accounts.connect({ provider: 'google' });
    await a.core.sync.run({});
    expect((await b.core.friends.list({})).total).toBe(1);
    a.google.upsert(person('p2', 'Bob'));
    await a.clock.advance(1_000);
    await a.core.sync.run({ accountId: account.id });
    expect((await b.core.friends.list({})).items.map((f) => f.name)).toEqual(['Ann', 'Bob']);
  });
});
