import { describe, expect, it } from 'vitest';
import { createPkcePair, s256Challenge, VERIFIER_PATTERN } from './pkce';

describe('PKCE', () => {
  it('matches the RFC 7636 Appendix B example', () => {
    expect(s256Challenge('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe('E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
  });

  it('makes verifiers of 43+ unreserved characters with a matching S256 challenge', () => {
    const pair = createPkcePair();
    expect(pair.verifier).toMatch(VERIFIER_PATTERN);
    expect(pair.verifier.length).toBeGreaterThanOrEqual(43);
    expect(pair.method).toBe('S256');
    expect(pair.challenge).toBe(s256Challenge(pair.verifier));
    expect(pair.challenge).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('never repeats a verifier', () => {
    const seen = new Set(Array.from({ length: 200 }, () => createPkcePair().verifier));
    expect(seen.size).toBe(200);
  });

  it('uses the injected randomness', () => {
    const pair = createPkcePair((size) => new Uint8Array(size).fill(0));
    expect(pair.verifier).toBe('A'.repeat(43));
  });

  it.each(['short', 'x'.repeat(129), `${'a'.repeat(43)} `, `${'a'.repeat(42)}+`])('refuses the verifier %j', (verifier) => {
    expect(() => s256Challenge(verifier)).toThrow(RangeError);
  });

  it('accepts the 128-character maximum and every unreserved character', () => {
    expect(() => s256Challenge('A-._~'.repeat(25) + 'xyz')).not.toThrow();
  });
});
