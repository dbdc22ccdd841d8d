import { describe, expect, it } from 'vitest';
import { FakeKithApi } from '../dev/fake-kith-api';
import { createAppStores, startAppStores } from './app-stores';

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

function setup(outcome: 'connect' | 'deny' | 'timeout' | 'wait') {
  const fake = new FakeKithApi({ seed: [], connectOutcome: outcome, connectDelayMs: 0, syncStepMs: 0 });
  const stores = createAppStores(fake);
  const stop = startAppStores(stores);
  return { fake, stores, stop };
}

describe('login', () => {
  it('shows the consent URL while the browser is open, then the new account', async () => {
    const { stores, stop } = setup('wait');
    const connecting = stores.login.getState().connect('google');
    expect(stores.login.getState().connecting).toBe('google');
    expect(stores.login.getState().started?.authUrl).toMatch(/^https:\/\/accounts\.google\.com\//);
    await stores.login.getState().cancel();
    expect(await connecting).toBeNull();
    // Cancelling is the person's choice: nothing to report.
    expect(stores.login.getState().failure).toBeNull();
    expect(stores.login.getState().connecting).toBeNull();
    stop();
  });

  it('reports a denial in words and leaves no login running', async () => {
    const { stores, stop } = setup('deny');
    await stores.login.getState().connect('facebook');
    expect(stores.login.getState().failure).toEqual({ provider: 'facebook', error: expect.objectContaining({ code: 'E_CONSENT_DENIED' }) });
    expect(stores.login.getState().started).toBeNull();
    stop();
  });

  it('adds the account and confirms it after a successful login', async () => {
    const { stores, stop } = setup('connect');
    const account = await stores.login.getState().connect('google');
    await tick();
    expect(account?.provider).toBe('google');
    expect(stores.accounts.getState().accounts?.map((a) => a.id)).toContain(account?.id);
    expect(stores.notices.getState().notices.at(-1)?.text).toMatch(/^Connected .* \(Google\)\.$/);
    stop();
  });
});

describe('events', () => {
  it('follows connectivity and pending revocations', async () => {
    const fake = new FakeKithApi({ online: false });
    const stores = createAppStores(fake);
    const stop = startAppStores(stores);
    await tick();
    expect(stores.status.getState().online).toBe(false);
    const [account] = (await fake.accounts.list()) ?? [];
    if (!account) throw new Error('seeded account missing');
    const result = await stores.accounts.getState().disconnect(account.id);
    expect(result.revocation).toBe('queued');
    expect(stores.status.getState().pendingRevocations).toHaveLength(1);
    expect(stores.accounts.getState().accounts?.some((a) => a.id === account.id)).toBe(false);
    fake.setOnline(true);
    expect(stores.status.getState().online).toBe(true);
    expect(stores.status.getState().pendingRevocations).toHaveLength(0);
    stop();
  });

  it('records sync progress per account', async () => {
    const fake = new FakeKithApi({ syncStepMs: 0 });
    const stores = createAppStores(fake);
    const stop = startAppStores(stores);
    const seen: string[] = [];
    const unsubscribe = stores.sync.subscribe((s) => {
      for (const p of Object.values(s.progress)) seen.push(`${p.state}:${p.fetched}`);
    });
    await stores.sync.getState().run();
    unsubscribe();
    expect(seen.some((s) => s.startsWith('running:'))).toBe(true);
    expect(Object.values(stores.sync.getState().progress).every((p) => p.state === 'done')).toBe(true);
    expect(stores.sync.getState().running).toBe(false);
    stop();
  });
});

describe('a login started elsewhere', () => {
  it('shows its panel from the events alone and clears it when it ends', () => {
    const { stores, stop } = setup('wait');
    stores.login.getState().onStarted({ loginId: 'l1', provider: 'facebook', authUrl: 'https://www.facebook.com/dialog/oauth', expiresAt: 1 });
    expect(stores.login.getState().connecting).toBe('facebook');
    stores.login.getState().onEnded({ loginId: 'other', provider: 'facebook', outcome: 'connected', accountId: null, error: null });
    expect(stores.login.getState().connecting).toBe('facebook');
    stores.login.getState().onEnded({ loginId: 'l1', provider: 'facebook', outcome: 'connected', accountId: 'acc_abcdef', error: null });
    expect(stores.login.getState().connecting).toBeNull();
    expect(stores.login.getState().started).toBeNull();
    stop();
  });
});
