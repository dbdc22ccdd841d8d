// PKCE (RFC 7636) for public clients: Kith ships no secret, so the verifier
// proves that whoever redeems the code is whoever asked for it.
import { createHash, randomBytes as nodeRandomBytes } from 'node:crypto';

export interface PkcePair {
  /** Kept in memory only; sent once, to the token endpoint. */
  verifier: string;
  /** BASE64URL(SHA256(verifier)), sent in the authorization request. */
  challenge: string;
  method: 'S256';
}

/** RFC 7636 §4.1: 43-128 characters from [A-Z] / [a-z] / [0-9] / "-" / "." / "_" / "~". */
export const VERIFIER_PATTERN = /^[A-Za-z0-9\-._~]{43,128}$/;

/**
 * A fresh verifier and its S256 challenge. 32 random octets base64url-encoded give
 * the 43-character verifier RFC 7636 §4.1 recommends (256 bits of entropy).
 */
export function createPkcePair(randomBytes: (size: number) => Uint8Array = nodeRandomBytes): PkcePair {
  const verifier = Buffer.from(randomBytes(32)).toString('base64url');
  return { verifier, challenge: s256Challenge(verifier), method: 'S256' };
}

/** RFC 7636 §4.2: code_challenge = BASE64URL-ENCODE(SHA256(ASCII(code_verifier))). */
export function s256Challenge(verifier: string): string {
  if (!VERIFIER_PATTERN.test(verifier)) {
    throw new RangeError('A PKCE code verifier must be 43-128 unreserved characters (RFC 7636 §4.1).');
  }
  return createHash('sha256').update(verifier, 'ascii').digest('base64url');
}
