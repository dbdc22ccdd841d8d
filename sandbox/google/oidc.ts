// Google's OpenID Connect surface: discovery, JWKS (and the PEM certs that
// google-auth-library's verifyIdToken fetches), userinfo, tokeninfo.
import type { Hono } from 'hono';
import type { SandboxContext } from '../context';
import { findGoogleSubject } from '../seed/people-lookup';
import { googleBearer } from './bearer';
import { googleProfileClaims } from './id-token';
import { GOOGLE_AUTH_PATH } from './authorize';
import { GOOGLE_TOKEN_PATH } from './token';
import { GOOGLE_REVOKE_PATH } from './revoke';

export const GOOGLE_USERINFO_PATH = '/google/v1/userinfo';
export const GOOGLE_JWKS_PATH = '/google/oauth2/v3/certs';

export function registerGoogleOidc(app: Hono, context: SandboxContext): void {
  app.get('/google/.well-known/openid-configuration', (c) => {
    const base = context.baseUrl;
    return c.json({
      issuer: `${base}/google`,
      authorization_endpoint: base + GOOGLE_AUTH_PATH,
      token_endpoint: base + GOOGLE_TOKEN_PATH,
      userinfo_endpoint: base + GOOGLE_USERINFO_PATH,
      revocation_endpoint: base + GOOGLE_REVOKE_PATH,
      jwks_uri: base + GOOGLE_JWKS_PATH,
      response_types_supported: ['code'],
      subject_types_supported: ['public'],
      id_token_signing_alg_values_supported: ['RS256'],
      scopes_supported: ['openid', 'email', 'profile'],
      token_endpoint_auth_methods_supported: ['client_secret_post', 'client_secret_basic'],
      claims_supported: ['aud', 'email', 'email_verified', 'exp', 'family_name', 'given_name', 'iat', 'iss', 'name', 'picture', 'sub'],
      code_challenge_methods_supported: ['S256'],
      grant_types_supported: ['authorization_code', 'refresh_token'],
    });
  });

  app.get(GOOGLE_JWKS_PATH, (c) => {
    c.header('Cache-Control', 'public, max-age=300');
    return c.json({ keys: [context.keys.google.publicJwk] });
  });

  // google-auth-library's OAuth2Client.verifyIdToken reads {kid: PEM} from here by default.
  app.get('/google/oauth2/v1/certs', (c) => {
    c.header('Cache-Control', 'public, max-age=300');
    return c.json({ [context.keys.google.kid]: context.keys.google.publicPem });
  });

  app.get(GOOGLE_USERINFO_PATH, (c) => {
    const auth = googleBearer(c, context, 'openidconnect.googleapis.com');
    if (!auth.ok) return auth.response;
    const person = findGoogleSubject(auth.grant.personKey);
    return c.json(googleProfileClaims(context, person, auth.token.scopes));
  });

  // As oauth2.googleapis.com/tokeninfo?access_token=...
  app.get('/google/tokeninfo', (c) => {
    const value = c.req.query('access_token');
    const record = value ? context.grants.token(value) : null;
    if (!record || record.provider !== 'google' || record.kind !== 'access' || context.grants.statusOf(record) !== 'active') {
      return c.json({ error: 'invalid_token', error_description: 'Invalid Value' }, 400);
    }
    const grant = context.grants.grant(record.grantId);
    const person = grant ? findGoogleSubject(grant.personKey) : null;
    return c.json({
      azp: grant?.clientId,
      aud: grant?.clientId,
      sub: person?.subject,
      scope: record.scopes.join(' '),
      exp: String(Math.floor((record.expiresAt ?? 0) / 1000)),
      expires_in: String(Math.max(0, Math.floor(((record.expiresAt ?? 0) - context.clock.now()) / 1000))),
      access_type: grant?.offline ? 'offline' : 'online',
    });
  });
}
