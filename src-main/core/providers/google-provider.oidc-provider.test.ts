// Kith's Google client (google-provider.ts, id-token-verifier.ts, runLogin)
// against panva's oidc-provider, an OpenID Certified authorization server
// that nobody here wrote, on 127.0.0.1 with a native-app client: the proof
// that Kith speaks OAuth 2.0 / OpenID Connect as the standards say and not
// only as our own sandbox reads them. The sandbox tests cover Google's own
// quirks; these cover the protocol: RFC 8252 loopback redirects on any
// port, RFC 7636 PKCE S256, state (RFC 6749 §10.12), nonce and id_token
// validation (OIDC Core §3.1.3.7), client_secret_post, refresh, RFC 7009
// revocation, and signing-key rotation.
//
// The id_tokens Kith must refuse are the server's real answers with one
// thing changed, re-signed with the server's own key where the change
// needs it, so each test fails when exactly its check is taken out.
import { createHash } from 'node:crypto';
import { decodeJwt, decodeProtectedHeader, importJWK, SignJWT, type JWTPayload } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GoogleConfig } from '../config/kith-config';
import { runLogin } from '../login/login-flow';
import { kithRejection } from '../testing/kith-rejection';
import { authorizeInBrowser, createOidcBrowser, type OidcBrowser, type OidcChoice } from '../testing/oidc-browser';
import { CONTACTS_SCOPE, newSigningKey, OIDC_ACCOUNTS, startOidcProviderServer, type OidcProviderServer, type SigningJwk } from '../testing/oidc-provider-server';
import { createRecordingFetch, type RecordingFetch, type TokenAnswer } from '../testing/recording-fetch';
import { createGoogleProvider } from './google-provider';
import type { ProviderClient, TokenSet } from './provider';

const [ada, alan] = OIDC_ACCOUNTS as [(typeof OIDC_ACCOUNTS)[number], (typeof OIDC_ACCOUNTS)[number]];
const retry = { sleep: async () => {}, random: () => 0.5 };

let server: OidcProviderServer;
let google: GoogleConfig;

beforeAll(async () => {
  server = await startOidcProviderServer();
  google = await server.googleConfig();
});
afterAll(() => server.close());

/** One Kith Google client (its own JWKS cache) whose every request is recorded. */
function kith(config: GoogleConfig = google): { provider: ProviderClient; http: RecordingFetch } {
  const http = createRecordingFetch(config.tokenUrl);
  return { provider: createGoogleProvider({ google: config }, http.fetch, { retry }), http };
}

async function signIn(provider: ProviderClient, choice: OidcChoice = {}, options: { loginHint?: string; timeoutMs?: number; browser?: OidcBrowser } = {}) {
  const browser = options.browser ?? createOidcBrowser();
  browser.next = choice;
  const result = await runLogin({ provider, browser, timeoutMs: options.timeoutMs ?? 10_000, ...(options.loginHint ? { loginHint: options.loginHint } : {}) });
  return { ...result, browser };
}

/** What a resource server sees: does the authorization server still honour this access token? */
async function userinfoStatus(accessToken: string): Promise<number> {
  const response = await fetch(google.userinfoUrl, { headers: { authorization: `Bearer ${accessToken}` } });
  await response.arrayBuffer();
  return response.status;
}

function expectNoSecretIn(message: string, ...secrets: Array<string | null | undefined>) {
  for (const secret of secrets) if (secret) expect(message).not.toContain(secret);
}

/** The server's id_token with its payload and header changed, signed again with `key`. */
async function resign(idToken: string, key: SigningJwk, change: { payload?: JWTPayload; alg?: string; kid?: string }): Promise<string> {
  const header = decodeProtectedHeader(idToken);
  const alg = change.alg ?? header.alg ?? 'RS256';
  return new SignJWT({ ...decodeJwt(idToken), ...change.payload })
    .setProtectedHeader({ ...header, alg, kid: change.kid ?? key.kid })
    .sign(await importJWK(key, alg));
}

describe('Google sign-in against oidc-provider', () => {
  it('signs in through a loopback redirect on a port of its own each time, with PKCE S256, state, nonce and client_secret_post', async () => {
    const { provider, http } = kith();
    const first = await signIn(provider);
    const second = await signIn(provider);

    // RFC 8252 §7.3: the client registered http://127.0.0.1/kith/google/callback with no port; each login used a fresh one.
    const ports = [first, second].map((login) => Number(login.browser.delivered[0]!.port));
    expect(ports[0]).not.toBe(ports[1]);
    for (const [i, login] of [first, second].entries()) {
      const authUrl = new URL(login.browser.opened[0]!);
      const sent = Object.fromEntries(authUrl.searchParams);
      expect(authUrl.origin + authUrl.pathname).toBe(google.authorizationUrl);
      expect(sent).toMatchObject({ client_id: server.clientId, response_type: 'code', code_challenge_method: 'S256', redirect_uri: `http://127.0.0.1:${ports[i]}/kith/google/callback` });
      expect(sent.scope!.split(' ')).toEqual(expect.arrayContaining(['openid', 'email', 'profile', CONTACTS_SCOPE]));
      // The redirect carried back the state Kith sent (the server echoes it; the loopback server compared it).
      expect(login.browser.delivered[0]!.searchParams.get('state')).toBe(sent.state);
      expect((await login.browser.answers[0]!).text).toContain('Kith is connected');

      // The code went back with the verifier whose S256 hash was the challenge, and the client's credentials in the body.
      const exchange = http.to(google.tokenUrl).filter((r) => r.form.get('grant_type') === 'authorization_code')[i]!;
      expect(exchange.method).toBe('POST');
      expect(createHash('sha256').update(exchange.form.get('code_verifier')!).digest('base64url')).toBe(sent.code_challenge);
      expect(Object.fromEntries(exchange.form)).toMatchObject({ client_id: server.clientId, client_secret: server.clientSecret, redirect_uri: sent.redirect_uri });
      expect(exchange.authorization).toBe(false);
    }
    expect(first.browser.opened[0]).not.toBe(second.browser.opened[0]);
    expect(new URL(first.browser.opened[0]!).searchParams.get('nonce')).not.toBe(new URL(second.browser.opened[0]!).searchParams.get('nonce'));

    expect(first.identity).toEqual({ subject: ada.accountId, displayName: ada.name, email: ada.email, avatarUrl: ada.picture });
    expect(first.tokens.refreshToken).toBeTruthy();
    expect(first.tokens.scopes).toContain(CONTACTS_SCOPE);
    expect(first.tokens.accessTokenExpiresAt).toBeGreaterThan(Date.now() + 3_500_000);
    expect(await userinfoStatus(first.tokens.accessToken)).toBe(200);
  });

  it('signs in as the person login_hint names', async () => {
    const { identity } = await signIn(kith().provider, {}, { loginHint: alan.email });
    expect(identity.subject).toBe(alan.accountId);
  });

  it('ends as E_CONSENT_DENIED when the person denies, with nothing exchanged', async () => {
    const { provider, http } = kith();
    const error = await kithRejection(signIn(provider, { decision: 'deny' }));
    expect(error.code).toBe('E_CONSENT_DENIED');
    expect(http.to(google.tokenUrl)).toHaveLength(0);
  });

  it('turns away a redirect that carries another state, and never exchanges its code (login CSRF)', async () => {
    const { provider, http } = kith();
    const attack: { planted?: Promise<number> } = {};
    const browser = createOidcBrowser();
    // The person's tab never comes back; instead an attacker's own authorization response is pushed at Kith's loopback port.
    browser.open = async (url) => {
      browser.opened.push(url);
      const kithAsked = new URL(url);
      const attackerAsks = new URL(kithAsked);
      attackerAsks.searchParams.set('state', 'the-attackers-own-state');
      attackerAsks.searchParams.set('nonce', 'the-attackers-own-nonce');
      attackerAsks.searchParams.set('code_challenge', createHash('sha256').update('the-attackers-own-verifier-0123456789abcdefghij').digest('base64url'));
      attack.planted = authorizeInBrowser(attackerAsks.toString(), { account: alan.accountId }).then(async (redirect) => {
        expect(redirect.searchParams.get('code')).toBeTruthy();
        const answer = await fetch(redirect);
        await answer.arrayBuffer();
        return answer.status;
      });
    };
    const error = await kithRejection(signIn(provider, {}, { browser, timeoutMs: 1_500 }));
    expect(await attack.planted).toBe(400);
    expect(error.code).toBe('E_STATE_MISMATCH');
    expect(http.to(google.tokenUrl)).toHaveLength(0);
  });

  it('refreshes at the token endpoint with client_secret_post, and the new access token is honoured', async () => {
    const { provider, http } = kith();
    const { tokens } = await signIn(provider);
    const renewed = await provider.refresh(tokens);
    expect(renewed.accessToken).not.toBe(tokens.accessToken);
    expect(renewed.refreshToken).toBeTruthy();
    expect(renewed.accessTokenExpiresAt).toBeGreaterThan(Date.now() + 3_500_000);
    const refresh = http.to(google.tokenUrl).find((r) => r.form.get('grant_type') === 'refresh_token')!;
    expect(Object.fromEntries(refresh.form)).toMatchObject({ refresh_token: tokens.refreshToken, client_id: server.clientId, client_secret: server.clientSecret });
    expect(await userinfoStatus(renewed.accessToken)).toBe(200);
  });

  it('revokes the grant as RFC 7009 says: the token in the body with the client credentials, and every token of the grant stops working', async () => {
    const { provider, http } = kith();
    const { tokens } = await signIn(provider);
    await provider.revoke(tokens);
    const [revocation] = http.to(google.revokeUrl);
    expect(revocation?.method).toBe('POST');
    expect(revocation?.url).not.toContain(tokens.refreshToken!);
    expect(Object.fromEntries(revocation!.form)).toEqual({ token: tokens.refreshToken, client_id: server.clientId, client_secret: server.clientSecret });
    expect(await userinfoStatus(tokens.accessToken)).toBe(401);
    const refused = await kithRejection(provider.refresh(tokens));
    expect(refused.code).toBe('E_GRANT_REVOKED');
    expectNoSecretIn(refused.message, tokens.accessToken, tokens.refreshToken);
    // RFC 7009 §2.2: an already invalid token is answered 200 as well; Kith counts it as done.
    await expect(provider.revoke(tokens)).resolves.toBeUndefined();
  });
});

describe('id_tokens Kith must refuse (OIDC Core §3.1.3.7)', () => {
  /** Signs in while the token answer's id_token is replaced; returns the rejection. */
  async function signInWith(forge: (idToken: string) => string | Promise<string>) {
    const { provider, http } = kith();
    const issued: TokenAnswer[] = [];
    http.rewriteTokenAnswer = async (answer) => {
      issued.push(answer);
      return { ...answer, id_token: await forge(String(answer.id_token)) };
    };
    const error = await kithRejection(signIn(provider));
    expect(error.code).toBe('E_ID_TOKEN_INVALID');
    for (const answer of issued) expectNoSecretIn(error.message, String(answer.access_token), String(answer.refresh_token), String(answer.id_token));
    return { error, http };
  }

  it('an untouched re-signed id_token still passes, so the rejections below are each down to one change', async () => {
    const { provider, http } = kith();
    http.rewriteTokenAnswer = async (answer) => ({ ...answer, id_token: await resign(String(answer.id_token), server.signingKey, {}) });
    const { identity } = await signIn(provider);
    expect(identity.subject).toBe(ada.accountId);
  });

  it('refuses one from another issuer (a mix-up: signed with a key this server publishes)', async () => {
    const { error } = await signInWith((t) => resign(t, server.signingKey, { payload: { iss: 'https://accounts.google.com' } }));
    expect(error.message).toMatch(/issued by someone else/);
  });

  it('refuses one issued to another client', async () => {
    const { error } = await signInWith((t) => resign(t, server.signingKey, { payload: { aud: 'someone-elses-app.apps.googleusercontent.com' } }));
    expect(error.message).toMatch(/issued to another app/);
  });

  it('refuses one replayed from an earlier sign-in (its nonce is not this sign-in’s)', async () => {
    const earlier: string[] = [];
    const tap = kith();
    tap.http.rewriteTokenAnswer = (answer) => (earlier.push(String(answer.id_token)), answer);
    await signIn(tap.provider);
    // The replayed token is genuine: this server signed it, for this client, minutes ago.
    const { error } = await signInWith(() => earlier[0]!);
    expect(error.message).toMatch(/nonce is not the one Kith sent/);
  });

  it('refuses one without a nonce', async () => {
    const { error } = await signInWith((t) => resign(t, server.signingKey, { payload: { nonce: undefined } }));
    expect(error.message).toMatch(/nonce is not the one Kith sent/);
  });

  it.each(['RS384', 'RS512', 'PS512'])('refuses one signed with %s, an algorithm the provider does not use, by its own published key', async (alg) => {
    const { error } = await signInWith((t) => resign(t, server.signingKey, { alg }));
    expect(error.message).toMatch(/signing algorithm Kith does not accept/);
  });

  it('refuses one whose kid names no published key, after fetching the keys once more in case they rotated', async () => {
    const stranger = await newSigningKey();
    const { error, http } = await signInWith((t) => resign(t, stranger, {}));
    expect(error.message).toMatch(/signed with a key the provider does not publish/);
    expect(http.to(google.jwksUrl)).toHaveLength(2);
  });

  it('refuses one that names a published kid but was signed by another key', async () => {
    const stranger = await newSigningKey();
    const { error } = await signInWith((t) => resign(t, stranger, { kid: server.signingKey.kid }));
    expect(error.message).toMatch(/signature does not verify/);
  });
});

describe('signing-key rotation while Kith runs', () => {
  it('fetches the new keys when an id_token names a kid it has not seen, and keeps the grants made before', async () => {
    const rotating = await startOidcProviderServer();
    try {
      const config = await rotating.googleConfig();
      const { provider, http } = kith(config);
      const kids: string[] = [];
      http.rewriteTokenAnswer = (answer) => (answer.id_token && kids.push(String(decodeProtectedHeader(String(answer.id_token)).kid)), answer);

      const before = await signIn(provider);
      expect(http.to(config.jwksUrl)).toHaveLength(1);
      const next = await rotating.rotateKeys();
      const after = await signIn(provider);
      expect(kids).toEqual([expect.any(String), next.kid]);
      expect(kids[0]).not.toBe(next.kid);
      expect(after.identity.subject).toBe(ada.accountId);
      // One fetch for the unknown kid, none for the sign-in after it: the new set is cached.
      expect(http.to(config.jwksUrl)).toHaveLength(2);
      await signIn(provider);
      expect(http.to(config.jwksUrl)).toHaveLength(2);

      // The grant made under the old key outlives the rotation.
      const renewed: TokenSet = await provider.refresh(before.tokens);
      expect(renewed.accessToken).not.toBe(before.tokens.accessToken);
    } finally {
      await rotating.close();
    }
  });
});
