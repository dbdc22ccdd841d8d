// Google provider behaviour the sandbox does not exercise: refresh token
// rotation, the lifetime carried onto Kith's clock, the consent URL's shape.
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config/load-config';
import { createGoogleProvider } from './google-provider';

const config = loadConfig({ KITH_SANDBOX_URL: 'http://127.0.0.1:9' });
const current = { accessToken: 'old-access', accessTokenExpiresAt: 0, refreshToken: 'refresh-1', scopes: ['openid'] };

function tokenEndpoint(body: Record<string, unknown>) {
  const requests: URLSearchParams[] = [];
  const fetchImpl = (async (url: string, init?: RequestInit) => {
    expect(url).toBe(config.google.tokenUrl);
    requests.push(new URLSearchParams(String(init?.body)));
    return Response.json(body);
  }) as unknown as typeof fetch;
  return { fetchImpl, requests };
}

describe('Google provider (unit)', () => {
  it('keeps the refresh token when Google sends none, and times expiry on Kith clock', async () => {
    const { fetchImpl, requests } = tokenEndpoint({ access_token: 'new-access', expires_in: 3599, scope: 'openid email', token_type: 'Bearer' });
    const provider = createGoogleProvider(config, fetchImpl, { clock: { now: () => 1_000_000 } });
    const renewed = await provider.refresh(current);
    expect(renewed).toEqual({ accessToken: 'new-access', accessTokenExpiresAt: expect.any(Number), refreshToken: 'refresh-1', scopes: ['openid', 'email'] });
    expect(renewed.accessTokenExpiresAt! - 1_000_000).toBeGreaterThan(3_590_000);
    expect(renewed.accessTokenExpiresAt! - 1_000_000).toBeLessThanOrEqual(3_599_000);
    expect(Object.fromEntries(requests[0]!)).toMatchObject({ grant_type: 'refresh_token', refresh_token: 'refresh-1', client_id: config.google.clientId, client_secret: config.google.clientSecret });
  });

  it('returns a rotated refresh token when Google sends one', async () => {
    const { fetchImpl } = tokenEndpoint({ access_token: 'new-access', expires_in: 3599, refresh_token: 'refresh-2' });
    const renewed = await createGoogleProvider(config, fetchImpl).refresh(current);
    expect(renewed.refreshToken).toBe('refresh-2');
    expect(renewed.scopes).toEqual(['openid']);
  });

  it('cannot refresh without a refresh token', async () => {
    const { fetchImpl, requests } = tokenEndpoint({});
    await expect(createGoogleProvider(config, fetchImpl).refresh({ ...current, refreshToken: null })).rejects.toMatchObject({ code: 'E_NEEDS_RECONNECT' });
    expect(requests).toHaveLength(0);
  });

  it('builds the consent URL: code flow, PKCE S256, offline access, consent prompt, nonce, loopback redirect', () => {
    const provider = createGoogleProvider(config, fetch);
    expect(provider.fixedRedirect).toBeNull();
    const redirectUri = provider.redirectUriFor(51234);
    expect(redirectUri).toBe('http://127.0.0.1:51234/kith/google/callback');
    const url = new URL(provider.authorizationUrl({ redirectUri, state: 's', codeChallenge: 'c'.repeat(43), nonce: 'n', loginHint: 'ada@example.com' }));
    expect(`${url.origin}${url.pathname}`).toBe(config.google.authorizationUrl);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      response_type: 'code',
      client_id: config.google.clientId,
      redirect_uri: redirectUri,
      scope: 'openid email profile https://www.googleapis.com/auth/contacts.readonly',
      state: 's',
      code_challenge: 'c'.repeat(43),
      code_challenge_method: 'S256',
      access_type: 'offline',
      prompt: 'consent',
      nonce: 'n',
      login_hint: 'ada@example.com',
    });
  });
});

describe('Google contacts paging (unit)', () => {
  it('stops with E_PROVIDER when People repeats a page token instead of looping forever', async () => {
    let calls = 0;
    const fetchImpl = (async () => {
      calls += 1;
      return Response.json({ connections: [{ resourceName: `people/c${calls}`, names: [{ displayName: `P${calls}` }] }], nextPageToken: 'same-page', totalItems: 2 });
    }) as unknown as typeof fetch;
    const listing = createGoogleProvider(config, fetchImpl).listFriends('access', { syncToken: null });
    const consume = (async () => {
      for await (const _batch of listing.batches) {
        if (calls > 10) throw new Error('still paging: the same page token is fetched again and again');
      }
    })();
    await expect(consume).rejects.toMatchObject({ code: 'E_PROVIDER' });
    expect(calls).toBe(2);
  });
});
