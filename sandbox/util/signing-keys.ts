// RS256 keys for id_tokens, one per provider, fresh at every start (clients
// must fetch the JWKS, never pin a key).
import { createHash, randomBytes } from 'node:crypto';
import { exportJWK, exportSPKI, generateKeyPair, SignJWT, type JWK, type JWTPayload } from 'jose';

export interface SigningKey {
  kid: string;
  sign(claims: JWTPayload): Promise<string>;
  /** The public key as a JWK with kid, alg and use. */
  publicJwk: JWK;
  /** The public key as SPKI PEM (Google's oauth2/v1/certs format, used by google-auth-library). */
  publicPem: string;
}

export async function createSigningKey(): Promise<SigningKey> {
  const { publicKey, privateKey } = await generateKeyPair('RS256', { modulusLength: 2048, extractable: true });
  const kid = randomBytes(10).toString('hex');
  const jwk = await exportJWK(publicKey);
  const publicPem = await exportSPKI(publicKey);
  return {
    kid,
    publicJwk: { ...jwk, kid, alg: 'RS256', use: 'sig' },
    publicPem,
    sign: (claims) => new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid, typ: 'JWT' }).sign(privateKey),
  };
}

/** OIDC Core §3.1.3.6: at_hash is the base64url of the left half of SHA-256(access_token). */
export function accessTokenHash(accessToken: string): string {
  const digest = createHash('sha256').update(accessToken, 'ascii').digest();
  return digest.subarray(0, digest.length / 2).toString('base64url');
}
