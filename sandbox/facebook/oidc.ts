// Facebook's OIDC surface: discovery and JWKS under /.well-known (with the
// trailing slashes Facebook uses), and the id_token the code exchange returns.
import { randomUUID } from 'node:crypto';
import type { Hono } from 'hono';
import type { SandboxContext } from '../context';
import { personAvatarPath } from '../seed/avatars';
import { displayName, findFacebookSubject } from '../seed/people-lookup';
import type { Grant } from '../state/grants';
import { accessTokenHash } from '../util/signing-keys';
import { DEFAULT_GRAPH_VERSION } from './scopes';

export function facebookPictureUrl(context: SandboxContext, personKey: string): string {
  return context.baseUrl + personAvatarPath('facebook', findFacebookSubject(personKey));
}

export function registerFacebookOidc(app: Hono, context: SandboxContext): void {
  const discovery = () => ({
    issuer: `${context.baseUrl}/facebook`,
    // As Facebook's own document: no token_endpoint or userinfo_endpoint; the code is exchanged at Graph's /oauth/access_token.
    authorization_endpoint: `${context.baseUrl}/facebook/www/${DEFAULT_GRAPH_VERSION}/dialog/oauth`,
    jwks_uri: `${context.baseUrl}/facebook/.well-known/oauth/openid/jwks/`,
    response_types_supported: ['code', 'id_token', 'token id_token'],
    subject_types_supported: ['pairwise'],
    id_token_signing_alg_values_supported: ['RS256'],
    claims_supported: ['iss', 'aud', 'sub', 'iat', 'exp', 'jti', 'nonce', 'at_hash', 'name', 'given_name', 'family_name', 'email', 'picture'],
    code_challenge_methods_supported: ['S256', 'plain'],
  });
  const jwks = () => ({ keys: [context.keys.facebook.publicJwk] });
  for (const path of ['/facebook/.well-known/openid-configuration/', '/facebook/.well-known/openid-configuration']) app.get(path, (c) => c.json(discovery()));
  for (const path of ['/facebook/.well-known/oauth/openid/jwks/', '/facebook/.well-known/oauth/openid/jwks']) {
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
