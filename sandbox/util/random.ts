// Opaque values the sandbox hands out. Prefixes mimic the providers' own
// (Google "ya29." access tokens, "1//" refresh tokens, "4/0A" codes; Facebook
// "EAA" tokens) so a client that logs a token is easy to spot in a test.
import { randomBytes } from 'node:crypto';

export function randomToken(prefix: string, bytes = 32): string {
  return prefix + randomBytes(bytes).toString('base64url');
}

/** A deterministic PRNG (mulberry32) so fault rates replay the same way for a given seed. */
export function createPrng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
