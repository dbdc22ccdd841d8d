// Google's id_token claims (OIDC Core §2 plus Google's email/profile claims).
import type { SandboxContext } from '../context';
import { personAvatarPath } from '../seed/avatars';
import { displayName, findGoogleSubject, type SeededPerson } from '../seed/people-lookup';
import { accessTokenHash } from '../util/signing-keys';
import { EMAIL_SCOPE, PROFILE_SCOPE } from './scopes';
import type { Grant } from '../state/grants';

export function googlePictureUrl(context: SandboxContext, person: SeededPerson): string {
  return context.baseUrl + personAvatarPath('google', person);
}

/** The claims both the id_token and userinfo carry for these scopes. */
export function googleProfileClaims(context: SandboxContext, person: SeededPerson, scopes: readonly string[]): Record<string, unknown> {
  const claims: Record<string, unknown> = { sub: person.subject };
  if (scopes.includes(EMAIL_SCOPE)) {
    claims.email = person.email;
    claims.email_verified = true;
  }
  if (scopes.includes(PROFILE_SCOPE)) {
    claims.name = displayName(person);
    claims.picture = googlePictureUrl(context, person);
    claims.given_name = person.givenName;
    claims.family_name = person.familyName;
  }
  return claims;
}

export async function issueGoogleIdToken(
  context: SandboxContext,
  grant: Grant,
  input: { scopes: readonly string[]; accessToken: string; nonce: string | null; fromCode: string | null },
): Promise<string> {
  const person = findGoogleSubject(grant.personKey);
  const iat = Math.floor(context.clock.now() / 1000);
  const claims = {
    iss: `${context.baseUrl}/google`,
    azp: grant.clientId,
    aud: grant.clientId,
    ...googleProfileClaims(context, person, input.scopes),
    at_hash: accessTokenHash(input.accessToken),
    ...(input.nonce === null ? {} : { nonce: input.nonce }),
    iat,
    exp: iat + 3600,
  };
  const value = await context.keys.google.sign(claims);
  context.grants.issue({ value, provider: 'google', kind: 'id', grantId: grant.id, scopes: [...input.scopes], expiresAt: (iat + 3600) * 1000, fromCode: input.fromCode });
  return value;
}
