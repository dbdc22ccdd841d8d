// Google provider behaviour the sandbox does not exercise: refresh token
// rotation, the lifetime carried onto Kith's clock, the consent URL's shape.
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config/load-config';
import { createGoogleProvider } from './google-provider';
import { PermissionNotGranted } from './permission-scopes';

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
    expect(renewed).toEqual({
      accessToken: 'new-access',
      accessTokenExpiresAt: expect.any(Number),
      refreshToken: 'refresh-1',
      refreshTokenExpiresAt: null,
      scopes: ['openid', 'email'],
    });
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

  it('builds the consent URL: code flow, PKCE S256, offline access, consent prompt, nonce, loopback redirect', async () => {
    const provider = createGoogleProvider(config, fetch);
    expect(provider.fixedRedirect).toBeNull();
    const redirectUri = provider.redirectUriFor(51234);
    expect(redirectUri).toBe('http://127.0.0.1:51234/kith/google/callback');
    const url = new URL(await provider.authorizationUrl({ redirectUri, state: 's', codeChallenge: 'c'.repeat(43), nonce: 'n', loginHint: 'ada@example.com' }));
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

  it('asks again for contacts with include_granted_scopes and the hinted person, keeping the Sign-In scopes', async () => {
    const provider = createGoogleProvider(config, fetch);
    const url = new URL(
      await provider.authorizationUrl({ redirectUri: provider.redirectUriFor(5), state: 's', codeChallenge: 'c'.repeat(43), nonce: 'n', loginHint: '110000000000000000003', permission: 'friends' }),
    );
    expect(url.searchParams.get('include_granted_scopes')).toBe('true');
    expect(url.searchParams.get('login_hint')).toBe('110000000000000000003');
    expect(url.searchParams.get('scope')).toBe('openid email profile https://www.googleapis.com/auth/contacts.readonly');
    // A first sign-in does not merge in earlier grants.
    const first = new URL(await provider.authorizationUrl({ redirectUri: provider.redirectUriFor(5), state: 's', codeChallenge: 'c'.repeat(43), nonce: 'n' }));
    expect(first.searchParams.has('include_granted_scopes')).toBe(false);
    expect(first.searchParams.has('login_hint')).toBe(false);
  });

  it('takes the grant\'s end from refresh_token_expires_in on a refresh, on Kith\'s clock', async () => {
    const { fetchImpl } = tokenEndpoint({ access_token: 'new-access', expires_in: 3599, scope: 'openid', refresh_token_expires_in: 7200 });
    const renewed = await createGoogleProvider(config, fetchImpl, { clock: { now: () => 1_000_000 } }).refresh(current);
    expect(renewed.refreshTokenExpiresAt).toBe(1_000_000 + 7_200_000);
    // Said once and not again: the refresh token's end stays the one stored.
    const { fetchImpl: quiet } = tokenEndpoint({ access_token: 'newer', expires_in: 3599, scope: 'openid' });
    const again = await createGoogleProvider(config, quiet).refresh({ ...current, refreshTokenExpiresAt: 42 });
    expect(again.refreshTokenExpiresAt).toBe(42);
  });

  it('stores the scopes a refresh answer names, dropping one withdrawn since', async () => {
    const { fetchImpl } = tokenEndpoint({ access_token: 'new-access', expires_in: 3599, scope: 'openid email' });
    const renewed = await createGoogleProvider(config, fetchImpl).refresh({ ...current, scopes: ['email', 'https://www.googleapis.com/auth/contacts.readonly', 'openid'] });
    expect(renewed.scopes).toEqual(['openid', 'email']);
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

describe('Google answers Kith cannot read (unit)', () => {
  async function syncError(page: unknown) {
    const fetchImpl = (async () => Response.json(page)) as unknown as typeof fetch;
    const listing = createGoogleProvider(config, fetchImpl).listFriends('access', { syncToken: null });
    const error = await (async () => {
      for await (const _batch of listing.batches) {
        // drain
      }
    })().then(
      () => null,
      (e: unknown) => e,
    );
    return error as { code?: string; message?: string } | null;
  }

  it.each([
    ['names is not a list', { connections: [{ resourceName: 'people/c1', names: 'Ada Lovelace' }] }],
    ['emailAddresses is not a list', { connections: [{ resourceName: 'people/c1', emailAddresses: { value: 'ada@example.com' } }] }],
    ['a display name is a number', { connections: [{ resourceName: 'people/c1', names: [{ displayName: 42 }] }] }],
    ['connections is not a list', { connections: { resourceName: 'people/c1' } }],
    ['a person is not an object', { connections: ['people/c1'] }],
    ['nextPageToken is a number', { connections: [], nextPageToken: 2 }],
    ['totalItems is a string', { connections: [], totalItems: '12' }],
  ])('ends a contacts sync whose page is unreadable (%s) as E_PROVIDER, not a TypeError', async (_why, page) => {
    const error = await syncError(page);
    expect(error).toMatchObject({ code: 'E_PROVIDER', message: expect.stringContaining('Google sent an answer Kith cannot read (contacts sync:') });
  });

  it('reads People\'s 403 ACCESS_TOKEN_SCOPE_INSUFFICIENT as the contacts permission not granted', async () => {
    const fetchImpl = (async () =>
      Response.json(
        {
          error: {
            code: 403,
            message: 'Request had insufficient authentication scopes.',
            status: 'PERMISSION_DENIED',
            details: [{ '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'ACCESS_TOKEN_SCOPE_INSUFFICIENT', domain: 'googleapis.com' }],
          },
        },
        { status: 403 },
      )) as unknown as typeof fetch;
    const listing = createGoogleProvider(config, fetchImpl).listFriends('access', { syncToken: null });
    listing.outcome.catch(() => {});
    const error = await (async () => {
      for await (const _batch of listing.batches) {
        // drain
      }
    })().then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(PermissionNotGranted);
    expect(error).toMatchObject({ permission: 'friends' });
  });

  it('reads a lenient page: unknown fields, missing fields and nulls', async () => {
    const page = {
      connections: [
        { resourceName: 'people/c1', etag: 'x', names: [{ displayName: 'Ada', metadata: { primary: true, source: { type: 'CONTACT' } } }], photos: null },
        { resourceName: 'people/c2', emailAddresses: [{ value: 'bob@example.com' }], metadata: { deleted: null } },
        { etag: 'no resource name: skipped' },
      ],
      totalItems: 3,
      nextSyncToken: 'sync-1',
      somethingNew: { a: 1 },
    };
    const fetchImpl = (async () => Response.json(page)) as unknown as typeof fetch;
    const listing = createGoogleProvider(config, fetchImpl).listFriends('access', { syncToken: null });
    const upserts = [];
    for await (const batch of listing.batches) upserts.push(...batch.upserts);
    expect(upserts.map((p) => [p.personId, p.name])).toEqual([
      ['people/c1', 'Ada'],
      ['people/c2', 'bob@example.com'],
    ]);
    await expect(listing.outcome).resolves.toEqual({ mode: 'full', nextSyncToken: 'sync-1', friendTotal: null });
  });

  it.each([
    ['access_token is a number', { access_token: 12345, expires_in: 3599 }],
    ['scope is a list', { access_token: 'new-access', expires_in: 3599, scope: ['openid'] }],
    ['refresh_token is a number', { access_token: 'new-access', expires_in: 3599, refresh_token: 7 }],
    ['expires_in is not a number', { access_token: 'new-access', expires_in: 'soon' }],
  ])('refuses a token refresh answer where %s', async (_why, body) => {
    const { fetchImpl } = tokenEndpoint(body);
    await expect(createGoogleProvider(config, fetchImpl).refresh(current)).rejects.toMatchObject({
      code: 'E_PROVIDER',
      message: expect.stringContaining('Google sent an answer Kith cannot read (token refresh:'),
    });
  });

  it('refuses a code exchange answer of the wrong shape before reading the identity token', async () => {
    const { fetchImpl } = tokenEndpoint({ access_token: 'new-access', expires_in: 'soon', id_token: 'header.payload.signature' });
    const provider = createGoogleProvider(config, fetchImpl);
    await expect(provider.exchangeCode({ code: 'c', codeVerifier: 'v'.repeat(43), redirectUri: provider.redirectUriFor(1), nonce: 'n' })).rejects.toMatchObject({
      code: 'E_PROVIDER',
      message: expect.stringContaining('Google sent an answer Kith cannot read (sign-in: expiry_date'),
    });
  });
});
