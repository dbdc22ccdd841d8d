import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { verifyPkce } from './pkce';
import { isLoopbackRedirectUri } from './redirect-uri';

describe('PKCE (RFC 7636 appendix B)', () => {
  it('verifies the RFC’s S256 example', () => {
    expect(verifyPkce('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk', 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM', 'S256')).toBe(true);
  });

  it('refuses a verifier that is too short or has other characters', () => {
    const short = 'abc';
    expect(verifyPkce(short, createHash('sha256').update(short).digest('base64url'), 'S256')).toBe(false);
    const odd = 'a'.repeat(42) + '+';
    expect(verifyPkce(odd, odd, 'plain')).toBe(false);
  });
});

describe('loopback redirect URIs (RFC 8252 §7.3)', () => {
  it.each([
    ['http://127.0.0.1:1234/cb', true],
    ['http://127.0.0.1/cb', true],
    ['http://[::1]:8080/', true],
    ['http://localhost:1234/cb', false],
    ['https://127.0.0.1:1234/cb', false],
    ['http://127.0.0.2:1234/cb', false],
    ['http://127.0.0.1:1234/cb#frag', false],
    ['com.example.app:/cb', false],
    ['not a url', false],
  ])('%s → %s', (uri, ok) => {
    expect(isLoopbackRedirectUri(uri)).toBe(ok);
  });
});
