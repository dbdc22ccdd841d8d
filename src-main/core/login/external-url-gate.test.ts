import { describe, expect, it } from 'vitest';
import { checkExternalUrl, isAllowedExternalUrl, requireExternalUrl } from './external-url-gate';

const allowed = ['https://accounts.google.com', 'https://www.facebook.com', 'http://127.0.0.1:4545'];

describe('isAllowedExternalUrl with an allowlist', () => {
  it('allows the consent pages and the sandbox', () => {
    expect(isAllowedExternalUrl('https://accounts.google.com/o/oauth2/v2/auth?client_id=x&state=y', allowed)).toBe(true);
    expect(isAllowedExternalUrl('https://www.facebook.com/v26.0/dialog/oauth?x=1', allowed)).toBe(true);
    expect(isAllowedExternalUrl('http://127.0.0.1:4545/google/o/oauth2/v2/auth', allowed)).toBe(true);
    expect(isAllowedExternalUrl('http://127.0.0.1:4545/facebook/www/v26.0/dialog/oauth?x=1', allowed)).toBe(true);
  });

  it.each([
    'https://accounts.google.com.evil.example/',
    'https://accounts.google.com.evil.test/o/oauth2',
    'https://evil.example/?https://accounts.google.com',
    'http://accounts.google.com/o/oauth2', // downgraded
    'https://accounts.google.com:8443/',
    'https://user@accounts.google.com/',
    'https://user:password@accounts.google.com/',
    'http://127.0.0.1:4546/',
    'https://127.0.0.1:4546/',
    'https://127.0.0.1:4545/', // right port, wrong scheme
    'file:///etc/passwd',
    'javascript:alert(1)',
    'smb://attacker/share',
    'ms-msdt:/id PCWDiagnostic',
    'mailto:someone@example.com',
    'not a url',
    '',
  ])('refuses %s', (url) => {
    expect(isAllowedExternalUrl(url, allowed)).toBe(false);
  });

  it('never allows plain http off this machine, even if configured', () => {
    expect(isAllowedExternalUrl('http://sandbox.example/', ['http://sandbox.example'])).toBe(false);
  });

  it('ignores an allowlist entry that is not a URL', () => {
    expect(isAllowedExternalUrl('https://accounts.google.com/', ['not an origin', 'https://accounts.google.com'])).toBe(true);
  });
});

describe('checkExternalUrl without an allowlist', () => {
  it('allows any https page and plain http on this machine (Kith’s own server)', () => {
    expect(isAllowedExternalUrl('https://a.example/')).toBe(true);
    expect(isAllowedExternalUrl('http://127.0.0.1:51234/launch?t=x')).toBe(true);
    expect(isAllowedExternalUrl('http://localhost:8080/')).toBe(true);
    expect(isAllowedExternalUrl('http://[::1]:8080/')).toBe(true);
  });

  it('still refuses other schemes, credentials and plain http elsewhere', () => {
    expect(checkExternalUrl('ms-settings:')).toMatchObject({ refused: 'not-web', what: 'a ms-settings: URL' });
    expect(checkExternalUrl('https://me:pw@a.example/')).toMatchObject({ refused: 'credentials', what: 'https://a.example' });
    expect(checkExternalUrl('http://a.example/')).toMatchObject({ refused: 'plain-http-off-machine', what: 'http://a.example' });
  });
});

describe('requireExternalUrl', () => {
  it('returns the parsed URL', () => {
    expect(requireExternalUrl('https://accounts.google.com/x?y=1', allowed).toString()).toBe('https://accounts.google.com/x?y=1');
  });

  it('throws E_FORBIDDEN naming the origin only, never the path or query', () => {
    let thrown: unknown;
    try {
      requireExternalUrl('https://evil.example/steal?code=secret-code', allowed);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toMatchObject({ code: 'E_FORBIDDEN' });
    expect((thrown as Error).message).toContain('https://evil.example');
    expect((thrown as Error).message).not.toContain('secret-code');
  });
});
