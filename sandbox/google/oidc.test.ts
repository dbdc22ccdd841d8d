import { createRemoteJWKSet, jwtVerify, createLocalJWKSet } from 'jose';
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { useSandbox } from '../testing/fixture';
import { getJson, googleTokens } from '../testing/consent';
import { SANDBOX_CREDENTIALS } from '../seed/people';

const sandbox = useSandbox();

describe('Google OpenID Connect', () => {
  it('publishes a discovery document whose issuer is {base}/google', async () => {
    const { body } = await getJson(`${sandbox.url}/google/.well-known/openid-configuration`);
    expect(body.issuer).toBe(`${sandbox.url}/google`);
    expect(body.jwks_uri).toBe(`${sandbox.url}/google/oauth2/v3/certs`);
    expect(body.token_endpoint).toBe(`${sandbox.url}/google/token`);
    expect(body.code_challenge_methods_supported).toEqual(['S256']);
  });

  it('signs id_tokens RS256 with a key from the JWKS, with sub, email, name, picture, nonce and at_hash', async () => {
    const tokens = await googleTokens(sandbox.url, { person: 'grace' });
    const jwks = createRemoteJWKSet(new URL(`${sandbox.url}/google/oauth2/v3/certs`));
    const { payload, protectedHeader } = await jwtVerify(tokens.id_token ?? '', jwks, { issuer: `${sandbox.url}/google`, audience: SANDBOX_CREDENTIALS.google.clientId });
    expect(protectedHeader.alg).toBe('RS256');
    expect(payload).toMatchObject({ sub: '110000000000000000002', email: 'grace.hopper@example.com', email_verified: true, name: 'Grace Hopper', nonce: 'nonce-123', azp: SANDBOX_CREDENTIALS.google.clientId });
    expect(payload.exp).toBe((payload.iat ?? 0) + 3600);
    const hash = createHash('sha256').update(tokens.access_token).digest();
    expect(payload.at_hash).toBe(hash.subarray(0, 16).toString('base64url'));
    const picture = await fetch(String(payload.picture));
    expect(picture.headers.get('content-type')).toBe('image/svg+xml');
    expect(await picture.text()).toContain('GH');
  });

  it('omits email and profile claims without those scopes', async () => {
    const tokens = await googleTokens(sandbox.url, { scope: 'openid' });
    const { body } = await getJson(`${sandbox.url}/google/oauth2/v3/certs`);
    const { payload } = await jwtVerify(tokens.id_token ?? '', createLocalJWKSet(body as never));
    expect(payload.email).toBeUndefined();
    expect(payload.name).toBeUndefined();
  });

  it('serves the same key as PEM at oauth2/v1/certs (google-auth-library format)', async () => {
    const { body } = await getJson(`${sandbox.url}/google/oauth2/v1/certs`);
    const [pem] = Object.values(body);
    expect(String(pem)).toContain('BEGIN PUBLIC KEY');
  });

  it('answers userinfo for a valid token and 401 otherwise', async () => {
    const tokens = await googleTokens(sandbox.url);
    const ok = await getJson(`${sandbox.url}/google/v1/userinfo`, { Authorization: `Bearer ${tokens.access_token}` });
    expect(ok.body).toMatchObject({ sub: '110000000000000000001', email: 'ada.lovelace@example.com', name: 'Ada Lovelace', given_name: 'Ada', family_name: 'Lovelace' });
    const missing = await getJson(`${sandbox.url}/google/v1/userinfo`);
    expect(missing.status).toBe(401);
    expect(missing.headers.get('www-authenticate')).toContain('Bearer');
    const bad = await getJson(`${sandbox.url}/google/v1/userinfo`, { Authorization: 'Bearer ya29.nope' });
    expect(bad.status).toBe(401);
    expect(bad.body).toMatchObject({ error: { code: 401, status: 'UNAUTHENTICATED' } });
  });

  it('answers tokeninfo for a live access token', async () => {
    const tokens = await googleTokens(sandbox.url);
    const { body } = await getJson(`${sandbox.url}/google/tokeninfo?access_token=${encodeURIComponent(tokens.access_token)}`);
    expect(body).toMatchObject({ aud: SANDBOX_CREDENTIALS.google.clientId, sub: '110000000000000000001', access_type: 'offline' });
  });
});
