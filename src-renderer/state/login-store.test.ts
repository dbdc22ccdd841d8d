import { describe, expect, it } from 'vitest';
import { createScriptedKith } from '../testing/scripted-kith-api';
import { startAppStores } from './app-store-events';
import { createAppStores } from './app-stores';

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

function setup(outcome: 'connect' | 'deny' | 'timeout' | 'wait') {
  const fake = createScriptedKith({ seed: [], connectOutcome: outcome, connectDelayMs: 0, syncStepMs: 0 });
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
    expect(stores.login.getState().failure).toEqual({ provider: 'facebook', error: expect.objectContaining({ code: 'E_CONSENT_DENIED' }), withCode: true });
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

describe('a device login (Facebook Login for Devices)', () => {
  it('shows the code to confirm while it waits, and offers a new code when it ends without one', async () => {
    const waiting = setup('wait');
    void waiting.stores.login.getState().connect('facebook');
    expect(waiting.stores.login.getState().started?.device).toEqual({ userCode: 'KITH0001', verificationUri: 'https://www.facebook.com/device' });
    await waiting.stores.login.getState().cancel();
    waiting.stop();

    const { stores, stop } = setup('timeout');
    await stores.login.getState().connect('facebook');
    expect(stores.login.getState().failure).toEqual({ provider: 'facebook', error: expect.objectContaining({ code: 'E_LOGIN_TIMEOUT' }), withCode: true });
    await stores.login.getState().connect('google');
    // A redirect sign-in's failure is not about a code.
    expect(stores.login.getState().failure).toEqual({ provider: 'google', error: expect.objectContaining({ code: 'E_LOGIN_TIMEOUT' }) });
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

describe('a browser that did not open', () => {
  it("is remembered for the sign-in it was about, and forgotten by the next sign-in", () => {
    const fake = createScriptedKith({ seed: [] });
    const stores = createAppStores(fake);
    const login = stores.login.getState();
    const started = { loginId: 'login_one', provider: 'google' as const, authUrl: 'https://accounts.google.com/o/oauth2/v2/auth?x=1', expiresAt: Date.now() + 60_000 };
    login.onStarted(started);
    login.onBrowserFailed({ loginId: 'login_other' });
    expect(stores.login.getState().browserFailed).toBe(false);
    login.onBrowserFailed({ loginId: 'login_one' });
    expect(stores.login.getState().browserFailed).toBe(true);
    login.onStarted({ ...started, loginId: 'login_two' });
    expect(stores.login.getState().browserFailed).toBe(false);
  });
});
