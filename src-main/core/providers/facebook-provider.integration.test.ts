// Facebook through the sandbox over real HTTP: the Login Dialog's OIDC code
// flow with PKCE on the configured loopback redirect (KITH_FACEBOOK_LOGIN=oidc,
// for development-mode apps; Login for Devices has its own file), friends paging with total_count,
// throttling codes, revocation and the rest of the fault switches.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { getPage } from '../../../sandbox/testing/consent';
import { loadConfig } from '../config/load-config';
import { runDeviceLogin } from '../login/device-login';
import { runLogin } from '../login/login-flow';
import { createFacebookProvider } from './facebook-provider';
import type { ProviderClient } from './provider';
import { drain } from '../testing/drain-listing';
import { startKithSandbox, type KithSandbox } from '../testing/kith-sandbox';
import { createSandboxBrowser, type ConsentChoice } from '../testing/sandbox-browser';
import { kithRejection as failure } from '../testing/kith-rejection';

let sandbox: KithSandbox;
const sleeps: number[] = [];
const retry = { sleep: async (ms: number) => void sleeps.push(ms), random: () => 0.5 };

function provider(config = sandbox.config): ProviderClient {
  return createFacebookProvider(config, fetch, { retry });
}

async function login(options: { p?: ProviderClient; loginHint?: string; choice?: ConsentChoice } = {}) {
  const browser = createSandboxBrowser(options.choice ? { choice: options.choice } : {});
  const result = await runLogin({ provider: options.p ?? provider(), browser, timeoutMs: 20_000, ...(options.loginHint ? { loginHint: options.loginHint } : {}) });
  return { ...result, browser };
}

beforeAll(async () => {
  sandbox = await startKithSandbox({ autoConsent: true, friends: 1_234, redirectHost: '127.0.0.1', facebookLogin: 'oidc' });
});
afterAll(() => sandbox.close());
afterEach(async () => {
  sleeps.length = 0;
  await sandbox.admin.clearFaults();
});

describe('Facebook against the sandbox', () => {
  it('logs in with the OIDC code flow and PKCE, without an app secret, on the configured redirect URI', async () => {
    const before = Date.now();
    const { tokens, identity, browser } = await login();
    const authUrl = new URL(browser.opened[0]!);
    expect(authUrl.origin + authUrl.pathname).toBe(sandbox.config.facebook.dialogUrl);
    expect(Object.fromEntries(authUrl.searchParams)).toMatchObject({
      client_id: sandbox.config.facebook.appId,
      redirect_uri: sandbox.config.facebook.redirectUri,
      response_type: 'code',
      scope: 'openid,public_profile,email,user_friends',
      code_challenge_method: 'S256',
    });
    const people = await sandbox.admin.people();
    expect(identity.subject).toBe(people.facebook[0]!.subject);
    expect(identity.email).toBe(people.facebook[0]!.email);
    expect(identity.avatarUrl).toMatch(/^http:\/\/127\.0\.0\.1/);
    expect(tokens.refreshToken).toBeNull();
    expect(tokens.scopes).toEqual(expect.arrayContaining(['openid', 'public_profile', 'email', 'user_friends']));
    expect(tokens.accessTokenExpiresAt).toBeGreaterThan(before + 3_500_000);
    expect((await browser.tabs[0]!).text).toContain('Kith is connected');
  });

  it('reports the permissions the person actually granted, and asks again for a declined one on reconnect', async () => {
    const manual = await startKithSandbox({ facebookLogin: 'oidc' });
    try {
      const { tokens } = await login({ p: createFacebookProvider(manual.config, fetch), choice: { decision: 'allow', friends: false } });
      expect(tokens.scopes).not.toContain('user_friends');
      const again = await login({ p: createFacebookProvider(manual.config, fetch), choice: { decision: 'allow', friends: true } });
      expect(again.tokens.scopes).toContain('user_friends');
    } finally {
      await manual.close();
    }
  });

  it('cannot refresh: the account must be reconnected', async () => {
    const { tokens } = await login();
    expect((await failure(provider().refresh(tokens))).code).toBe('E_NEEDS_RECONNECT');
  });

  it('pages through friends with cursors and reports summary.total_count', async () => {
    const { tokens } = await login();
    const { batches, outcome, upserts } = await drain(provider().listFriends(tokens.accessToken, { syncToken: null }));
    expect(batches.length).toBeGreaterThan(1);
    expect(batches.every((b) => b.total === 1_234)).toBe(true);
    expect(outcome).toEqual({ mode: 'full', nextSyncToken: null, friendTotal: 1_234 });
    // Only friends who also use the app are listed.
    expect(upserts.length).toBeGreaterThan(0);
    expect(upserts.length).toBeLessThan(1_234);
    expect(new Set(upserts.map((f) => f.personId)).size).toBe(upserts.length);
    expect(upserts.every((f) => f.name && f.email === null)).toBe(true);
  });

  it.each([4, 17, 32, 613] as const)('retries throttling code %i and succeeds', async (code) => {
    const { tokens } = await login();
    await sandbox.admin.setFaults('facebook', { throttleCode: code });
    await sandbox.admin.failNext('facebook', 'rate-limit', 2);
    const { outcome } = await drain(provider().listFriends(tokens.accessToken, { syncToken: null }));
    expect(outcome.friendTotal).toBe(1_234);
    expect(sleeps).toEqual([375, 750]);
  });

  it('gives up with E_RATE_LIMITED when throttling persists', async () => {
    const { tokens } = await login();
    await sandbox.admin.failNext('facebook', 'rate-limit', 10);
    const error = await failure(drain(provider().listFriends(tokens.accessToken, { syncToken: null })));
    expect(error.code).toBe('E_RATE_LIMITED');
    expect(sleeps).toHaveLength(3);
  });

  it('retries Facebook outages (code 2, HTTP 500)', async () => {
    const { tokens } = await login();
    await sandbox.admin.failNext('facebook', 'server-error', 1);
    await expect(drain(provider().listFriends(tokens.accessToken, { syncToken: null }))).resolves.toBeTruthy();
    expect(sleeps).toEqual([375]);
  });

  it('says clearly when a body is malformed', async () => {
    const { tokens } = await login();
    await sandbox.admin.failNext('facebook', 'malformed', 1);
    const error = await failure(drain(provider().listFriends(tokens.accessToken, { syncToken: null })));
    expect(error.code).toBe('E_PROVIDER');
    expect(error.message).toMatch(/cannot read/);
    expect(error.message).not.toContain(tokens.accessToken);
  });

  it.each([
    ['password-changed', /password/],
    ['logged-out', /logged out/],
    ['removed-app', /removed/],
  ] as const)('reports code 190 after %s as E_GRANT_REVOKED', async (reason, words) => {
    const { tokens, identity } = await login();
    await sandbox.admin.revokeGrant({ provider: 'facebook', person: identity.email!, reason });
    const error = await failure(drain(provider().listFriends(tokens.accessToken, { syncToken: null })));
    expect(error.code).toBe('E_GRANT_REVOKED');
    expect(error.message).toMatch(words);
    expect(error.message).not.toContain(tokens.accessToken);
  });

  it('reports an expired token as E_GRANT_REVOKED', async () => {
    const { tokens } = await login();
    await sandbox.admin.expireAccessTokens('facebook');
    const error = await failure(drain(provider().listFriends(tokens.accessToken, { syncToken: null })));
    expect(error.code).toBe('E_GRANT_REVOKED');
    expect(error.message).toMatch(/expired/);
  });

  it('revokes with DELETE /me/permissions', async () => {
    const { tokens } = await login();
    await provider().revoke(tokens);
    const issued = await sandbox.admin.tokens({ provider: 'facebook' });
    expect(issued.find((t) => t.value === tokens.accessToken)?.status).toBe('revoked');
    expect((await failure(drain(provider().listFriends(tokens.accessToken, { syncToken: null })))).code).toBe('E_GRANT_REVOKED');
    // A second revocation finds nothing left to end.
    await expect(provider().revoke(tokens)).resolves.toBeUndefined();
  });

  it('rejects an id_token whose nonce is not the one sent', async () => {
    const p = provider();
    const redirectUri = p.redirectUriFor(0);
    const url = await p.authorizationUrl({ redirectUri, state: 'state-1', codeChallenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM', nonce: 'nonce-sent' });
    const consent = await fetch(url, { redirect: 'manual' });
    const code = new URL(consent.headers.get('location')!).searchParams.get('code')!;
    const error = await failure(p.exchangeCode({ code, codeVerifier: 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk', redirectUri, nonce: 'another-nonce' }));
    expect(error.code).toBe('E_ID_TOKEN_INVALID');
    expect(error.message).not.toContain(code);
  });

  it('refuses a code redeemed with the wrong PKCE verifier', async () => {
    const p = provider();
    const redirectUri = p.redirectUriFor(0);
    const url = await p.authorizationUrl({ redirectUri, state: 'state-1', codeChallenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM', nonce: 'n' });
    const consent = await fetch(url, { redirect: 'manual' });
    const code = new URL(consent.headers.get('location')!).searchParams.get('code')!;
    const error = await failure(p.exchangeCode({ code, codeVerifier: 'x'.repeat(43), redirectUri, nonce: 'n' }));
    expect(error.code).toBe('E_PROVIDER');
  });

  it('never replays the one-time code: an outage on the exchange fails the sign-in after a single token request', async () => {
    // RFC 6749 §4.1.2: a code must not be used twice, and a server may revoke what a reused code issued.
    const tokenRequests: string[] = [];
    const counting = (async (url: string | URL | Request, init?: RequestInit) => {
      if (new URL(String(url)).pathname.endsWith('/oauth/access_token')) tokenRequests.push(String(init?.body ?? ''));
      return fetch(url, init);
    }) as typeof fetch;
    await sandbox.admin.failNext('facebook', 'server-error');
    const browser = createSandboxBrowser();
    const error = await failure(runLogin({ provider: createFacebookProvider(sandbox.config, counting, { retry }), browser, timeoutMs: 20_000 }));
    expect(error.code).toBe('E_PROVIDER');
    expect(error.message).toMatch(/Facebook could not complete the sign-in; try again/);
    expect(tokenRequests).toHaveLength(1);
    expect(tokenRequests[0]).toContain('code=');
    expect(sleeps).toEqual([]);
    expect((await browser.tabs[0]!).text).toContain('could not finish');
  });

  it('is E_OFFLINE when Facebook cannot be reached', async () => {
    const { tokens } = await login();
    const down = await startKithSandbox({ facebookLogin: 'oidc' });
    await down.close();
    const p = provider(down.config);
    expect((await failure(p.revoke(tokens))).code).toBe('E_OFFLINE');
    expect((await failure(drain(p.listFriends(tokens.accessToken, { syncToken: null })))).code).toBe('E_OFFLINE');
  });
});

describe('Facebook logins that do not finish', () => {
  let manual: KithSandbox;
  beforeAll(async () => {
    manual = await startKithSandbox({ redirectHost: 'localhost', facebookLogin: 'oidc' });
  });
  afterAll(() => manual.close());

  it('is E_CONSENT_DENIED when the person clicks Deny (redirect on localhost)', async () => {
    const browser = createSandboxBrowser({ choice: { decision: 'deny' } });
    const error = await failure(runLogin({ provider: createFacebookProvider(manual.config, fetch), browser, timeoutMs: 20_000 }));
    expect(error.code).toBe('E_CONSENT_DENIED');
    expect((await browser.tabs[0]!).text).toContain('You declined');
  });

  it('completes on a localhost redirect URI', async () => {
    const { identity } = await login({ p: createFacebookProvider(manual.config, fetch) });
    expect(identity.subject).toBeTruthy();
  });

  it('is E_STATE_MISMATCH when only an answer with another state comes back', async () => {
    const browser = createSandboxBrowser({ rewrite: (url) => url.searchParams.set('state', 'forged-state') });
    const error = await failure(runLogin({ provider: createFacebookProvider(manual.config, fetch), browser, timeoutMs: 2_000 }));
    expect(error.code).toBe('E_STATE_MISMATCH');
  });

  it('is E_LOGIN_CANCELLED when cancelled, and the fixed port is free again afterwards', async () => {
    const p = createFacebookProvider(manual.config, fetch);
    const controller = new AbortController();
    const cancelled = runLogin({ provider: p, browser: { open: async () => void setTimeout(() => controller.abort(), 20) }, signal: controller.signal });
    expect((await failure(cancelled)).code).toBe('E_LOGIN_CANCELLED');
    expect((await failure(runLogin({ provider: p, browser: { open: async () => {} }, timeoutMs: 50 }))).code).toBe('E_LOGIN_TIMEOUT');
  });
});

// Facebook Login's "Enforce HTTPS" (developers.facebook.com/blog/post/2018/06/08/enforce-https-facebook-login/):
// an http redirect URI, loopback included, works only while the app is in development mode.
describe("Facebook's app mode and Kith's http loopback redirect", () => {
  let modes: KithSandbox;
  beforeAll(async () => {
    modes = await startKithSandbox({ redirectHost: '127.0.0.1', facebookLogin: 'oidc', autoConsent: true });
  });
  afterAll(() => modes.close());

  it('signs in on http://127.0.0.1 while the app is in development mode', async () => {
    await modes.admin.updateSettings({ facebookAppMode: 'development' });
    const { identity } = await login({ p: createFacebookProvider(modes.config, fetch) });
    expect(identity.subject).toBeTruthy();
  });

  it('is refused with "Insecure Login Blocked" once the app is Live: no redirect ever reaches Kith', async () => {
    await modes.admin.updateSettings({ facebookAppMode: 'live' });
    const issuedBefore = (await modes.admin.tokens({ provider: 'facebook' })).length;
    const browser = createSandboxBrowser();
    const error = await failure(runLogin({ provider: createFacebookProvider(modes.config, fetch), browser, timeoutMs: 1_500 }));
    expect(error.code).toBe('E_LOGIN_TIMEOUT');
    await expect(browser.tabs[0]!).rejects.toThrow(/answered 400/);
    // What the person sees at the dialog Kith opened, with the redirect to Kith's http loopback in it.
    const page = await getPage(browser.opened[0]!);
    expect(page).toMatchObject({ status: 400, location: null });
    expect(page.html).toContain('Insecure Login Blocked');
    expect(await modes.admin.tokens({ provider: 'facebook' })).toHaveLength(issuedBefore);
  });

  it('leaves Login for Devices working for the Live app: it has no redirect', async () => {
    await modes.admin.updateSettings({ facebookAppMode: 'live', facebookDevicePollIntervalSeconds: 1 });
    const config = loadConfig({ KITH_SANDBOX_URL: modes.url });
    const p = createFacebookProvider(config, fetch);
    const { identity } = await runDeviceLogin({ provider: p, device: p.deviceLogin!, browser: createSandboxBrowser(), allowedOrigins: config.allowedBrowserOrigins, timeoutMs: 20_000 });
    expect(identity.subject).toBeTruthy();
  });
});
