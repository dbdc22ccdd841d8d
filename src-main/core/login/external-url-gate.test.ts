import { describe, expect, it } from 'vitest';
import { checkExternalUrl, contactUrl, isAllowedExternalUrl, requireExternalUrl } from './external-url-gate';

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

describe('contact links (mailto: and tel:)', () => {
  const contact = { contactLinks: true };

  it('are refused unless the caller allows them', () => {
    expect(isAllowedExternalUrl('mailto:ada@example.com')).toBe(false);
    expect(isAllowedExternalUrl('tel:+12125550100', allowed)).toBe(false);
  });

  it('pass as one plain address or number', () => {
    expect(isAllowedExternalUrl('mailto:ada.lovelace+kith@example.co.uk', undefined, contact)).toBe(true);
    expect(isAllowedExternalUrl("mailto:o'brien@example.org", allowed, contact)).toBe(true);
    expect(isAllowedExternalUrl('tel:+1-212-555-0100', undefined, contact)).toBe(true);
    expect(isAllowedExternalUrl('tel:(212)555-0100', allowed, contact)).toBe(true);
  });

  it.each([
    'mailto:ada@example.com?attach=/etc/passwd',
    'mailto:ada@example.com?body=hi',
    'mailto:ada@example.com,eve@example.com',
    'mailto:?to=eve@example.com',
    'mailto:ada@example.com%0Acc:eve@example.com',
    'mailto:ada%40example.com',
    'mailto:ada@example.com#x',
    'mailto:not-an-address',
    'mailto://ada@example.com',
    'tel:+12125550100;phone-context=example.com',
    'tel:+12125550100;postd=pp22',
    'tel:1-800-FLOWERS',
    'tel:12',
    'tel:+1 212 555 0100',
    'sms:+12125550100',
  ])('refuses %s', (url) => {
    expect(isAllowedExternalUrl(url, undefined, contact)).toBe(false);
  });

  it('never names the address when it refuses one', () => {
    expect(() => requireExternalUrl('mailto:ada@example.com?attach=x', undefined, contact)).toThrow(expect.objectContaining({ code: 'E_FORBIDDEN' }));
    try {
      requireExternalUrl('mailto:ada@example.com?attach=x', undefined, contact);
    } catch (error) {
      expect(String((error as Error).message)).not.toContain('ada');
    }
  });

  it('builds the link from an email or a phone as a provider shows it', () => {
    expect(contactUrl('email', ' ada@example.com ').href).toBe('mailto:ada@example.com');
    expect(contactUrl('phone', '(212) 555-0100').href).toBe('tel:(212)555-0100');
    expect(contactUrl('phone', '+44 20 7946 0958').href).toBe('tel:+442079460958');
    expect(() => contactUrl('phone', '555-0100 ext. 12')).toThrow(expect.objectContaining({ code: 'E_FORBIDDEN' }));
    expect(() => contactUrl('email', 'ada@example.com?cc=eve@example.com')).toThrow(expect.objectContaining({ code: 'E_FORBIDDEN' }));
  });
});
