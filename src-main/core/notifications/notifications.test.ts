import { describe, expect, it } from 'vitest';
import { KithError, type KithNotification } from '../../../src-contract/kith-api';
import { identity } from '../testing/fake-login';
import { createTestCore, type TestCore } from '../testing/test-core';

const HOUR = 3_600_000;

function listen(t: TestCore) {
  const seen: KithNotification[] = [];
  t.core.events.on('notification', (n) => seen.push(n));
  return seen;
}

async function connect(t: TestCore, provider: 'google' | 'facebook', expiresInMs?: number) {
  const fake = provider === 'google' ? t.google : t.facebook;
  t.login.queue.push({ tokens: fake.issueTokens(expiresInMs ? { expiresInMs } : {}), identity: identity(`${provider}-1`) });
  return t.core.accounts.connect({ provider });
}

describe('notifications', () => {
  it('tells the person when a queued revocation lands later, not when it lands within the disconnect', async () => {
    const t = createTestCore();
    const seen = listen(t);
    const account = await connect(t, 'facebook');
    t.facebook.revokeImpl = () => Promise.reject(new KithError('E_OFFLINE', 'Facebook cannot be reached.'));
    await t.core.accounts.disconnect({ accountId: account.id });
    t.facebook.revokeImpl = async () => {};
    await t.clock.advance(5_000);
    await t.clock.advance(0);
    expect(seen).toEqual([
      { tag: expect.stringMatching(/^revocation:rcpt_/), kind: 'revocation_confirmed', title: 'Facebook confirmed the disconnect', body: 'Kith is removed from Person facebook-1’s Facebook account.', show: true },
    ]);

    const again = await connect(t, 'google');
    await t.core.accounts.disconnect({ accountId: again.id });
    await t.clock.advance(0);
    expect(seen).toHaveLength(1);
  });

  it('says when Kith gave up on a revocation, with where to remove Kith by hand', async () => {
    const t = createTestCore();
    const seen = listen(t);
    const account = await connect(t, 'google');
    t.google.revokeImpl = () => Promise.reject(new KithError('E_PROVIDER', 'Google refused the revocation (HTTP 400).'));
    await t.core.accounts.disconnect({ accountId: account.id });
    for (let i = 0; i < 30 * 4 + 4; i++) await t.clock.advance(15 * 60_000);
    expect(seen).toMatchObject([{ kind: 'revocation_failed', body: expect.stringContaining('myaccount.google.com/connections') }]);
  });

  it('keeps the switch on disk: off, the window still hears of it but no system notification is asked for', async () => {
    const t = createTestCore();
    expect(await t.core.notifications.get()).toEqual({ enabled: true });
    await t.core.notifications.set({ enabled: false });
    const again = await t.restart();
    expect(await again.core.notifications.get()).toEqual({ enabled: false });
    const seen = listen(again);
    const account = await connect(again, 'facebook');
    again.facebook.revokeImpl = () => Promise.reject(new KithError('E_OFFLINE', 'Facebook cannot be reached.'));
    await again.core.accounts.disconnect({ accountId: account.id });
    again.facebook.revokeImpl = async () => {};
    await again.clock.advance(5_000);
    await again.clock.advance(0);
    expect(seen).toMatchObject([{ kind: 'revocation_confirmed', show: false }]);
  });

  it('warns three days and one day before a grant lapses, once each, across restarts', async () => {
    const t = createTestCore({ watchLapses: true });
    const seen = listen(t);
    // Facebook gives no refresh token: the account must be reconnected when its token ends.
    await connect(t, 'facebook', 100 * HOUR);
    t.assembled.start();
    await t.clock.advance(0);
    expect(seen).toEqual([]);
    await t.clock.advance(29 * HOUR);
    expect(seen).toEqual([
      { tag: expect.stringMatching(/^lapse:acc_/), kind: 'grant_lapsing', title: 'Reconnect Person facebook-1’s Facebook account', body: expect.stringMatching(/^Kith loses access to it in about 3 days\./), show: true },
    ]);
    await t.core.close();

    const again = await t.restart();
    const later = listen(again);
    again.assembled.start();
    await again.clock.advance(HOUR);
    expect(later).toEqual([]);
    await again.clock.advance(47 * HOUR);
    expect(later).toMatchObject([{ kind: 'grant_lapsing', body: expect.stringMatching(/about 2\d hours/) }]);
    await again.clock.advance(10 * HOUR);
    expect(later).toHaveLength(1);
    await again.core.close();
  });
});
