// Verifies an OIDC id_token against the provider's JWKS: signature, iss, aud,
// exp/iat (with a small clock tolerance) and the nonce of this login
// (OIDC Core §3.1.3.7). One implementation for Google and Facebook, on jose:
// google-auth-library's verifyIdToken fetches PEM certificates in Node, reads
// the system clock and puts the raw token into its error messages.
import type { createLocalJWKSet, errors as JoseErrors, JSONWebKeySet, JWTPayload } from 'jose';
import { KithError } from '../../../src-contract/kith-api';
import type { Clock } from '../ports';
import { sameSecret } from '../login/random-state';
import { fetchOrOffline, readJson, transientForStatus, withRetries, type RetryPolicy } from './provider-http';

export interface IdTokenVerifierOptions {
  provider: string;
  jwksUrl: string;
  issuers: string[];
  audience: string;
  fetch: typeof fetch;
  clock: Clock;
  retry: RetryPolicy;
  /** Accepted difference between Kith's clock and the provider's, in seconds. */
  clockToleranceSeconds?: number;
  /** How long a fetched key set is reused. */
  cacheMs?: number;
}

export interface IdTokenVerifier {
  /** The verified claims; rejects with E_ID_TOKEN_INVALID (or E_OFFLINE / E_PROVIDER when the keys cannot be fetched). */
  verify(idToken: string, expectedNonce: string): Promise<JWTPayload>;
}

/** jose is imported at the first sign-in, not at Kith's start: most commands never verify a token. */
const loadJose = () => import('jose');

export function createIdTokenVerifier(options: IdTokenVerifierOptions): IdTokenVerifier {
  const { provider } = options;
  const cacheMs = options.cacheMs ?? 60 * 60 * 1000;
  const tolerance = options.clockToleranceSeconds ?? 300;
  let cached: { keys: ReturnType<typeof createLocalJWKSet>; fetchedAt: number } | null = null;

  const loadKeys = async (fresh: boolean) => {
    if (!fresh && cached && options.clock.now() - cached.fetchedAt < cacheMs) return cached.keys;
    const what = { provider, operation: 'signing keys' };
    const body = await withRetries(async () => {
      const response = await fetchOrOffline(options.fetch, options.jwksUrl, { headers: { accept: 'application/json' } }, what);
      const transient = transientForStatus(response.status, response.headers, what);
      if (transient) throw transient;
      if (!response.ok) throw new KithError('E_PROVIDER', `${provider} did not give out its signing keys (HTTP ${response.status}).`);
      return readJson(response, what);
    }, options.retry);
    if (!isJwks(body)) throw new KithError('E_PROVIDER', `${provider}'s signing keys are not a JSON Web Key Set.`);
    const { createLocalJWKSet } = await loadJose();
    cached = { keys: createLocalJWKSet(body), fetchedAt: options.clock.now() };
    return cached.keys;
  };

  const check = async (idToken: string, fresh: boolean) =>
    (await loadJose()).jwtVerify(idToken, await loadKeys(fresh), {
      issuer: options.issuers,
      audience: options.audience,
      currentDate: new Date(options.clock.now()),
      clockTolerance: tolerance,
      algorithms: ['RS256', 'ES256', 'PS256'],
      requiredClaims: ['sub', 'iat', 'exp'],
    });

  return {
    async verify(idToken, expectedNonce) {
      const { errors: joseErrors } = await loadJose();
      let result;
      try {
        try {
          result = await check(idToken, false);
        } catch (error) {
          // A key we do not know may be a rotation since the keys were cached: fetch once more.
          if (!(error instanceof joseErrors.JWKSNoMatchingKey)) throw error;
          result = await check(idToken, true);
        }
      } catch (error) {
        if (error instanceof KithError) throw error;
        throw invalid(provider, reasonOf(error, joseErrors));
      }
      // jose checks exp and nbf; an iat ahead of the clock (beyond the tolerance) is as suspect.
      const iat = result.payload.iat;
      if (typeof iat !== 'number' || iat * 1000 > options.clock.now() + tolerance * 1000) {
        throw invalid(provider, 'it is not valid yet (is the computer clock right?)');
      }
      if (!sameSecret(expectedNonce, typeof result.payload.nonce === 'string' ? result.payload.nonce : null)) {
        throw invalid(provider, 'its nonce is not the one Kith sent (a replayed sign-in?)');
      }
      return result.payload;
    },
  };
}

function invalid(provider: string, reason: string): KithError {
  return new KithError('E_ID_TOKEN_INVALID', `${provider}'s identity token could not be trusted: ${reason}.`);
}

/** jose's messages can quote claims; these reasons never quote anything from the token. */
function reasonOf(error: unknown, joseErrors: typeof JoseErrors): string {
  if (error instanceof joseErrors.JWTExpired) return 'it has expired';
  if (error instanceof joseErrors.JWTClaimValidationFailed) {
    switch (error.claim) {
      case 'iss':
        return 'it was issued by someone else';
      case 'aud':
        return 'it was issued to another app';
      case 'iat':
      case 'nbf':
        return 'it is not valid yet (is the computer clock right?)';
      default:
        return `its "${error.claim}" claim is missing or wrong`;
    }
  }
  if (error instanceof joseErrors.JWSSignatureVerificationFailed) return 'its signature does not verify';
  if (error instanceof joseErrors.JWKSNoMatchingKey) return 'it is signed with a key the provider does not publish';
  if (error instanceof joseErrors.JOSEAlgNotAllowed) return 'it uses a signing algorithm Kith does not accept';
  return 'it is malformed';
}

function isJwks(value: unknown): value is JSONWebKeySet {
  return typeof value === 'object' && value !== null && Array.isArray((value as { keys?: unknown }).keys);
}
