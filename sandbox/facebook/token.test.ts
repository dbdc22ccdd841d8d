import { createRemoteJWKSet, jwtVerify } from 'jose';
import { describe, expect, it } from 'vitest';
import { useSandbox } from '../testing/fixture';
import { consent, facebookAuthUrl, facebookTokens, getJson, pkcePair, postForm } from '../testing/consent';
import { SANDBOX_CREDENTIALS } from '../seed/people';

const sandbox = useSandbox();
const REDIRECT = SANDBOX_CREDENTIALS.facebook.defaultRedirectUris[0];
const APP = SANDBOX_CREDENTIALS.facebook.appId;

async function codeFor(challenge?: string) {
  const { redirect } = await consent(facebookAuthUrl(sandbox.url, challenge === undefined ? {} : { challenge }));
  return redirect.searchParams.get('code') ?? '';
}

function tokenUrl(params: Record<string, string>) {
  const url = new URL(`${sandbox.url}/facebook/graph/v23.0/oauth/access_token`);
  url.search = new URLSearchParams({ client_id: APP, redirect_uri: REDIRECT, ...params }).toString();
  return url.toString();
}

describe('Facebook code exchange (OIDC code flow with PKCE)', () => {
  it('returns an access token with expires_in and a verifiable id_token, no refresh token, no app secret needed', async () => {
    const { verifier, challenge } = pkcePair();
    const code = await codeFor(challenge);
    const { status, body } = await getJson(tokenUrl({ code, code_verifier: verifier }));
    expect(status).toBe(200);
    expect(body).toMatchObject({ token_type: 'bearer', expires_in: 3600 });
    expect(body.refresh_token).toBeUndefined();
    const jwks = createRemoteJWKSet(new URL(`${sandbox.url}/facebook/.well-known/oauth/openid/jwks/`));
    const { payload } = await jwtVerify(String(body.id_token), jwks, { issuer: `${sandbox.url}/facebook`, audience: APP });
    expect(payload).toMatchObject({ sub: '10000000000000101', nonce: 'nonce-fb', name: 'Kofi Mensah', email: 'kofi.mensah@example.net' });
  });

  it('also accepts a POSTed form (as generic OAuth clients send it)', async () => {
    const { verifier, challenge } = pkcePair();
    const code = await codeFor(challenge);
    const res = await postForm(`${sandbox.url}/facebook/graph/v23.0/oauth/access_token`, { client_id: APP, redirect_uri: REDIRECT, code, code_verifier: verifier, grant_type: 'authorization_code' });
    expect(res.status).toBe(200);
  });

  it('rejects a wrong verifier', async () => {
    const code = await codeFor(pkcePair().challenge);
    const { status, body } = await getJson(tokenUrl({ code, code_verifier: pkcePair().verifier }));
    expect(status).toBe(400);
    expect(body).toMatchObject({ error: { type: 'OAuthException', code: 100, message: 'Invalid code verifier.' } });
    expect((body.error as { fbtrace_id: string }).fbtrace_id).toBeTruthy();
  });

  it('rejects a reused code (subcode 36009) and revokes what it produced', async () => {
    const { verifier, challenge } = pkcePair();
    const code = await codeFor(challenge);
    const first = await getJson(tokenUrl({ code, code_verifier: verifier }));
    const second = await getJson(tokenUrl({ code, code_verifier: verifier }));
    expect(second.body).toMatchObject({ error: { code: 100, error_subcode: 36009 } });
    const me = await getJson(`${sandbox.url}/facebook/graph/v23.0/me?access_token=${encodeURIComponent(String(first.body.access_token))}`);
    expect(me.status).toBe(400);
  });

  it('rejects an expired code (subcode 36007)', async () => {
    const { verifier, challenge } = pkcePair();
    const code = await codeFor(challenge);
    await sandbox.admin.advanceClock(61);
    expect((await getJson(tokenUrl({ code, code_verifier: verifier }))).body).toMatchObject({ error: { code: 100, error_subcode: 36007 } });
  });

  it('rejects a redirect_uri that differs from the dialog’s (subcode 36008)', async () => {
    const { verifier, challenge } = pkcePair();
    const code = await codeFor(challenge);
    const res = await getJson(tokenUrl({ code, code_verifier: verifier, redirect_uri: 'http://localhost:47823/kith/facebook/callback/' }));
    expect(res.body).toMatchObject({ error: { code: 100, error_subcode: 36008 } });
  });

  it('rejects an unknown app id and a wrong app secret', async () => {
    const { verifier, challenge } = pkcePair();
    const code = await codeFor(challenge);
    expect((await getJson(tokenUrl({ code, code_verifier: verifier, client_id: '42' }))).body).toMatchObject({ error: { code: 101 } });
    expect((await getJson(tokenUrl({ code, code_verifier: verifier, client_secret: 'wrong' }))).body).toMatchObject({ error: { code: 1, message: 'Error validating client secret.' } });
  });

  it('demands the app secret for a code obtained without PKCE', async () => {
    const code = await codeFor();
    expect((await getJson(tokenUrl({ code }))).body).toMatchObject({ error: { code: 1 } });
    const withSecret = await getJson(tokenUrl({ code, client_secret: SANDBOX_CREDENTIALS.facebook.appSecret }));
    expect(withSecret.status).toBe(200);
  });

  it('omits the id_token without the openid scope', async () => {
    const { verifier, challenge } = pkcePair();
    const { redirect } = await consent(facebookAuthUrl(sandbox.url, { challenge, scope: 'public_profile,user_friends' }));
    const res = await getJson(tokenUrl({ code: redirect.searchParams.get('code') ?? '', code_verifier: verifier }));
    expect(res.body.id_token).toBeUndefined();
  });
});

describe('Facebook fb_exchange_token', () => {
  const exchange = (params: Record<string, string>) => getJson(tokenUrl({ grant_type: 'fb_exchange_token', ...params }));

  it('demands the app secret', async () => {
    const { access_token } = await facebookTokens(sandbox.url);
    expect((await exchange({ fb_exchange_token: access_token })).body).toMatchObject({ error: { code: 1 } });
    expect((await exchange({ fb_exchange_token: access_token, client_secret: 'nope' })).body).toMatchObject({ error: { code: 1 } });
  });

  it('returns a long-lived token of about 60 days', async () => {
    const { access_token } = await facebookTokens(sandbox.url);
    const res = await exchange({ fb_exchange_token: access_token, client_secret: SANDBOX_CREDENTIALS.facebook.appSecret });
    expect(res.status).toBe(200);
    expect(res.body.expires_in).toBe(60 * 24 * 3600);
    const longLived = await sandbox.admin.tokens({ kind: 'long_lived' });
    expect(longLived.map((t) => t.value)).toEqual([res.body.access_token]);
    const me = await getJson(`${sandbox.url}/facebook/graph/v23.0/me?access_token=${encodeURIComponent(String(res.body.access_token))}`);
    expect(me.status).toBe(200);
  });

  it('refuses an expired input token with 190/463', async () => {
    const { access_token } = await facebookTokens(sandbox.url);
    await sandbox.admin.expireAccessTokens('facebook');
    const res = await exchange({ fb_exchange_token: access_token, client_secret: SANDBOX_CREDENTIALS.facebook.appSecret });
    expect(res.body).toMatchObject({ error: { code: 190, error_subcode: 463 } });
  });
});
