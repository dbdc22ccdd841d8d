import { describe, expect, it } from 'vitest';
import { KithError, type DisconnectReceipt } from '../../../src-contract/kith-api';
import { identity } from '../testing/fake-login';
import { person } from '../testing/fake-provider';
import { createTestCore } from '../testing/test-core';
import { GIVE_UP_NOT_BEFORE_MS } from './give-up';

async function connected(provider: 'google' | 'facebook' = 'google') {
  const t = createTestCore();
  const fake = provider === 'google' ? t.google : t.facebook;
  fake.upsert(person('p1', 'Ann'));
  fake.upsert(person('p2', 'Ben'));
  t.login.queue.push({ tokens: fake.issueTokens(), identity: identity(`${provider}-1`) });
  const account = await t.core.accounts.connect({ provider });
  await t.core.sync.run({ accountId: account.id });
  return { t, account, fake };
}

const offline = () => Promise.reject(new KithError('E_OFFLINE', 'Google cannot be reached (revocation).'));
const refused = () => Promise.reject(new KithError('E_PROVIDER', 'Google refused the revocation (HTTP 400).'));

describe('disconnect history', () => {
  it('keeps a receipt of what a disconnect deleted here and the provider confirmed', async () => {
    const { t, account } = await connected();
    const disconnectedAt = t.clock.now();
    await t.core.accounts.disconnect({ accountId: account.id });
    expect(await t.core.history.list()).toEqual([
      {
        id: expect.stringMatching(/^rcpt_/),
        scope: 'account',
        disconnectedAt,
        accounts: [
          {
            accountId: account.id,
            provider: 'google',
            displayName: account.displayName,
            email: account.email,
            deleted: { tokens: true, cachedFriends: 2 },
            revocation: { state: 'confirmed', settledAt: disconnectedAt, attempts: 0, nextAttemptAt: null, problem: null },
          },
        ],
        scriptTokensEnded: [],
        sessionsEnded: 0,
        settled: true,
      } satisfies DisconnectReceipt,
    ]);
  });

  it('shows a queued revocation as pending, with its attempts, and confirms it when the provider answers later', async () => {
    const { t, account } = await connected();
    t.google.revokeImpl = offline;
    const changes: DisconnectReceipt[][] = [];
    t.core.events.on('historyChanged', (list) => changes.push(list));
    await t.core.accounts.disconnect({ accountId: account.id });
    await t.clock.advance(0);
    const [pending] = await t.core.history.list();
    expect(pending).toMatchObject({ settled: false, accounts: [{ revocation: { state: 'pending', attempts: 1, nextAttemptAt: t.clock.now() + 5_000, problem: 'E_OFFLINE', settledAt: null } }] });
    t.google.revokeImpl = async () => {};
    await t.clock.advance(5_000);
    const [confirmed] = await t.core.history.list();
    expect(confirmed).toMatchObject({ id: pending!.id, settled: true, accounts: [{ revocation: { state: 'confirmed', settledAt: t.clock.now(), problem: null } }] });
    expect(changes.at(-1)).toEqual([confirmed]);
  });

  it('keeps receipts across a restart, and the next run confirms what the last one queued', async () => {
    const { t, account } = await connected();
    t.google.revokeImpl = offline;
    await t.core.accounts.disconnect({ accountId: account.id });
    await t.core.close();
    t.google.revokeImpl = async () => {};
    const again = await t.restart();
    expect(await again.core.history.list()).toMatchObject([{ settled: false }]);
    again.core.start();
    await again.clock.advance(0);
    expect(await again.core.history.list()).toMatchObject([{ settled: true, accounts: [{ revocation: { state: 'confirmed' } }] }]);
  });

  it('lets the person dismiss a settled receipt, never one still waiting for its provider', async () => {
    const { t, account } = await connected();
    t.google.revokeImpl = offline;
    await t.core.accounts.disconnect({ accountId: account.id });
    const [receipt] = await t.core.history.list();
    await expect(t.core.history.dismiss({ receiptId: receipt!.id })).rejects.toMatchObject({ code: 'E_INVALID_INPUT' });
    t.google.revokeImpl = async () => {};
    expect(await t.core.history.retry({ receiptId: receipt!.id })).toMatchObject({ settled: true });
    await t.core.history.dismiss({ receiptId: receipt!.id });
    expect(await t.core.history.list()).toEqual([]);
  });

  it('gives up after a day of refusals, says so, and drops the sealed tokens', async () => {
    const { t, account } = await connected('facebook');
    t.facebook.revokeImpl = refused;
    await t.core.accounts.disconnect({ accountId: account.id });
    // Backoff caps at 15 minutes: a day holds far more than the 20 answered failures needed.
    for (let waited = 0; waited <= GIVE_UP_NOT_BEFORE_MS; waited += 15 * 60_000) await t.clock.advance(15 * 60_000);
    expect(await t.core.history.list()).toMatchObject([{ settled: true, accounts: [{ revocation: { state: 'failed', problem: 'E_PROVIDER' } }] }]);
    expect((await t.core.status.get()).pendingRevocations).toEqual([]);
    const attempts = t.facebook.calls.revoke.length;
    await t.clock.advance(60 * 60_000);
    expect(t.facebook.calls.revoke).toHaveLength(attempts);
  });

  it('never gives up while the provider only cannot be reached', async () => {
    const { t, account } = await connected();
    t.google.revokeImpl = offline;
    await t.core.accounts.disconnect({ accountId: account.id });
    for (let waited = 0; waited <= 2 * GIVE_UP_NOT_BEFORE_MS; waited += 15 * 60_000) await t.clock.advance(15 * 60_000);
    expect(await t.core.history.list()).toMatchObject([{ settled: false, accounts: [{ revocation: { state: 'pending' } }] }]);
  });

  it('says a reconnect stopped the revocation, which would have ended the new connection', async () => {
    const { t, account } = await connected();
    t.google.revokeImpl = offline;
    await t.core.accounts.disconnect({ accountId: account.id });
    t.login.queue.push({ tokens: t.google.issueTokens(), identity: identity('google-1') });
    await t.core.accounts.connect({ provider: 'google' });
    expect(await t.core.history.list()).toMatchObject([{ settled: true, accounts: [{ revocation: { state: 'stopped' } }] }]);
  });

  it('names the script tokens that ended with the account, where the token service can say which', async () => {
    const t = createTestCore({
      scriptAccess: { list: async () => ({ scriptTokens: [], sessions: 0 }), endAll: async () => ({ tokens: [], sessions: 0 }), endForAccount: async () => ['crm sync'] },
    });
    t.login.queue.push({ tokens: t.google.issueTokens(), identity: identity('google-1') });
    const account = await t.core.accounts.connect({ provider: 'google' });
    await t.core.accounts.disconnect({ accountId: account.id });
    expect(await t.core.history.list()).toMatchObject([{ scriptTokensEnded: ['crm sync'] }]);
  });

  it('says when there was nothing Kith could revoke with', async () => {
    const { t, account } = await connected();
    t.vault.get = () => Promise.reject(new KithError('E_STORAGE', 'Kith could not decrypt the saved sign-in.'));
    await t.core.accounts.disconnect({ accountId: account.id });
    expect(await t.core.history.list()).toMatchObject([{ settled: true, accounts: [{ revocation: { state: 'not_possible' } }] }]);
  });
});
