// GET /google/o/oauth2/v2/auth and the consent form's POST. Requests Google
// cannot safely redirect (unknown client, bad redirect_uri) and the ones the
// sandbox holds Kith to (PKCE S256 and state are required) get Google's error
// page; a decision redirects to the loopback redirect_uri.
import type { Context, Hono } from 'hono';
import type { SandboxContext } from '../context';
import { findPerson } from '../seed/people-lookup';
import { SANDBOX_CREDENTIALS, type SeededPerson } from '../seed/people';
import { PendingRequests } from '../state/pending';
import { randomToken } from '../util/random';
import { isWellFormedS256Challenge } from '../util/pkce';
import { isLoopbackRedirectUri, withQuery } from '../util/redirect-uri';
import { ACCESS_DURATIONS, GOOGLE_CONSENT_PATH, GRANULAR_FIELD, googleConsentPage, googleErrorPage } from './consent-page';
import { isSignInScope, parseGoogleScope } from './scopes';
import { autoConsentDeclines, autoConsentPerson } from '../util/auto-consent';

export const GOOGLE_AUTH_PATH = '/google/o/oauth2/v2/auth';

interface GoogleAuthRequest {
  clientId: string;
  redirectUri: string;
  scopes: string[];
  state: string;
  codeChallenge: string;
  nonce: string | null;
  loginHint: string | null;
  offline: boolean;
  promptConsent: boolean;
  /** prompt=none: silent authorization only. */
  promptNone: boolean;
  /** Google's incremental authorization: the new token also carries the scopes granted before. */
  includeGrantedScopes: boolean;
}

type Validation = { ok: true; request: GoogleAuthRequest } | { ok: false; status: 400 | 401; error: string; detail: string };

function validate(query: Record<string, string>): Validation {
  const fail = (error: string, detail: string, status: 400 | 401 = 400): Validation => ({ ok: false, status, error, detail });
  const clientId = query.client_id;
  if (!clientId) return fail('invalid_request', 'Missing required parameter: client_id');
  if (clientId !== SANDBOX_CREDENTIALS.google.clientId) return fail('invalid_client', 'The OAuth client was not found.', 401);
  const redirectUri = query.redirect_uri;
  if (!redirectUri) return fail('invalid_request', 'Missing required parameter: redirect_uri');
  if (!isLoopbackRedirectUri(redirectUri)) {
    return fail('redirect_uri_mismatch', "You can't sign in to this app because it doesn't comply with Google's OAuth 2.0 policy: a desktop client must redirect to http://127.0.0.1 or http://[::1] (RFC 8252).");
  }
  if (!query.response_type) return fail('invalid_request', 'Required parameter is missing: response_type');
  if (query.response_type !== 'code') return fail('unsupported_response_type', `Invalid response_type: ${query.response_type}`);
  if (!query.scope) return fail('invalid_request', 'Missing required parameter: scope');
  const { scopes, unknown } = parseGoogleScope(query.scope);
  if (unknown.length > 0) return fail('invalid_scope', `Some requested scopes were invalid. {invalid=[${unknown.join(', ')}]}`);
  if (!query.code_challenge) return fail('invalid_request', 'Missing required parameter: code_challenge (this desktop client must use PKCE).');
  if (query.code_challenge_method !== 'S256') return fail('invalid_request', 'Invalid code_challenge_method: this client must use S256.');
  if (!isWellFormedS256Challenge(query.code_challenge)) return fail('invalid_request', 'Invalid code_challenge: expected 43 base64url characters.');
  if (!query.state) return fail('invalid_request', 'Missing required parameter: state');
  if (query.access_type !== undefined && query.access_type !== 'online' && query.access_type !== 'offline') {
    return fail('invalid_request', `Invalid access_type: ${query.access_type}`);
  }
  const prompts = (query.prompt ?? '').split(' ').filter(Boolean);
  if (prompts.some((p) => !['none', 'consent', 'select_account'].includes(p))) return fail('invalid_request', `Invalid prompt: ${query.prompt}`);
  return {
    ok: true,
    request: {
      clientId,
      redirectUri,
      scopes,
      state: query.state,
      codeChallenge: query.code_challenge,
      nonce: query.nonce ?? null,
      loginHint: query.login_hint ?? null,
      offline: query.access_type === 'offline',
      promptConsent: prompts.includes('consent'),
      promptNone: prompts.includes('none'),
      includeGrantedScopes: query.include_granted_scopes === 'true',
    },
  };
}

export function registerGoogleAuthorize(app: Hono, context: SandboxContext): void {
  const pending = new PendingRequests<GoogleAuthRequest>(context.clock);
  const issuer = () => `${context.baseUrl}/google`;

  /**
   * `granted`: the requested scopes the person left ticked (Sign-In scopes always). The code's `scope`,
   * and so the token response's, lists only those ("OAuth 2.0 for Mobile & Desktop Apps": scope is what
   * the access token was granted), plus the earlier grants with include_granted_scopes=true.
   * `accessSeconds`: time-based access chosen on the consent screen (null = until removed).
   */
  const approve = (c: Context, request: GoogleAuthRequest, person: SeededPerson, answer: { granted: string[]; accessSeconds: number | null }) => {
    const existing = context.grants.activeGrant('google', person.key, request.clientId);
    const grant = existing ?? context.grants.createGrant('google', person.key, request.clientId);
    for (const scope of answer.granted) grant.scopes.add(scope);
    const scopes = request.includeGrantedScopes ? [...grant.scopes] : answer.granted;
    // Google sends a refresh token on the first offline consent only, or again when
    // the client forces the consent screen with prompt=consent.
    const issueRefreshToken = request.offline && (!grant.offline || request.promptConsent);
    if (request.offline) grant.offline = true;
    // The shorter of the app's limit (e.g. a "Testing" app's 7 days) and the person's choice.
    const limits = [context.settings.refreshTokenTtlSeconds, answer.accessSeconds].filter((n): n is number => n !== null);
    const refreshTokenTtlSeconds = limits.length === 0 ? null : Math.min(...limits);
    const code = randomToken('4/0A', 40);
    context.grants.addCode({
      value: code,
      provider: 'google',
      grantId: grant.id,
      clientId: request.clientId,
      redirectUri: request.redirectUri,
      codeChallenge: request.codeChallenge,
      codeChallengeMethod: 'S256',
      nonce: request.nonce,
      scopes,
      issueRefreshToken,
      refreshTokenTtlSeconds,
      expiresAt: context.clock.now() + context.settings.codeTtlSeconds * 1000,
      usedAt: null,
    });
    return c.redirect(
      withQuery(request.redirectUri, {
        state: request.state,
        iss: issuer(),
        code,
        scope: scopes.join(' '),
        authuser: '0',
        prompt: existing && !request.promptConsent ? 'none' : 'consent',
      }),
      302,
    );
  };

  app.get(GOOGLE_AUTH_PATH, (c) => {
    const result = validate(c.req.query());
    if (!result.ok) return c.html(googleErrorPage(result.status, result.error, result.detail), result.status);
    const { request } = result;
    if (request.promptNone) {
      // The sandbox keeps no browser session, so silent authorization always needs interaction.
      return c.redirect(withQuery(request.redirectUri, { error: 'interaction_required', state: request.state, iss: issuer() }), 302);
    }
    if (context.settings.autoConsent) {
      const person = autoConsentPerson(context, 'google', request.loginHint);
      const granted = request.scopes.filter((scope) => isSignInScope(scope) || !autoConsentDeclines(context, scope));
      if (person) return approve(c, request, person, { granted, accessSeconds: null });
    }
    const requestId = pending.add(request);
    c.header('Cache-Control', 'no-store');
    return c.html(googleConsentPage({ requestId, scopes: request.scopes, loginHint: request.loginHint, offline: request.offline }));
  });

  app.post(GOOGLE_CONSENT_PATH, async (c) => {
    const form = await c.req.parseBody({ all: true });
    const one = (name: string): string | undefined => {
      const value = form[name];
      return typeof value === 'string' ? value : undefined;
    };
    const requestId = one('request_id');
    const request = requestId === undefined ? null : pending.take(requestId);
    if (!request) return c.html(googleErrorPage(400, 'invalid_request', 'This sign-in request has expired or was already answered. Start again from the app.'), 400);
    if (one('decision') !== 'allow') {
      return c.redirect(withQuery(request.redirectUri, { error: 'access_denied', state: request.state, iss: issuer() }), 302);
    }
    const personKey = one('person');
    const person = personKey === undefined ? null : findPerson('google', personKey);
    if (!person) return c.html(googleErrorPage(400, 'invalid_request', 'Choose an account to continue.'), 400);
    const raw = form.scope;
    const ticked = new Set((Array.isArray(raw) ? raw : [raw]).filter((v): v is string => typeof v === 'string'));
    const granular = one(GRANULAR_FIELD) === 'shown';
    const granted = request.scopes.filter((scope) => isSignInScope(scope) || !granular || ticked.has(scope));
    const duration = one('access_duration');
    const accessSeconds = ACCESS_DURATIONS.find((d) => String(d.seconds ?? '') === (duration ?? ''))?.seconds ?? null;
    return approve(c, request, person, { granted, accessSeconds });
  });
}
