import { describe, expect, it } from 'vitest';
import { allowlistedBrowser } from './allowlisted-browser';

function recorder() {
  const opened: string[] = [];
  return { opened, open: async (url: string) => void opened.push(url) };
}

describe('allowlistedBrowser', () => {
  it('opens URLs on an allowed origin', async () => {
    const inner = recorder();
    const browser = allowlistedBrowser(inner, ['https://accounts.google.com', 'http://127.0.0.1:4545']);
    await browser.open('https://accounts.google.com/o/oauth2/v2/auth?client_id=x');
    await browser.open('http://127.0.0.1:4545/facebook/www/v26.0/dialog/oauth?x=1');
    expect(inner.opened).toEqual(['https://accounts.google.com/o/oauth2/v2/auth?client_id=x', 'http://127.0.0.1:4545/facebook/www/v26.0/dialog/oauth?x=1']);
  });

  it.each([
    'https://accounts.google.com.evil.test/o/oauth2',
    'http://accounts.google.com/o/oauth2',
    'https://user@accounts.google.com/o/oauth2',
    'https://127.0.0.1:4546/',
    'file:///etc/passwd',
    'javascript:alert(1)',
    'not a url',
  ])('refuses %s without opening anything', async (url) => {
    const inner = recorder();
    const browser = allowlistedBrowser(inner, ['https://accounts.google.com', 'http://127.0.0.1:4545']);
    await expect(browser.open(url)).rejects.toMatchObject({ code: 'E_FORBIDDEN' });
    expect(inner.opened).toEqual([]);
  });
});
