// POST /google/token, as oauth2.googleapis.com/token: authorization_code with
// PKCE and refresh_token grants, Google's flat JSON errors.
import type { Context, Hono } from 'hono';
import type { SandboxContext } from '../context';
import { SANDBOX_CREDENTIALS } from '../seed/people';
import type { Grant } from '../state/grants';
import { basicCredentials, readParams } from '../util/form';
import { verifyPkce } from '../util/pkce';
import { randomToken } from '../util/random';
import { oauthError } from './errors';
import { issueGoogleIdToken } from './id-token';

export const GOOGLE_TOKEN_PATH = '/google/token';

export function registerGoogleToken(app: Hono, context: SandboxContext): void {
  app.post(GOOGLE_TOKEN_PATH, async (c) => {
    const read = await readParams(c);
    if (!read.ok) return oauthError(c, 400, 'invalid_request', read.reason);
    const params = read.params;

    // Client authentication: body parameters or HTTP Basic, not both (RFC 6749 §2.3.1).
    const basic = basicCredentials(c);
    if (basic && (params.client_secret !== undefined)) return oauthError(c, 400, 'invalid_request', 'Client authentication must use only one method.');
    const clientId = basic?.id ?? params.client_id;
    const clientSecret = basic?.secret ?? params.client_secret;
    if (!clientId) return oauthError(c, 400, 'invalid_request', 'Could not determine client ID from request.');
    if (clientId !== SANDBOX_CREDENTIALS.google.clientId) return oauthError(c, 401, 'invalid_client', 'The OAuth client was not found.');
    // Google requires the (non-secret) secret of a desktop client on both grants.
    if (clientSecret === undefined) return oauthError(c, 400, 'invalid_request', 'client_secret is missing.');
    if (clientSecret !== SANDBOX_CREDENTIALS.google.clientSecret) return oauthError(c, 401, 'invalid_client', 'Unauthorized');

    if (params.grant_type === 'authorization_code') return authorizationCode(c, context, clientId, params);
    if (params.grant_type === 'refresh_token') return refreshToken(c, context, clientId, params);
    return oauthError(c, 400, 'unsupported_grant_type', `Invalid grant_type: ${params.grant_type ?? ''}`);
  });
}

async function authorizationCode(c: Context, context: SandboxContext, clientId: string, params: Record<string, string>): Promise<Response> {
  if (!params.code) return oauthError(c, 400, 'invalid_request', 'Missing required parameter: code');
  // A replayed code is refused and what it produced revoked (RFC 6749 §4.1.2).
  const live = context.grants.liveCode('google', params.code);
  if (!live.ok) return oauthError(c, 400, 'invalid_grant', live.reason === 'unknown' ? 'Malformed auth code.' : 'Bad Request');
  const { code } = live;
  if (code.clientId !== clientId) return oauthError(c, 400, 'invalid_grant', 'Bad Request');
  if (params.redirect_uri === undefined) return oauthError(c, 400, 'invalid_request', 'Missing parameter: redirect_uri');
  if (params.redirect_uri !== code.redirectUri) return oauthError(c, 400, 'redirect_uri_mismatch', 'Bad Request');
  if (code.codeChallenge !== null) {
    if (!params.code_verifier) return oauthError(c, 400, 'invalid_grant', 'Missing code verifier.');
    if (!verifyPkce(params.code_verifier, code.codeChallenge, code.codeChallengeMethod ?? 'plain')) {
      return oauthError(c, 400, 'invalid_grant', 'Invalid code verifier.');
    }
  }
  const grant = context.grants.redeemCode(code);
  if (!grant) return oauthError(c, 400, 'invalid_grant', 'Bad Request');

  const body = await issueAccess(context, grant, code.scopes, code.nonce, code.value);
  if (code.issueRefreshToken) {
    // Time-based access, or an app in "Testing": "refresh_token_expires_in: the remaining lifetime of
    // the refresh token in seconds" ("OAuth 2.0 for Mobile & Desktop Apps", token response).
    const ttl = code.refreshTokenTtlSeconds;
    const refresh = context.grants.issue({
      value: randomToken('1//0g', 48),
      provider: 'google',
      kind: 'refresh',
      grantId: grant.id,
      // A refresh token carries the scopes of the authorization that produced it.
      scopes: [...code.scopes],
      expiresAt: ttl === null ? null : context.clock.now() + ttl * 1000,
      fromCode: code.value,
    });
    body.refresh_token = refresh.value;
    if (ttl !== null) body.refresh_token_expires_in = ttl;
  }
  return tokenResponse(c, body);
}

async function refreshToken(c: Context, context: SandboxContext, clientId: string, params: Record<string, string>): Promise<Response> {
  if (!params.refresh_token) return oauthError(c, 400, 'invalid_request', 'Missing required parameter: refresh_token');
  const record = context.grants.token(params.refresh_token);
  if (!record || record.kind !== 'refresh' || record.provider !== 'google' || context.grants.statusOf(record) !== 'active') {
    return oauthError(c, 400, 'invalid_grant', 'Token has been expired or revoked.');
  }
  const grant = context.grants.grant(record.grantId);
  if (!grant || grant.clientId !== clientId) return oauthError(c, 400, 'unauthorized_client', 'Unauthorized');
  // The refresh response carries no new refresh token and no nonce; the scopes are the refresh token's.
  const body = await issueAccess(context, grant, record.scopes, null, null);
  if (record.expiresAt !== null) body.refresh_token_expires_in = Math.max(0, Math.floor((record.expiresAt - context.clock.now()) / 1000));
  return tokenResponse(c, body);
}

async function issueAccess(context: SandboxContext, grant: Grant, scopes: string[], nonce: string | null, fromCode: string | null): Promise<Record<string, string | number>> {
  const ttl = context.settings.accessTokenTtlSeconds;
  const access = context.grants.issue({
    value: randomToken('ya29.a0', 60),
    provider: 'google',
    kind: 'access',
    grantId: grant.id,
    scopes,
    expiresAt: context.clock.now() + ttl * 1000,
    fromCode,
  });
  const body: Record<string, string | number> = { access_token: access.value, expires_in: ttl, scope: scopes.join(' '), token_type: 'Bearer' };
  if (scopes.includes('openid')) body.id_token = await issueGoogleIdToken(context, grant, { scopes, accessToken: access.value, nonce, fromCode });
  return body;
}

function tokenResponse(c: Context, body: Record<string, string | number>): Response {
  c.header('Cache-Control', 'no-cache, no-store, max-age=0, must-revalidate');
  c.header('Pragma', 'no-cache');
  return c.json(body, 200);
}
