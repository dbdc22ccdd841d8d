import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { createIdTokenVerifier } from './id-token-verifier';
import { defaultRetryPolicy } from './provider-http';
import { kithRejection as rejection } from '../testing/kith-rejection';

const ISSUER = 'http://127.0.0.1:4545/google';
const AUDIENCE = 'kith-sandbox-desktop.apps.googleusercontent.com';
const NOW = Date.parse('2026-11-23T12:00:00Z');

let signingKey: CryptoKey;
let otherKey: CryptoKey;
let jwk: JWK;
let otherJwk: JWK;

beforeAll(async () => {
  const a = await generateKeyPair('RS256', { extractable: true });
  const b = await generateKeyPair('RS256', { extractable: true });
  signingKey = a.privateKey;
  otherKey = b.privateKey;
  jwk = { ...(await exportJWK(a.publicKey)), kid: 'key-1', alg: 'RS256', use: 'sig' };
  otherJwk = { ...(await exportJWK(b.publicKey)), kid: 'key-2', alg: 'RS256', use: 'sig' };
});

function token(claims: Record<string, unknown> = {}, options: { key?: CryptoKey; kid?: string; iat?: number } = {}) {
  const iat = options.iat ?? Math.floor(NOW / 1000);
  return new SignJWT({ sub: '1234567890', nonce: 'nonce-1', email: 'ada@example.com', iss: ISSUER, aud: AUDIENCE, ...claims })
    .setProtectedHeader({ alg: 'RS256', kid: options.kid ?? 'key-1' })
    .setIssuedAt(iat)
    .setExpirationTime(iat + 3600)
    .sign(options.key ?? signingKey);
}

function verifier(jwks: () => Response, now = NOW) {
  const calls: string[] = [];
  const fetchImpl = (async (url: string) => {
    calls.push(String(url));
    return jwks();
  }) as unknown as typeof fetch;
  const v = createIdTokenVerifier({
    provider: 'Google',
    jwksUrl: `${ISSUER}/oauth2/v3/certs`,
    issuers: [ISSUER],
    audience: AUDIENCE,
    fetch: fetchImpl,
    clock: { now: () => now },
    retry: defaultRetryPolicy({ sleep: async () => {} }),
  });
  return { v, calls };
}

const keys = (...list: JWK[]) => () => Response.json({ keys: list });

describe('id_token verification', () => {
  it('accepts a token signed by a published key, for this app, from this issuer, with this nonce', async () => {
    const { v } = verifier(keys(jwk));
    const claims = await v.verify(await token(), 'nonce-1');
    expect(claims).toMatchObject({ sub: '1234567890', email: 'ada@example.com' });
  });

  it.each([
    ['another nonce', () => token(), 'nonce-2', /nonce/],
    ['no nonce', () => token({ nonce: undefined }), 'nonce-1', /nonce/],
    ['another audience', () => token({ aud: 'someone-else' }), 'nonce-1', /another app/],
    ['another issuer', () => token({ iss: 'https://evil.test' }), 'nonce-1', /someone else/],
    ['an unknown signing key', () => token({}, { key: otherKey, kid: 'key-1' }), 'nonce-1', /signature/],
    ['an expired token', () => token({}, { iat: Math.floor(NOW / 1000) - 7200 }), 'nonce-1', /expired/],
    ['a token from the future', () => token({}, { iat: Math.floor(NOW / 1000) + 7200 }), 'nonce-1', /not valid yet/],
  ])('rejects %s with E_ID_TOKEN_INVALID', async (_, make, nonce, reason) => {
    const { v } = verifier(keys(jwk));
    const idToken = await make();
    const error = await rejection(v.verify(idToken, nonce));
    expect(error.code).toBe('E_ID_TOKEN_INVALID');
    expect(error.message).toMatch(reason);
    expect(error.message).not.toContain(idToken.split('.')[1]!);
  });

  it('rejects unsigned and malformed tokens', async () => {
    const { v } = verifier(keys(jwk));
    const header = Buffer.from(JSON.stringify({ alg: 'none' })).toString('base64url');
    const payload = Buffer.from(JSON.stringify({ sub: '1', iss: ISSUER, aud: AUDIENCE, nonce: 'nonce-1' })).toString('base64url');
    expect((await rejection(v.verify(`${header}.${payload}.`, 'nonce-1'))).code).toBe('E_ID_TOKEN_INVALID');
    expect((await rejection(v.verify('not-a-jwt', 'nonce-1'))).code).toBe('E_ID_TOKEN_INVALID');
  });

  it('caches the keys, and fetches them again once for a key it has not seen (rotation)', async () => {
    let published = [jwk];
    const { v, calls } = verifier(() => Response.json({ keys: published }));
    await v.verify(await token(), 'nonce-1');
    await v.verify(await token(), 'nonce-1');
    expect(calls).toHaveLength(1);
    published = [jwk, otherJwk];
    await v.verify(await token({}, { key: otherKey, kid: 'key-2' }), 'nonce-1');
    expect(calls).toHaveLength(2);
  });

  it('retries an unavailable key endpoint, and reports unusable keys as E_PROVIDER', async () => {
    let answers = [new Response('oops', { status: 503 }), Response.json({ keys: [jwk] })];
    const { v, calls } = verifier(() => answers.shift()!);
    await v.verify(await token(), 'nonce-1');
    expect(calls).toHaveLength(2);

    answers = [];
    const broken = verifier(() => new Response('{"keys":', { headers: { 'content-type': 'application/json' } }));
    expect((await rejection(broken.v.verify(await token(), 'nonce-1'))).code).toBe('E_PROVIDER');
    const notKeys = verifier(() => Response.json({ hello: 'world' }));
    expect((await rejection(notKeys.v.verify(await token(), 'nonce-1'))).code).toBe('E_PROVIDER');
  });
});
