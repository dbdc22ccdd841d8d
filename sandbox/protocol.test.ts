// The sandbox speaks OAuth 2.0 / OpenID Connect, not just Kith's dialect: a
// general-purpose client library (oauth4webapi, which Kith does not use for
// its own login) runs complete authorization-code + PKCE flows against it.
import * as oauth from 'oauth4webapi';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { describe, expect, it } from 'vitest';
import { useSandbox } from './testing/fixture';
import { consent } from './testing/consent';
import { SANDBOX_CREDENTIALS } from './seed/people';

const sandbox = useSandbox();
const insecure = { [oauth.allowInsecureRequests]: true };
const googleClient: oauth.Client = { client_id: SANDBOX_CREDENTIALS.google.clientId };
const googleClientAuth = oauth.ClientSecretPost(SANDBOX_CREDENTIALS.google.clientSecret);
const googleRedirectUri = 'http://127.0.0.1:49152/oauth/callback';

async function discover(provider: 'google' | 'facebook'): Promise<oauth.AuthorizationServer> {
  const issuer = new URL(`${sandbox.url}/${provider}`);
  return oauth.processDiscoveryResponse(issuer, await oauth.discoveryRequest(issuer, insecure));
}

function authorizationUrl(as: oauth.AuthorizationServer, params: Record<string, string>): string {
  const url = new URL(as.authorization_endpoint ?? '');
  url.search = new URLSearchParams(params).toString();
  return url.toString();
}

describe('oauth4webapi against the sandbox', () => {
  it('completes Google’s authorization code + PKCE flow, then userinfo, refresh and revocation', async () => {
    const as = await discover('google');
    const verifier = oauth.generateRandomCodeVerifier();
    const state = oauth.generateRandomState();
    const nonce = oauth.generateRandomNonce();
    const url = authorizationUrl(as, {
      client_id: googleClient.client_id,
      redirect_uri: googleRedirectUri,
      response_type: 'code',
      scope: 'openid email profile https://www.googleapis.com/auth/contacts.readonly',
      code_challenge: await oauth.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state,
      nonce,
      access_type: 'offline',
      login_hint: 'grace.hopper@example.com',
    });

    const { redirect } = await consent(url);
    const params = oauth.validateAuthResponse(as, googleClient, redirect, state);
    const response = await oauth.authorizationCodeGrantRequest(as, googleClient, googleClientAuth, params, googleRedirectUri, verifier, insecure);
    const tokens = await oauth.processAuthorizationCodeResponse(as, googleClient, response, { expectedNonce: nonce, requireIdToken: true });
    const claims = oauth.getValidatedIdTokenClaims(tokens);
    expect(claims?.sub).toBe('110000000000000000002');
    expect(tokens.refresh_token).toBeTruthy();
    // oauth4webapi leaves signature checks to the caller: verify against the JWKS too.
    await jwtVerify(tokens.id_token ?? '', createRemoteJWKSet(new URL(as.jwks_uri ?? '')), { issuer: as.issuer, audience: googleClient.client_id });

    const info = await oauth.processUserInfoResponse(as, googleClient, claims?.sub ?? '', await oauth.userInfoRequest(as, googleClient, tokens.access_token, insecure));
    expect(info.email).toBe('grace.hopper@example.com');

    const refreshed = await oauth.processRefreshTokenResponse(as, googleClient, await oauth.refreshTokenGrantRequest(as, googleClient, googleClientAuth, tokens.refresh_token ?? '', insecure));
    expect(refreshed.access_token).not.toBe(tokens.access_token);

    await oauth.processRevocationResponse(await oauth.revocationRequest(as, googleClient, googleClientAuth, tokens.refresh_token ?? '', insecure));
    const after = await oauth.refreshTokenGrantRequest(as, googleClient, googleClientAuth, tokens.refresh_token ?? '', insecure);
    await expect(oauth.processRefreshTokenResponse(as, googleClient, after)).rejects.toMatchObject({ error: 'invalid_grant' });
  });

  it('refuses, through oauth4webapi, a code exchanged with the wrong verifier', async () => {
    const as = await discover('google');
    const url = authorizationUrl(as, {
      client_id: googleClient.client_id,
      redirect_uri: googleRedirectUri,
      response_type: 'code',
      scope: 'openid',
      code_challenge: await oauth.calculatePKCECodeChallenge(oauth.generateRandomCodeVerifier()),
      code_challenge_method: 'S256',
      state: 'x',
    });
    const { redirect } = await consent(url);
    const params = oauth.validateAuthResponse(as, googleClient, redirect, 'x');
    const response = await oauth.authorizationCodeGrantRequest(as, googleClient, googleClientAuth, params, googleRedirectUri, oauth.generateRandomCodeVerifier(), insecure);
    await expect(oauth.processAuthorizationCodeResponse(as, googleClient, response)).rejects.toMatchObject({ error: 'invalid_grant' });
  });

  it('completes Facebook’s OIDC authorization code + PKCE flow as a public client (no app secret)', async () => {
    const discovered = await discover('facebook');
    // Facebook's discovery document has no token_endpoint: the code goes to Graph's /oauth/access_token.
    expect(discovered.token_endpoint).toBeUndefined();
    const as: oauth.AuthorizationServer = { ...discovered, token_endpoint: `${sandbox.url}/facebook/graph/v23.0/oauth/access_token` };
    const client: oauth.Client = { client_id: SANDBOX_CREDENTIALS.facebook.appId };
    const redirectUri = SANDBOX_CREDENTIALS.facebook.defaultRedirectUris[0];

    const verifier = oauth.generateRandomCodeVerifier();
    const state = oauth.generateRandomState();
    const nonce = oauth.generateRandomNonce();
    const url = authorizationUrl(as, {
      client_id: client.client_id,
      redirect_uri: redirectUri,
      response_type: 'code',
      scope: 'openid public_profile email user_friends',
      code_challenge: await oauth.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    });

    const { redirect } = await consent(url, { person: 'mei' });
    const params = oauth.validateAuthResponse(as, client, redirect, state);
    const response = await oauth.authorizationCodeGrantRequest(as, client, oauth.None(), params, redirectUri, verifier, insecure);
    const tokens = await oauth.processAuthorizationCodeResponse(as, client, response, { expectedNonce: nonce, requireIdToken: true });
    expect(tokens.token_type).toBe('bearer');
    expect(tokens.refresh_token).toBeUndefined();
    expect(oauth.getValidatedIdTokenClaims(tokens)?.sub).toBe('10000000000000102');
    await jwtVerify(tokens.id_token ?? '', createRemoteJWKSet(new URL(as.jwks_uri ?? '')), { issuer: as.issuer, audience: client.client_id });

    const friends = await fetch(`${sandbox.url}/facebook/graph/v23.0/me/friends`, { headers: { Authorization: `Bearer ${tokens.access_token}` } });
    expect(await friends.json()).toMatchObject({ summary: { total_count: 12 } });
  });
});
