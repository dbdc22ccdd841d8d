import { describe, expect, it, vi } from 'vitest';
import { createSafeOpenExternal } from './safe-open-external';

const allowed = ['https://accounts.google.com', 'https://www.facebook.com', 'http://127.0.0.1:4545'];

describe('createSafeOpenExternal', () => {
  it('opens an allowed URL and reports a refused one by origin only', async () => {
    const open = vi.fn(async () => {});
    const refused: string[] = [];
    const safeOpen = createSafeOpenExternal(open, allowed, (origin) => refused.push(origin));

    await expect(safeOpen('https://accounts.google.com/o/oauth2/v2/auth?state=s')).resolves.toBe(true);
    await expect(safeOpen('https://evil.example/steal?code=abc')).resolves.toBe(false);
    await expect(safeOpen('file:///etc/passwd')).resolves.toBe(false);
    await expect(safeOpen('https://user:pw@accounts.google.com/?code=abc')).resolves.toBe(false);

    expect(open.mock.calls).toEqual([['https://accounts.google.com/o/oauth2/v2/auth?state=s']]);
    expect(refused).toEqual(['https://evil.example', 'a file: URL', 'https://accounts.google.com']);
  });

  it('lets a plain mailto: or tel: link through to the mail or phone app, and nothing with header fields', async () => {
    const open = vi.fn(async () => {});
    const refused: string[] = [];
    const safeOpen = createSafeOpenExternal(open, allowed, (origin) => refused.push(origin));
    await expect(safeOpen('mailto:ada@example.com')).resolves.toBe(true);
    await expect(safeOpen('tel:+12125550100')).resolves.toBe(true);
    await expect(safeOpen('mailto:ada@example.com?attach=%2Fetc%2Fpasswd')).resolves.toBe(false);
    expect(open.mock.calls).toEqual([['mailto:ada@example.com'], ['tel:+12125550100']]);
    expect(refused).toEqual(['a mailto: URL']);
  });
});
