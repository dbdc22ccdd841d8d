import { describe, expect, it } from 'vitest';
import { useSandbox } from '../testing/fixture';
import { facebookTokens, getJson } from '../testing/consent';
import { SANDBOX_CREDENTIALS } from '../seed/people';

const sandbox = useSandbox();
const graph = (path: string, token?: string) => {
  const url = new URL(`${sandbox.url}/facebook/graph/v23.0${path}`);
  if (token !== undefined) url.searchParams.set('access_token', token);
  return getJson(url.toString());
};
const APP_TOKEN = `${SANDBOX_CREDENTIALS.facebook.appId}|${SANDBOX_CREDENTIALS.facebook.appSecret}`;

interface FriendsBody {
  data: { id: string; name: string; picture?: { data: { url: string } } }[];
  paging?: { cursors: { before: string; after: string }; next?: string; previous?: string };
  summary?: { total_count: number };
}

describe('Graph /me', () => {
  it('returns id and name by default, and the requested fields', async () => {
    const { access_token } = await facebookTokens(sandbox.url);
    expect((await graph('/me', access_token)).body).toEqual({ id: '10000000000000101', name: 'Kofi Mensah' });
    const full = await graph('/me?fields=id,name,email,picture.type(large)', access_token);
    expect(full.body).toMatchObject({ id: '10000000000000101', email: 'kofi.mensah@example.net', picture: { data: { is_silhouette: false } } });
    expect(full.headers.get('x-app-usage')).toContain('call_count');
  });

  it('accepts the token in an Authorization header, and the user id in place of me', async () => {
    const { access_token } = await facebookTokens(sandbox.url);
    const res = await getJson(`${sandbox.url}/facebook/graph/v23.0/10000000000000101?fields=name`, { Authorization: `Bearer ${access_token}` });
    expect(res.body).toEqual({ name: 'Kofi Mensah', id: '10000000000000101' });
  });

  it('omits email without the email permission', async () => {
    const { access_token } = await facebookTokens(sandbox.url, { scope: 'openid,public_profile' });
    expect((await graph('/me?fields=id,email', access_token)).body).toEqual({ id: '10000000000000101' });
  });

  it('rejects unknown fields with code 100', async () => {
    const { access_token } = await facebookTokens(sandbox.url);
    expect((await graph('/me?fields=id,birthday', access_token)).body).toMatchObject({ error: { code: 100, message: '(#100) Tried accessing nonexisting field (birthday) on node type (User)' } });
  });

  it('answers 2500 without a token and 190 for an unparseable one', async () => {
    expect((await graph('/me')).body).toMatchObject({ error: { code: 2500 } });
    const bad = await graph('/me', 'EAABnope');
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ error: { code: 190, type: 'OAuthException', message: 'Invalid OAuth access token - Cannot parse access token' } });
    expect((bad.body.error as Record<string, unknown>).error_subcode).toBeUndefined();
    expect(bad.headers.get('www-authenticate')).toContain('invalid_token');
  });

  it('answers 190/463 for an expired token', async () => {
    const { access_token } = await facebookTokens(sandbox.url);
    await sandbox.admin.advanceClock(3601);
    expect((await graph('/me', access_token)).body).toMatchObject({ error: { code: 190, error_subcode: 463 } });
  });

  it.each([
    ['removed-app', 458],
    ['password-changed', 460],
    ['logged-out', 467],
  ] as const)('answers 190/%s → %i when the person ended the grant at Facebook', async (reason, subcode) => {
    const { access_token } = await facebookTokens(sandbox.url);
    expect(await sandbox.admin.revokeGrant({ provider: 'facebook', person: 'kofi', reason })).toBe(1);
    expect((await graph('/me', access_token)).body).toMatchObject({ error: { code: 190, error_subcode: subcode } });
  });
});

describe('Graph /me/friends', () => {
  it('lists friends who use the app, 25 a page, with cursors, next, and total_count of all friends', async () => {
    const { access_token } = await facebookTokens(sandbox.url);
    const first = (await graph('/me/friends', access_token)).body as unknown as FriendsBody;
    expect(first.data).toHaveLength(25);
    expect(first.summary?.total_count).toBe(120);
    expect(first.paging?.previous).toBeUndefined();
    expect(first.data[0]).toEqual({ name: expect.any(String), id: expect.stringMatching(/^\d+$/) });

    const seen: string[] = first.data.map((f) => f.id);
    let next = first.paging?.next;
    while (next) {
      const page = (await getJson(next)).body as unknown as FriendsBody;
      seen.push(...page.data.map((f) => f.id));
      expect(page.paging?.previous).toBeTruthy();
      next = page.paging?.next;
    }
    expect(seen).toHaveLength(80); // 120 friends, a third of whom do not use the app
    expect(new Set(seen).size).toBe(80);
  });

  it('pages with limit and after, and returns pictures served by the sandbox', async () => {
    const { access_token } = await facebookTokens(sandbox.url);
    const first = (await graph('/me/friends?limit=10&fields=id,name,picture', access_token)).body as unknown as FriendsBody;
    expect(first.data).toHaveLength(10);
    const after = first.paging?.cursors.after ?? '';
    const second = (await graph(`/me/friends?limit=10&fields=id,name,picture&after=${encodeURIComponent(after)}`, access_token)).body as unknown as FriendsBody;
    expect(second.data[0]?.id).not.toBe(first.data[9]?.id);
    expect(new Set([...first.data, ...second.data].map((f) => f.id)).size).toBe(20);
    const picture = await fetch(second.data[0]?.picture?.data.url ?? '');
    expect(picture.headers.get('content-type')).toBe('image/svg+xml');
  });

  it('rejects a cursor from somebody else', async () => {
    const kofi = await facebookTokens(sandbox.url, { person: 'kofi' });
    const mei = await facebookTokens(sandbox.url, { person: 'mei' });
    const page = (await graph('/me/friends?limit=2', kofi.access_token)).body as unknown as FriendsBody;
    expect((await graph(`/me/friends?after=${page.paging?.cursors.after ?? ''}`, mei.access_token)).body).toMatchObject({ error: { code: 100 } });
  });

  it('is empty without user_friends, and for a person with no friends', async () => {
    const declined = await facebookTokens(sandbox.url, { friends: false });
    expect((await graph('/me/friends', declined.access_token)).body).toEqual({ data: [] });
    const lars = await facebookTokens(sandbox.url, { person: 'lars' });
    expect((await graph('/me/friends', lars.access_token)).body).toEqual({ data: [], summary: { total_count: 0 } });
  });
});

describe('Graph /me/friends with --friends', () => {
  const big = useSandbox({ friends: 3000 });
  it('serves thousands of friends by limit', async () => {
    const { access_token } = await facebookTokens(big.url);
    const res = await getJson(`${big.url}/facebook/graph/v23.0/me/friends?limit=5000&access_token=${encodeURIComponent(access_token)}`);
    const body = res.body as unknown as FriendsBody;
    expect(body.data).toHaveLength(2000);
    expect(body.summary?.total_count).toBe(3000);
    expect(body.paging?.next).toBeUndefined();
  });
});

describe('Graph /me/permissions', () => {
  it('lists granted and declined permissions', async () => {
    const { access_token } = await facebookTokens(sandbox.url, { friends: false });
    expect((await graph('/me/permissions', access_token)).body).toEqual({
      data: [
        { permission: 'public_profile', status: 'granted' },
        { permission: 'email', status: 'granted' },
        { permission: 'user_friends', status: 'declined' },
      ],
    });
  });

  it('DELETE revokes the grant: every token of it answers 190/458 afterwards', async () => {
    const first = await facebookTokens(sandbox.url);
    const second = await facebookTokens(sandbox.url);
    const res = await fetch(`${sandbox.url}/facebook/graph/v23.0/me/permissions?access_token=${encodeURIComponent(first.access_token)}`, { method: 'DELETE' });
    expect(await res.json()).toEqual({ success: true });
    expect((await graph('/me', second.access_token)).body).toMatchObject({ error: { code: 190, error_subcode: 458 } });
    const { grants } = await sandbox.admin.grants({ provider: 'facebook' });
    expect(grants[0]?.status).toBe('revoked');
  });

  it('DELETE /me/permissions/user_friends declines just that permission', async () => {
    const { access_token } = await facebookTokens(sandbox.url);
    const res = await fetch(`${sandbox.url}/facebook/graph/v23.0/me/permissions/user_friends`, { method: 'DELETE', headers: { Authorization: `OAuth ${access_token}` } });
    expect(res.status).toBe(200);
    expect((await graph('/me/friends', access_token)).body).toEqual({ data: [] });
    expect((await graph('/me', access_token)).status).toBe(200);
  });

  it('answers for the user id as for me, and refuses somebody else’s id', async () => {
    const { access_token } = await facebookTokens(sandbox.url);
    expect((await graph('/10000000000000101/permissions', access_token)).status).toBe(200);
    expect((await graph('/10000000000000102/permissions', access_token)).body).toMatchObject({ error: { code: 100, error_subcode: 33 } });
  });

  it('accepts ?method=delete', async () => {
    const { access_token } = await facebookTokens(sandbox.url);
    expect((await graph('/me/permissions?method=delete', access_token)).body).toEqual({ success: true });
    expect((await graph('/me', access_token)).status).toBe(400);
  });
});

describe('Graph /debug_token', () => {
  it('describes a valid token to the app', async () => {
    const { access_token } = await facebookTokens(sandbox.url);
    const res = await graph(`/debug_token?input_token=${encodeURIComponent(access_token)}`, APP_TOKEN);
    expect(res.body).toMatchObject({ data: { app_id: SANDBOX_CREDENTIALS.facebook.appId, type: 'USER', is_valid: true, user_id: '10000000000000101', scopes: ['public_profile', 'email', 'user_friends'] } });
  });

  it('reports an invalid input token inside data with is_valid false', async () => {
    const { access_token } = await facebookTokens(sandbox.url);
    await sandbox.admin.revokeGrant({ provider: 'facebook' });
    const res = await graph(`/debug_token?input_token=${encodeURIComponent(access_token)}`, APP_TOKEN);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ data: { is_valid: false, error: { code: 190, subcode: 458 } } });
  });

  it('needs an app token or a user token of the app', async () => {
    const { access_token } = await facebookTokens(sandbox.url);
    expect((await graph(`/debug_token?input_token=${encodeURIComponent(access_token)}`, `${SANDBOX_CREDENTIALS.facebook.appId}|wrong`)).body).toMatchObject({ error: { code: 100 } });
    expect((await graph(`/debug_token?input_token=${encodeURIComponent(access_token)}`, access_token)).body).toMatchObject({ data: { is_valid: true } });
    expect((await graph('/debug_token', APP_TOKEN)).body).toMatchObject({ error: { code: 100 } });
  });
});

describe('Facebook OIDC discovery', () => {
  it('publishes issuer {base}/facebook and the JWKS, with the trailing slashes Facebook uses', async () => {
    const { body } = await getJson(`${sandbox.url}/facebook/.well-known/openid-configuration/`);
    expect(body.issuer).toBe(`${sandbox.url}/facebook`);
    expect(body.jwks_uri).toBe(`${sandbox.url}/facebook/.well-known/oauth/openid/jwks/`);
    const jwks = await getJson(String(body.jwks_uri));
    expect((jwks.body.keys as { alg: string }[])[0]?.alg).toBe('RS256');
  });

  it('advertises only what www.facebook.com’s discovery does: id_token response types, no code flow, no PKCE, no token endpoint', async () => {
    const { body } = await getJson(`${sandbox.url}/facebook/.well-known/openid-configuration/`);
    expect(Object.keys(body).sort()).toEqual(['authorization_endpoint', 'claims_supported', 'id_token_signing_alg_values_supported', 'issuer', 'jwks_uri', 'response_types_supported', 'subject_types_supported']);
    expect(body).toMatchObject({ response_types_supported: ['id_token', 'token id_token'], subject_types_supported: ['pairwise'], id_token_signing_alg_values_supported: ['RS256'] });
    // Its authorization endpoint (trailing slash, as Facebook's) serves the dialog.
    expect((await fetch(`${String(body.authorization_endpoint)}?client_id=${SANDBOX_CREDENTIALS.facebook.appId}&redirect_uri=${encodeURIComponent(SANDBOX_CREDENTIALS.facebook.defaultRedirectUris[0])}`)).status).toBe(200);
  });

  it('answers unknown Graph paths with a Graph error', async () => {
    expect((await graph('/me/feed', 'x')).body).toMatchObject({ error: { type: 'OAuthException' } });
  });
});
