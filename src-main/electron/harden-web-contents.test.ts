import { describe, expect, it } from 'vitest';
import { isPermitted } from './harden-web-contents';

const isAppUrl = (url: string) => url.startsWith('app://kith/');

describe('isPermitted', () => {
  it("lets only the app's own page write to the clipboard", () => {
    expect(isPermitted('clipboard-sanitized-write', 'app://kith/index.html', isAppUrl)).toBe(true);
    expect(isPermitted('clipboard-sanitized-write', 'https://evil.example/', isAppUrl)).toBe(false);
    expect(isPermitted('clipboard-sanitized-write', undefined, isAppUrl)).toBe(false);
  });

  it('grants nothing else, not even to the app', () => {
    for (const permission of ['clipboard-read', 'notifications', 'media', 'geolocation', 'openExternal', 'fullscreen']) {
      expect(isPermitted(permission, 'app://kith/index.html', isAppUrl)).toBe(false);
    }
  });
});
