// Google through the sandbox over real HTTP: login with runLogin, refresh,
// revocation, contacts paging and incremental sync, and every fault switch.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { KithError } from '../../../src-contract/kith-api';
import { runLogin } from '../login/login-flow';
import { createGoogleProvider } from './google-provider';
import type { ProviderClient, TokenSet } from './provider';
import { drain } from '../testing/drain-listing';
import { startKithSandbox, type KithSandbox } from '../testing/kith-sandbox';
import { createSandboxBrowser } from '../testing/sandbox-browser';
import { kithRejection as failure } from '../testing/kith-rejection';

let sandbox: KithSandbox;
const sleeps: number[] = [];
const retry = { sleep: async (ms: number) => void sleeps.push(ms), random: () => 0.5 };

function provider(config = sandbox.config): ProviderClient {
  return createGoogleProvider(config, fetch, { retry });
}

async function login(p: ProviderClient = provider(), loginHint?: string) {
  const browser = createSandboxBrowser();
  const result = await runLogin({ provider: p, browser, timeoutMs: 20_000, ...(loginHint ? { loginHint } : {}) });
  return { ...result, browser };
}

function expectNoSecrets(error: KithError, tokens: TokenSet) {
  for (const secret of [tokens.accessToken, tokens.refreshToken].filter(Boolean) as string[]) expect(error.message).not.toContain(secret);
}

beforeAll(async () => {
  sandbox = await startKithSandbox({ autoConsent: true, contacts: 2_600 });
});
afterAll(() => sandbox.close());
afterEach(async () => {
  sleeps.length = 0;
  await sandbox.admin.clearFaults();
});

describe('Google against the sandbox', () => {
  it('logs in through the system-browser flow with PKCE and a verified id_token', async () => {
    const before = Date.now();
    const { tokens, identity, browser } = await login();
    const authUrl = new URL(browser.opened[0]!);
    expect(authUrl.origin + authUrl.pathname).toBe(sandbox.config.google.authorizationUrl);
    expect(Object.fromEntries(authUrl.searchParams)).toMatchObject({
      client_id: sandbox.config.google.clientId,
      response_type: 'code',
      access_type: 'offline',
      prompt: 'consent',
      code_challenge_method: 'S256',
    });
    expect(authUrl.searchParams.get('nonce')).toBeTruthy();
    expect(identity.subject).toMatch(/\S/);
    expect(identity.email).toMatch(/@/);
    expect(identity.displayName).toBeTruthy();
    expect(tokens.refreshToken).toBeTruthy();
    expect(tokens.scopes).toContain('https://www.googleapis.com/auth/contacts.readonly');
    expect(tokens.accessTokenExpiresAt).toBeGreaterThan(before + 3_500_000);
    expect((await browser.tabs[0]!).text).toContain('Kith is connected');
    const issued = await sandbox.admin.tokens({ provider: 'google' });
    expect(issued.some((t) => t.kind === 'access' && t.value === tokens.accessToken && t.status === 'active')).toBe(true);
  });

  it('preselects the person named by login_hint', async () => {
    const people = await sandbox.admin.people();
    const second = people.google[1]!;
    const { identity } = await login(provider(), second.email);
    expect(identity.subject).toBe(second.subject);
  });

  it('refreshes, keeping the refresh token Google did not resend', async () => {
    const { tokens } = await login();
    const renewed = await provider().refresh(tokens);
    expect(renewed.accessToken).not.toBe(tokens.accessToken);
    expect(renewed.refreshToken).toBe(tokens.refreshToken);
    expect(renewed.accessTokenExpiresAt).toBeGreaterThan(Date.now());
  });

  it('reports a revoked grant as E_GRANT_REVOKED on refresh and on sync', async () => {
    const { tokens, identity } = await login();
    await sandbox.admin.revokeGrant({ provider: 'google', person: identity.email! });
    const refreshError = await failure(provider().refresh(tokens));
    expect(refreshError.code).toBe('E_GRANT_REVOKED');
    expectNoSecrets(refreshError, tokens);
    const syncError = await failure(drain(provider().listFriends(tokens.accessToken, { syncToken: null })));
    expect(syncError.code).toBe('E_GRANT_REVOKED');
  });

  it('revokes the grant at the revoke endpoint', async () => {
    const { tokens } = await login();
    await provider().revoke(tokens);
    const issued = await sandbox.admin.tokens({ provider: 'google' });
    expect(issued.find((t) => t.value === tokens.refreshToken)?.status).toBe('revoked');
    expect(issued.find((t) => t.value === tokens.accessToken)?.status).toBe('revoked');
    expect((await failure(provider().refresh(tokens))).code).toBe('E_GRANT_REVOKED');
    // Revoking what is already revoked is done, not an error.
    await expect(provider().revoke(tokens)).resolves.toBeUndefined();
  });

  it('pages through 2,600 contacts 1000 at a time and returns a sync token', async () => {
    const { tokens } = await login();
    const { batches, outcome, upserts } = await drain(provider().listFriends(tokens.accessToken, { syncToken: null }));
    expect(batches.map((b) => b.upserts.length)).toEqual([1000, 1000, 600]);
    expect(new Set(upserts.map((p) => p.personId)).size).toBe(2_600);
    expect(batches[0]!.total).toBe(2_600);
    expect(outcome).toEqual({ mode: 'full', nextSyncToken: expect.any(String), friendTotal: null });
    expect(upserts.every((p) => p.personId.startsWith('people/') && p.name)).toBe(true);
    expect(upserts.some((p) => p.email)).toBe(true);
  });

  it('syncs only what changed with the sync token, deletions included', async () => {
    // Another person than the other tests', so their contact counts stay as seeded.
    const people = await sandbox.admin.people();
    const { tokens, identity } = await login(provider(), people.google[2]!.email);
    const full = await drain(provider().listFriends(tokens.accessToken, { syncToken: null }));
    await sandbox.admin.changeContacts({ person: identity.email!, updated: 3, deleted: 2, added: 4 });
    const changes = await drain(provider().listFriends(tokens.accessToken, { syncToken: full.outcome.nextSyncToken }));
    expect(changes.outcome.mode).toBe('incremental');
    // totalItems counts the whole list, not the changes: no misleading progress total.
    expect(changes.batches.every((b) => b.total === null)).toBe(true);
    expect(changes.upserts).toHaveLength(7);
    expect(changes.deletions).toHaveLength(2);
    const known = new Set(full.upserts.map((p) => p.personId));
    for (const id of changes.deletions) expect(known.has(id)).toBe(true);
    expect(changes.outcome.nextSyncToken).toBeTruthy();
    expect(changes.outcome.nextSyncToken).not.toBe(full.outcome.nextSyncToken);
  });

  it('falls back to a full sync when the sync token has expired', async () => {
    const { tokens } = await login();
    const full = await drain(provider().listFriends(tokens.accessToken, { syncToken: null }));
    await sandbox.admin.expireSyncTokens();
    const again = await drain(provider().listFriends(tokens.accessToken, { syncToken: full.outcome.nextSyncToken }));
    expect(again.outcome.mode).toBe('full');
    expect(again.upserts.length).toBe(full.upserts.length);
    expect(again.outcome.nextSyncToken).toBeTruthy();
  });

  it('retries 5xx with backoff and succeeds', async () => {
    const { tokens } = await login();
    await sandbox.admin.failNext('google', 'server-error', 2);
    await expect(provider().refresh(tokens)).resolves.toMatchObject({ refreshToken: tokens.refreshToken });
    expect(sleeps).toEqual([375, 750]);
  });

  it("retries a 429 after the server's Retry-After", async () => {
    const { tokens } = await login();
    await sandbox.admin.setFaults('google', { retryAfterSeconds: 3 });
    await sandbox.admin.failNext('google', 'rate-limit', 1);
    const listing = await drain(provider().listFriends(tokens.accessToken, { syncToken: null }));
    expect(listing.upserts).toHaveLength(listing.batches[0]!.total!);
    expect(sleeps).toEqual([3000]);
  });

  it('gives up with E_RATE_LIMITED when 429s persist, within a bounded wait', async () => {
    const { tokens } = await login();
    await sandbox.admin.setFaults('google', { retryAfterSeconds: 1 });
    await sandbox.admin.failNext('google', 'rate-limit', 10);
    const error = await failure(provider().refresh(tokens));
    expect(error.code).toBe('E_RATE_LIMITED');
    expect(sleeps).toEqual([1000, 1000, 1000]);
  });

  it('does not wait out a Retry-After longer than its budget', async () => {
    const { tokens } = await login();
    await sandbox.admin.setFaults('google', { retryAfterSeconds: 3600 });
    await sandbox.admin.failNext('google', 'rate-limit', 1);
    const error = await failure(drain(provider().listFriends(tokens.accessToken, { syncToken: null })));
    expect(error.code).toBe('E_RATE_LIMITED');
    expect(error.message).toContain('3600 s');
    expect(sleeps).toEqual([]);
  });

  it('says clearly when a body is malformed', async () => {
    const { tokens } = await login();
    await sandbox.admin.failNext('google', 'malformed', 1);
    const error = await failure(drain(provider().listFriends(tokens.accessToken, { syncToken: null })));
    expect(error.code).toBe('E_PROVIDER');
    expect(error.message).toMatch(/cannot read/);
    await sandbox.admin.failNext('google', 'malformed', 1);
    const refreshError = await failure(provider().refresh(tokens));
    expect(refreshError.code).toBe('E_PROVIDER');
    expectNoSecrets(refreshError, tokens);
  });

  it('rejects an id_token whose nonce is not the one sent', async () => {
    const p = provider();
    const redirectUri = p.redirectUriFor(1);
    const url = await p.authorizationUrl({ redirectUri, state: 'state-1', codeChallenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM', nonce: 'nonce-sent' });
    const consent = await fetch(url, { redirect: 'manual' });
    const code = new URL(consent.headers.get('location')!).searchParams.get('code')!;
    const error = await failure(p.exchangeCode({ code, codeVerifier: 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk', redirectUri, nonce: 'another-nonce' }));
    expect(error.code).toBe('E_ID_TOKEN_INVALID');
    expect(error.message).not.toContain(code);
  });

  it('reports a wrong client as a configuration problem', async () => {
    const p = provider({ ...sandbox.config, google: { ...sandbox.config.google, clientSecret: 'wrong' } });
    const error = await failure(p.refresh({ accessToken: 'a', refreshToken: 'r', accessTokenExpiresAt: null, scopes: [] }));
    expect(error.code).toBe('E_CONFIG');
  });

  it('never replays the one-time code: a 5xx on the exchange fails the sign-in after a single token request', async () => {
    // RFC 6749 §4.1.2: a code must not be used twice, and a server may revoke what a reused code issued.
    const tokenRequests: string[] = [];
    const counting = (async (url: string | URL | Request, init?: RequestInit) => {
      if (String(url).startsWith(sandbox.config.google.tokenUrl)) tokenRequests.push(String(init?.body ?? ''));
      return fetch(url, init);
    }) as typeof fetch;
    await sandbox.admin.failNext('google', 'server-error');
    const browser = createSandboxBrowser();
    const error = await failure(runLogin({ provider: createGoogleProvider(sandbox.config, counting, { retry }), browser, timeoutMs: 20_000 }));
    expect(error.code).toBe('E_PROVIDER');
    expect(error.message).toMatch(/Google could not complete the sign-in; try again/);
    expect(tokenRequests).toHaveLength(1);
    expect(tokenRequests[0]).toContain('grant_type=authorization_code');
    expect(sleeps).toEqual([]);
    expect((await browser.tabs[0]!).text).toContain('could not finish');
  });

  it('is E_OFFLINE when the code cannot be exchanged, and the tab says so', async () => {
    const cutOff = (async (url: string | URL | Request, init?: RequestInit) => {
      if (String(url).startsWith(sandbox.config.google.tokenUrl)) throw new TypeError('fetch failed');
      return fetch(url, init);
    }) as typeof fetch;
    const browser = createSandboxBrowser();
    const error = await failure(runLogin({ provider: createGoogleProvider(sandbox.config, cutOff, { retry }), browser, timeoutMs: 20_000 }));
    expect(error.code).toBe('E_OFFLINE');
    const tab = await browser.tabs[0]!;
    expect(tab.text).toContain('could not finish');
    expect(tab.text).toContain('cannot be reached');
  });

  it('is E_OFFLINE when Google cannot be reached', async () => {
    const { tokens } = await login();
    const down = await startKithSandbox();
    await down.close();
    const p = provider(down.config);
    expect((await failure(p.refresh(tokens))).code).toBe('E_OFFLINE');
    expect((await failure(p.revoke(tokens))).code).toBe('E_OFFLINE');
    expect((await failure(drain(p.listFriends(tokens.accessToken, { syncToken: null })))).code).toBe('E_OFFLINE');
    const loginError = await failure(runLogin({ provider: p, browser: { open: async () => {} }, timeoutMs: 200 }));
    expect(loginError.code).toBe('E_LOGIN_TIMEOUT');
  });
});

describe('Google logins that do not finish', () => {
  let manual: KithSandbox;
  beforeAll(async () => {
    manual = await startKithSandbox();
  });
  afterAll(() => manual.close());

  it('is E_CONSENT_DENIED when the person clicks Deny', async () => {
    const browser = createSandboxBrowser({ choice: { decision: 'deny' } });
    const error = await failure(runLogin({ provider: createGoogleProvider(manual.config, fetch), browser, timeoutMs: 20_000 }));
    expect(error.code).toBe('E_CONSENT_DENIED');
    expect((await browser.tabs[0]!).text).toContain('You declined');
  });

  it('is E_STATE_MISMATCH when only an answer with another state comes back', async () => {
    const browser = createSandboxBrowser({ rewrite: (url) => url.searchParams.set('state', 'forged-state') });
    const error = await failure(runLogin({ provider: createGoogleProvider(manual.config, fetch), browser, timeoutMs: 2_000 }));
    expect(error.code).toBe('E_STATE_MISMATCH');
    expect((await browser.tabs[0]!).status).toBe(400);
  });

  it('is E_LOGIN_TIMEOUT when nobody answers, and E_LOGIN_CANCELLED when cancelled', async () => {
    const p = createGoogleProvider(manual.config, fetch);
    expect((await failure(runLogin({ provider: p, browser: { open: async () => {} }, timeoutMs: 100 }))).code).toBe('E_LOGIN_TIMEOUT');
    const controller = new AbortController();
    const cancelled = runLogin({ provider: p, browser: { open: async () => void setTimeout(() => controller.abort(), 20) }, signal: controller.signal });
    expect((await failure(cancelled)).code).toBe('E_LOGIN_CANCELLED');
  });
});
