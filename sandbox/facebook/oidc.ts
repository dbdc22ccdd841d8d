// Facebook's OIDC surface: discovery and JWKS under /.well-known (with the
// trailing slashes Facebook uses), and the id_token the code exchange returns.
import { randomUUID } from 'node:crypto';
import type { Hono } from 'hono';
import type { SandboxContext } from '../context';
import { personAvatarPath } from '../seed/avatars';
import { displayName, findFacebookSubject } from '../seed/people-lookup';
import type { Grant } from '../state/grants';
import { accessTokenHash } from '../util/signing-keys';

export const FACEBOOK_JWKS_PATH = '/facebook/.well-known/oauth/openid/jwks/';

export function facebookPictureUrl(context: SandboxContext, personKey: string): string {
  return context.baseUrl + personAvatarPath('facebook', findFacebookSubject(personKey));
}

export function registerFacebookOidc(app: Hono, context: SandboxContext): void {
  // Exactly the keys of https://www.facebook.com/.well-known/openid-configuration/ (with the sandbox's
  // URLs): no token_endpoint, no `code` response type, no code_challenge_methods_supported. The code +
  // PKCE exchange exists ("OIDC Code Flow with PKCE for Manually Built Facebook Login Flows", "still in
  // testing") but Facebook's discovery does not advertise it, so neither does the sandbox.
  const discovery = () => ({
    issuer: `${context.baseUrl}/facebook`,
    authorization_endpoint: `${context.baseUrl}/facebook/www/dialog/oauth/`,
    jwks_uri: `${context.baseUrl}${FACEBOOK_JWKS_PATH}`,
    response_types_supported: ['id_token', 'token id_token'],
    subject_types_supported: ['pairwise'],
    id_token_signing_alg_values_supported: ['RS256'],
    claims_supported: [
      'iss', 'aud', 'sub', 'iat', 'exp', 'jti', 'nonce', 'at_hash', 'name', 'given_name', 'middle_name', 'family_name', 'email', 'picture',
      'user_friends', 'user_birthday', 'user_age_range', 'user_link', 'user_hometown', 'user_location', 'user_gender',
    ],
  });
  const jwks = () => ({ keys: [context.keys.facebook.publicJwk] });
  for (const path of ['/facebook/.well-known/openid-configuration/', '/facebook/.well-known/openid-configuration']) app.get(path, (c) => c.json(discovery()));
  // The web JWKS path (www.facebook.com/.well-known/oauth/openid/jwks/), which is also the path of
  // limited.facebook.com's iOS Limited Login JWKS: the sandbox has one host for both.
  for (const path of [FACEBOOK_JWKS_PATH, FACEBOOK_JWKS_PATH.slice(0, -1)]) {
    app.get(path, (c) => {
      c.header('Cache-Control', 'public, max-age=300');
      return c.json(jwks());
    });
  }
}

export async function issueFacebookIdToken(context: SandboxContext, grant: Grant, input: { accessToken: string; nonce: string | null; fromCode: string }): Promise<string> {
  const person = findFacebookSubject(grant.personKey);
  const iat = Math.floor(context.clock.now() / 1000);
  const claims = {
    iss: `${context.baseUrl}/facebook`,
    aud: grant.clientId,
    sub: person.subject,
    iat,
    exp: iat + 3600,
    jti: randomUUID(),
    ...(input.nonce === null ? {} : { nonce: input.nonce }),
    at_hash: accessTokenHash(input.accessToken),
    name: displayName(person),
    given_name: person.givenName,
    family_name: person.familyName,
    ...(grant.scopes.has('email') ? { email: person.email } : {}),
    picture: facebookPictureUrl(context, grant.personKey),
  };
  const value = await context.keys.facebook.sign(claims);
  context.grants.issue({ value, provider: 'facebook', kind: 'id', grantId: grant.id, scopes: ['openid'], expiresAt: (iat + 3600) * 1000, fromCode: input.fromCode });
  return value;
}
