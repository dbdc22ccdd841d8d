// RFC 7636 §4.6: the server recomputes the challenge from the verifier.
import { createHash, timingSafeEqual } from 'node:crypto';

export type CodeChallengeMethod = 'S256' | 'plain';

/** RFC 7636 §4.1: 43 to 128 characters of [A-Z a-z 0-9 - . _ ~]. */
const VERIFIER = /^[A-Za-z0-9\-._~]{43,128}$/;

export function isWellFormedVerifier(verifier: string): boolean {
  return VERIFIER.test(verifier);
}

export function isWellFormedS256Challenge(challenge: string): boolean {
  // base64url of a SHA-256 digest: 43 characters, no padding.
  return /^[A-Za-z0-9_-]{43}$/.test(challenge);
}

export function verifyPkce(verifier: string, challenge: string, method: CodeChallengeMethod): boolean {
  if (!isWellFormedVerifier(verifier)) return false;
  const computed = method === 'S256' ? createHash('sha256').update(verifier, 'ascii').digest('base64url') : verifier;
  const a = Buffer.from(computed);
  const b = Buffer.from(challenge);
  return a.length === b.length && timingSafeEqual(a, b);
}
