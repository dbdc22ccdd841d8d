// GET /facebook/www/vNN.0/dialog/oauth: Facebook's login dialog, speaking the
// OIDC authorization-code flow with PKCE for manually built flows. Redirect
// URIs are compared exactly with the app's registered list (Strict Mode).
import type { Context, Hono } from 'hono';
import type { SandboxContext } from '../context';
import { findPerson } from '../seed/people-lookup';
import { SANDBOX_CREDENTIALS, type SeededPerson } from '../seed/people';
import { autoConsentDeclines, autoConsentPerson } from '../util/auto-consent';
import { applyFacebookConsent } from './consent';
import { PendingRequests } from '../state/pending';
import { randomToken } from '../util/random';
import { isWellFormedS256Challenge } from '../util/pkce';
import { withQuery } from '../util/redirect-uri';
import { FACEBOOK_CONSENT_PATH, facebookConsentPage, facebookErrorPage } from './consent-page';
import { parseFacebookScope, WWW_PREFIXES } from './scopes';

interface FacebookAuthRequest {
  redirectUri: string;
  state: string | null;
  permissions: string[];
  openid: boolean;
  codeChallenge: string | null;
  codeChallengeMethod: 'S256' | 'plain' | null;
  nonce: string | null;
  loginHint: string | null;
  rerequest: boolean;
}

/**
 * Facebook Login's "Enforce HTTPS" (Facebook for Developers blog, "Enforce HTTPS for Facebook Login",
 * 2018-06-08; Facebook Login security guide): a Live app gets no token on an http redirect; while the app
 * is in development mode, http://localhost still works for the app's own roles.
 */
function insecureRedirectProblem(mode: 'development' | 'live', redirectUri: string): string | null {
  const url = new URL(redirectUri);
  if (url.protocol === 'https:') return null;
  const loopback = url.hostname === 'localhost' || url.hostname === '127.0.0.1';
  if (mode === 'development' && loopback) return null;
  return "You can't get an access token or log in to this app from an insecure page. Try re-loading the page as https://";
}

type Validation = { ok: true; request: FacebookAuthRequest } | { ok: false; title: string; detail: string };

function validate(context: SandboxContext, q: Record<string, string>): Validation {
  const fail = (title: string, detail: string): Validation => ({ ok: false, title, detail });
  if (!q.client_id) return fail('Invalid App ID', 'The parameter app_id is required');
  if (q.client_id !== SANDBOX_CREDENTIALS.facebook.appId) return fail('Invalid App ID', 'The provided app ID does not look like a valid app ID.');
  if (!q.redirect_uri) return fail('Error', 'The parameter redirect_uri is required');
  if (!context.config.facebookRedirectUris.includes(q.redirect_uri)) {
    return fail(
      'URL blocked',
      "This redirect failed because the redirect URI is not white-listed in the app's client OAuth settings. Make sure that the client and web OAuth logins are on and add all your app domains as valid OAuth redirect URIs.",
    );
  }
  const insecure = insecureRedirectProblem(context.settings.facebookAppMode, q.redirect_uri);
  if (insecure) return fail('Insecure Login Blocked', insecure);
  if ((q.response_type ?? 'code') !== 'code') return fail('Error', `Unsupported response_type: ${q.response_type}. This app may only use response_type=code.`);
  const { openid, permissions, unknown } = parseFacebookScope(q.scope);
  if (unknown.length > 0) return fail('Invalid Scopes', `Invalid Scopes: ${unknown.join(', ')}. This message is only shown to developers.`);
  let method: 'S256' | 'plain' | null = null;
  if (q.code_challenge) {
    const given = q.code_challenge_method ?? 'plain';
    if (given !== 'S256' && given !== 'plain') return fail('Error', `Invalid code_challenge_method: ${given}`);
    if (given === 'S256' && !isWellFormedS256Challenge(q.code_challenge)) return fail('Error', 'Invalid code_challenge.');
    method = given;
  } else if (q.code_challenge_method) {
    return fail('Error', 'code_challenge_method was sent without code_challenge.');
  }
  return {
    ok: true,
    request: {
      redirectUri: q.redirect_uri,
      state: q.state ?? null,
      permissions,
      openid,
      codeChallenge: q.code_challenge ?? null,
      codeChallengeMethod: method,
      nonce: q.nonce ?? null,
      loginHint: q.login_hint ?? null,
      rerequest: q.auth_type === 'rerequest',
    },
  };
}

export function registerFacebookDialog(app: Hono, context: SandboxContext): void {
  const pending = new PendingRequests<FacebookAuthRequest>(context.clock);
  // Facebook appends "#_=_" to its redirects; fragments never reach a server, so it is harmless.
  const FRAGMENT = '_=_';

  const approve = (c: Context, request: FacebookAuthRequest, person: SeededPerson, friendsGranted: boolean) => {
    const appId = SANDBOX_CREDENTIALS.facebook.appId;
    const grant = applyFacebookConsent(context, person, request.permissions, { friendsGranted, rerequest: request.rerequest });
    const code = randomToken('AQ', 96);
    context.grants.addCode({
      value: code,
      provider: 'facebook',
      grantId: grant.id,
      clientId: appId,
      redirectUri: request.redirectUri,
      codeChallenge: request.codeChallenge,
      codeChallengeMethod: request.codeChallengeMethod,
      nonce: request.nonce,
      scopes: request.openid ? ['openid'] : [],
      issueRefreshToken: false,
      refreshTokenTtlSeconds: null,
      expiresAt: context.clock.now() + context.settings.codeTtlSeconds * 1000,
      usedAt: null,
    });
    return c.redirect(withQuery(request.redirectUri, { code, state: request.state ?? undefined }, FRAGMENT), 302);
  };

  // Facebook's discovery names the dialog with a trailing slash (facebook.com/dialog/oauth/); both work.
  for (const path of WWW_PREFIXES.flatMap((prefix) => [`${prefix}/dialog/oauth`, `${prefix}/dialog/oauth/`])) {
    app.get(path, (c) => {
      const result = validate(context, c.req.query());
      if (!result.ok) return c.html(facebookErrorPage(result.title, result.detail), 400);
      const { request } = result;
      if (context.settings.autoConsent) {
        const person = autoConsentPerson(context, 'facebook', request.loginHint);
        if (person) return approve(c, request, person, !autoConsentDeclines(context, 'user_friends'));
      }
      const requestId = pending.add(request);
      c.header('Cache-Control', 'no-store');
      return c.html(facebookConsentPage({ requestId, permissions: request.permissions, loginHint: request.loginHint }));
    });
  }

  app.post(FACEBOOK_CONSENT_PATH, async (c) => {
    const form = await c.req.parseBody();
    const request = typeof form.request_id === 'string' ? pending.take(form.request_id) : null;
    if (!request) return c.html(facebookErrorPage('Error', 'This login request has expired or was already answered. Start again from the app.'), 400);
    if (form.decision !== 'allow') {
      return c.redirect(
        withQuery(request.redirectUri, { error: 'access_denied', error_code: '200', error_description: 'Permissions error', error_reason: 'user_denied', state: request.state ?? undefined }, FRAGMENT),
        302,
      );
    }
    const person = typeof form.person === 'string' ? findPerson('facebook', form.person) : null;
    if (!person) return c.html(facebookErrorPage('Error', 'Choose who is logging in.'), 400);
    return approve(c, request, person, form.user_friends === 'granted');
  });
}
