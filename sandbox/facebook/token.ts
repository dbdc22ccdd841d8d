// GET or POST /facebook/graph/vNN.0/oauth/access_token: the code exchange
// (PKCE verifier instead of the app secret, per Facebook's OIDC manual flow)
// and fb_exchange_token (long-lived token; demands the app secret).
import type { Context, Hono } from 'hono';
import type { SandboxContext } from '../context';
import { SANDBOX_CREDENTIALS } from '../seed/people';
import { verifyPkce } from '../util/pkce';
import { randomToken } from '../util/random';
import { graphError } from './errors';
import { invalidTokenError, usableUserToken } from './graph-auth';
import { issueFacebookIdToken } from './oidc';
import { graphParams } from './params';
import { GRAPH_PREFIXES } from './scopes';

const oauthFail = (c: Context, message: string, code = 100, subcode?: number) =>
  graphError(c, { status: 400, code, message, ...(subcode === undefined ? {} : { subcode }) });

export function registerFacebookToken(app: Hono, context: SandboxContext): void {
  const handler = async (c: Context) => {
    const p = await graphParams(c);
    if (!p.client_id) return oauthFail(c, 'Missing client_id parameter.', 101);
    if (p.client_id !== SANDBOX_CREDENTIALS.facebook.appId) return oauthFail(c, 'Error validating application. Invalid application ID.', 101);
    if (p.client_secret !== undefined && p.client_secret !== SANDBOX_CREDENTIALS.facebook.appSecret) return oauthFail(c, 'Error validating client secret.', 1);
    if (p.grant_type === 'fb_exchange_token') return exchange(c, context, p);
    if (p.grant_type !== undefined && p.grant_type !== 'authorization_code') return oauthFail(c, `Unsupported grant_type: ${p.grant_type}`);
    return codeExchange(c, context, p);
  };
  for (const prefix of GRAPH_PREFIXES) {
    app.get(`${prefix}/oauth/access_token`, handler);
    app.post(`${prefix}/oauth/access_token`, handler);
  }
}

async function codeExchange(c: Context, context: SandboxContext, p: Record<string, string>): Promise<Response> {
  if (!p.redirect_uri) return oauthFail(c, 'Missing redirect_uri parameter.', 191);
  if (!p.code) return oauthFail(c, 'Missing code parameter.');
  // A replayed code is refused and what it produced revoked (RFC 6749 §4.1.2).
  const live = context.grants.liveCode('facebook', p.code);
  if (!live.ok) {
    if (live.reason === 'replayed') return oauthFail(c, 'This authorization code has been used.', 100, 36009);
    if (live.reason === 'expired') return oauthFail(c, 'This authorization code has expired.', 100, 36007);
    return oauthFail(c, 'Invalid verification code format.');
  }
  const { code } = live;
  if (p.redirect_uri !== code.redirectUri) {
    return oauthFail(c, 'Error validating verification code. Please make sure your redirect_uri is identical to the one you used in the OAuth dialog request', 100, 36008);
  }
  if (code.codeChallenge !== null) {
    if (!p.code_verifier) return oauthFail(c, 'Missing code_verifier parameter.');
    if (!verifyPkce(p.code_verifier, code.codeChallenge, code.codeChallengeMethod ?? 'plain')) return oauthFail(c, 'Invalid code verifier.');
  } else if (p.client_secret === undefined) {
    // Without PKCE the classic flow applies: the exchange needs the app secret.
    return oauthFail(c, 'Missing client_secret parameter.', 1);
  }
  const grant = context.grants.redeemCode(code);
  if (!grant) return oauthFail(c, 'This authorization code has been used.', 100, 36009);

  const ttl = context.settings.accessTokenTtlSeconds;
  const access = context.grants.issue({
    value: randomToken('EAAB', 96),
    provider: 'facebook',
    kind: 'access',
    grantId: grant.id,
    scopes: [...grant.scopes],
    expiresAt: context.clock.now() + ttl * 1000,
    fromCode: code.value,
  });
  const body: Record<string, string | number> = { access_token: access.value, token_type: 'bearer', expires_in: ttl };
  if (code.scopes.includes('openid')) body.id_token = await issueFacebookIdToken(context, grant, { accessToken: access.value, nonce: code.nonce, fromCode: code.value });
  c.header('Cache-Control', 'no-store');
  return c.json(body);
}

function exchange(c: Context, context: SandboxContext, p: Record<string, string>): Response {
  if (p.client_secret === undefined) return oauthFail(c, 'Missing client_secret parameter.', 1);
  if (!p.fb_exchange_token) return oauthFail(c, 'Missing fb_exchange_token parameter.');
  const user = usableUserToken(context, p.fb_exchange_token);
  if (!user.ok) return invalidTokenError(c, user.problem);
  const { token } = user;
  const ttl = context.settings.longLivedTokenTtlSeconds;
  const longLived = context.grants.issue({
    value: randomToken('EAAB', 96),
    provider: 'facebook',
    kind: 'long_lived',
    grantId: token.grantId,
    scopes: token.scopes,
    expiresAt: context.clock.now() + ttl * 1000,
    fromCode: null,
  });
  c.header('Cache-Control', 'no-store');
  return c.json({ access_token: longLived.value, token_type: 'bearer', expires_in: ttl });
}
