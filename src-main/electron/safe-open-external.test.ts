import { describe, expect, it, vi } from 'vitest';
import { createSafeOpenExternal, isAllowedExternalUrl } from './safe-open-external';

const allowed = ['https://accounts.google.com', 'https://www.facebook.com', 'http://127.0.0.1:4545'];

describe('isAllowedExternalUrl', () => {
  it('allows the consent pages and the sandbox', () => {
    expect(isAllowedExternalUrl('https://accounts.google.com/o/oauth2/v2/auth?client_id=x&state=y', allowed)).toBe(true);
    expect(isAllowedExternalUrl('https://www.facebook.com/v26.0/dialog/oauth?x=1', allowed)).toBe(true);
    expect(isAllowedExternalUrl('http://127.0.0.1:4545/google/o/oauth2/v2/auth', allowed)).toBe(true);
  });

  it('refuses other origins, schemes and tricks', () => {
    for (const url of [
      'https://accounts.google.com.evil.example/',
      'https://evil.example/?https://accounts.google.com',
      'http://accounts.google.com/', // downgraded
      'https://accounts.google.com:8443/',
      'https://user@accounts.google.com/',
      'http://127.0.0.1:4546/',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'smb://attacker/share',
      'ms-msdt:/id PCWDiagnostic',
      'mailto:someone@example.com',
      'not a url',
      '',
    ]) {
      expect(isAllowedExternalUrl(url, allowed), url).toBe(false);
    }
  });

  it('never allows plain http off this machine, even if configured', () => {
    expect(isAllowedExternalUrl('http://sandbox.example/', ['http://sandbox.example'])).toBe(false);
  });
});

describe('createSafeOpenExternal', () => {
  it('opens an allowed URL and reports a refused one by origin only', async () => {
    const open = vi.fn(async () => {});
    const refused: string[] = [];
    const safeOpen = createSafeOpenExternal(open, allowed, (origin) => refused.push(origin));

    await expect(safeOpen('https://accounts.google.com/o/oauth2/v2/auth?state=s')).resolves.toBe(true);
    await expect(safeOpen('https://evil.example/steal?code=abc')).resolves.toBe(false);
    await expect(safeOpen('file:///etc/passwd')).resolves.toBe(false);

    expect(open.mock.calls).toEqual([['https://accounts.google.com/o/oauth2/v2/auth?state=s']]);
    expect(refused).toEqual(['https://evil.example', 'a file: URL']);
  });
});
