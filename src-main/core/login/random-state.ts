// The `state` (CSRF protection, RFC 6749 §10.12 / RFC 9700 §4.7) and the OIDC
// `nonce` (replay protection for the id_token) of one login attempt.
import { randomBytes as nodeRandomBytes, timingSafeEqual } from 'node:crypto';

/** 32 random octets, base64url: unguessable, and safe in a URL without escaping. */
export function randomToken(randomBytes: (size: number) => Uint8Array = nodeRandomBytes): string {
  const bytes = randomBytes(32);
  if (bytes.length < 32) throw new RangeError('randomBytes returned fewer bytes than asked for');
  return Buffer.from(bytes).toString('base64url');
}

export function createState(randomBytes?: (size: number) => Uint8Array): string {
  return randomToken(randomBytes);
}

export function createNonce(randomBytes?: (size: number) => Uint8Array): string {
  return randomToken(randomBytes);
}

/** Compares in constant time so a wrong guess tells nothing about how close it was. */
export function sameSecret(expected: string, received: string | null | undefined): boolean {
  if (typeof received !== 'string') return false;
  const a = Buffer.from(expected, 'utf8');
  const b = Buffer.from(received, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}
