// Facebook provider behaviour the sandbox does not exercise: unknown expiry
// when the exchange omits expires_in, an id_token naming another
// person than the access token, silhouettes, a repeating cursor.
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config/load-config';
import { createFacebookProvider } from './facebook-provider';
import type { FriendBatch } from './provider';

const config = loadConfig({ KITH_SANDBOX_URL: 'http://127.0.0.1:9', KITH_FACEBOOK_LOGIN: 'oidc' });
const fb = config.facebook;
let key: CryptoKey;
let jwk: JWK;

beforeAll(async () => {
  const pair = await generateKeyPair('RS256', { extractable: true });
  key = pair.privateKey;
  jwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'RS256' };
});

const idToken = (sub: string, nonce = 'nonce-1') =>
  new SignJWT({ sub, nonce, name: 'Ada', iss: fb.issuers[0], aud: fb.appId })
    .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
    .setIssuedAt()
    .setExpirationTime('1h')
    .sign(key);

type Route = (url: URL, init: RequestInit | undefined) => Response | Promise<Response>;

function graph(routes: Record<string, Route>) {
  const calls: Array<{ method: string; url: URL; body: string | null; authorization: string | null }> = [];
  const fetchImpl = (async (raw: string, init?: RequestInit) => {
    const url = new URL(raw);
    const method = init?.method ?? 'GET';
    calls.push({ method, url, body: init?.body ? String(init.body) : null, authorization: new Headers(init?.headers).get('authorization') });
    const path = url.pathname.replace(new URL(fb.graphUrl).pathname, '');
    const route = url.toString().startsWith(fb.jwksUrl) ? routes.jwks : routes[`${method} ${path}`];
    if (!route) return Response.json({ error: { code: 100, message: 'no route' } }, { status: 400 });
    return route(url, init);
  }) as unknown as typeof fetch;
  return { fetchImpl, calls };
}

const exchangeParams = { code: 'the-code', codeVerifier: 'v'.repeat(43), redirectUri: fb.redirectUri, nonce: 'nonce-1' };

function loginRoutes(overrides: Record<string, Route> = {}): Record<string, Route> {
  return {
    jwks: () => Response.json({ keys: [jwk] }),
    'POST /oauth/access_token': async () => Response.json({ access_token: 'EAAB-token', token_type: 'bearer', id_token: await idToken('42') }),
    'GET /me': () => Response.json({ id: '42', name: 'Ada Lovelace', picture: { data: { url: 'http://127.0.0.1:9/avatars/x.png', is_silhouette: true } } }),
    'GET /me/permissions': () => Response.json({ data: [{ permission: 'public_profile', status: 'granted' }, { permission: 'user_friends', status: 'declined' }] }),
    ...overrides,
  };
}

describe('Facebook provider (unit)', () => {
  it('exchanges the code with the verifier and no app secret', async () => {
    const { fetchImpl, calls } = graph(loginRoutes());
    const { tokens, identity } = await createFacebookProvider(config, fetchImpl).exchangeCode(exchangeParams);
    const exchange = calls.find((c) => c.url.pathname.endsWith('/oauth/access_token'))!;
    const form = new URLSearchParams(exchange.body!);
    expect(Object.fromEntries(form)).toEqual({ client_id: fb.appId, redirect_uri: fb.redirectUri, code_verifier: 'v'.repeat(43), code: 'the-code' });
    expect(exchange.url.search).toBe('');
    expect(tokens).toEqual({ accessToken: 'EAAB-token', accessTokenExpiresAt: null, refreshToken: null, scopes: ['openid', 'public_profile'] });
    expect(identity).toEqual({ subject: '42', displayName: 'Ada Lovelace', email: null, avatarUrl: null });
    // The access token travels in the Authorization header of Kith's own Graph calls.
    const me = calls.find((c) => c.url.pathname.endsWith('/me'))!;
    expect(me.authorization).toBe('Bearer EAAB-token');
    expect(me.url.searchParams.has('access_token')).toBe(false);
  });

  it('takes a missing expires_in as unknown expiry, and never puts the access token in a URL (no debug_token)', async () => {
    const { fetchImpl, calls } = graph(loginRoutes({ 'GET /debug_token': () => Response.json({ data: { is_valid: true, expires_at: 1_900_000_000 } }) }));
    const { tokens } = await createFacebookProvider(config, fetchImpl).exchangeCode(exchangeParams);
    expect(tokens.accessTokenExpiresAt).toBeNull();
    expect(calls.map((c) => `${c.method} ${c.url.pathname}`)).not.toContainEqual(expect.stringContaining('/debug_token'));
    for (const call of calls) expect(call.url.toString()).not.toContain('EAAB-token');
  });

  it('times expires_in on Kith clock', async () => {
    const { fetchImpl } = graph(
      loginRoutes({ 'POST /oauth/access_token': async () => Response.json({ access_token: 'EAAB-token', expires_in: 5_183_944, id_token: await idToken('42') }) }),
    );
    const now = Date.now() + 1_000;
    const { tokens } = await createFacebookProvider(config, fetchImpl, { clock: { now: () => now } }).exchangeCode(exchangeParams);
    expect(tokens.accessTokenExpiresAt).toBe(now + 5_183_944_000);
  });

  it('refuses an id_token that names another person than the access token', async () => {
    const { fetchImpl } = graph(loginRoutes({ 'GET /me': () => Response.json({ id: '43', name: 'Eve' }) }));
    await expect(createFacebookProvider(config, fetchImpl).exchangeCode(exchangeParams)).rejects.toMatchObject({ code: 'E_ID_TOKEN_INVALID' });
  });

  it('refuses a sign-in without an id_token', async () => {
    const { fetchImpl } = graph(loginRoutes({ 'POST /oauth/access_token': () => Response.json({ access_token: 'EAAB-token', expires_in: 3600 }) }));
    await expect(createFacebookProvider(config, fetchImpl).exchangeCode(exchangeParams)).rejects.toMatchObject({ code: 'E_ID_TOKEN_INVALID' });
  });

  it('stops paging when Graph repeats a cursor', async () => {
    let page = 0;
    const { fetchImpl, calls } = graph({
      'GET /me/friends': () => {
        page += 1;
        return Response.json({ data: [{ id: `f${page}`, name: `F${page}` }], paging: { cursors: { after: 'same' }, next: 'http://x/next' }, summary: { total_count: 9 } });
      },
    });
    const listing = createFacebookProvider(config, fetchImpl).listFriends('EAAB-token', { syncToken: null });
    const batches: FriendBatch[] = [];
    for await (const batch of listing.batches) batches.push(batch);
    expect(batches).toHaveLength(2);
    expect(calls[1]!.url.searchParams.get('after')).toBe('same');
    await expect(listing.outcome).resolves.toEqual({ mode: 'full', nextSyncToken: null, friendTotal: 9 });
  });

  it('says clearly when Graph answers 200 with something that is not an object', async () => {
    const { fetchImpl } = graph({ 'GET /me/friends': () => new Response('null', { headers: { 'content-type': 'application/json' } }) });
    const listing = createFacebookProvider(config, fetchImpl).listFriends('EAAB-token', { syncToken: null });
    await expect(listing.batches[Symbol.asyncIterator]().next()).rejects.toMatchObject({ code: 'E_PROVIDER', message: expect.stringContaining('cannot read') });
    await expect(listing.outcome).rejects.toMatchObject({ code: 'E_PROVIDER' });
  });

  it('uses the configured redirect URI and port, and asks for the OIDC code flow with PKCE', async () => {
    const provider = createFacebookProvider(config, fetch);
    expect(provider.fixedRedirect).toEqual({ port: 47823, path: '/kith/facebook/callback' });
    expect(provider.redirectUriFor(1234)).toBe('http://127.0.0.1:47823/kith/facebook/callback');
    const url = new URL(await provider.authorizationUrl({ redirectUri: fb.redirectUri, state: 's', codeChallenge: 'c'.repeat(43), nonce: 'n' }));
    expect(Object.fromEntries(url.searchParams)).toEqual({
      client_id: fb.appId,
      redirect_uri: fb.redirectUri,
      response_type: 'code',
      scope: 'openid,public_profile,email,user_friends',
      state: 's',
      code_challenge: 'c'.repeat(43),
      code_challenge_method: 'S256',
      nonce: 'n',
      auth_type: 'rerequest',
    });
  });
});

describe('Facebook answers Kith cannot read (unit)', () => {
  it.each([
    ['access_token is a number', { access_token: 12345, expires_in: 3600 }],
    ['expires_in is a string', { access_token: 'EAAB-token', expires_in: 'in an hour' }],
    ['id_token is an object', { access_token: 'EAAB-token', id_token: { sub: '42' } }],
  ])('refuses a code exchange answer where %s', async (_why, body) => {
    const { fetchImpl } = graph(loginRoutes({ 'POST /oauth/access_token': () => Response.json(body) }));
    await expect(createFacebookProvider(config, fetchImpl).exchangeCode(exchangeParams)).rejects.toMatchObject({
      code: 'E_PROVIDER',
      message: expect.stringContaining('Facebook sent an answer Kith cannot read (sign-in:'),
    });
  });

  it.each([
    ['data is not a list', { data: { id: 'f1' } }],
    ['a friend has no id', { data: [{ name: 'No Id' }] }],
    ['a name is a number', { data: [{ id: 'f1', name: 5 }] }],
    ['a picture url is a number', { data: [{ id: 'f1', picture: { data: { url: 5 } } }] }],
    ['total_count is a string', { data: [], summary: { total_count: '9' } }],
    ['the after cursor is a number', { data: [], paging: { next: 'http://x/next', cursors: { after: 7 } } }],
  ])('ends a friends sync whose page is unreadable (%s) as E_PROVIDER', async (_why, page) => {
    const { fetchImpl } = graph({ 'GET /me/friends': () => Response.json(page) });
    const listing = createFacebookProvider(config, fetchImpl).listFriends('EAAB-token', { syncToken: null });
    await expect(listing.batches[Symbol.asyncIterator]().next()).rejects.toMatchObject({
      code: 'E_PROVIDER',
      message: expect.stringContaining('Facebook sent an answer Kith cannot read (friends sync:'),
    });
  });

  it('reads a lenient friends page: unknown fields, missing fields and nulls', async () => {
    const { fetchImpl } = graph({
      'GET /me/friends': () => Response.json({ data: [{ id: 'f1', name: 'Ada', picture: null, extra: true }, { id: 'f2' }], summary: { total_count: 9, order: 'x' } }),
    });
    const listing = createFacebookProvider(config, fetchImpl).listFriends('EAAB-token', { syncToken: null });
    const batches: FriendBatch[] = [];
    for await (const batch of listing.batches) batches.push(batch);
    expect(batches.flatMap((b) => b.upserts.map((f) => [f.personId, f.name]))).toEqual([
      ['f1', 'Ada'],
      ['f2', 'Facebook friend'],
    ]);
    await expect(listing.outcome).resolves.toEqual({ mode: 'full', nextSyncToken: null, friendTotal: 9 });
  });
});
