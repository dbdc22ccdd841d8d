import { describe, expect, it } from 'vitest';
import { isTrustedSender, isTrustedUrl } from './trusted-sender';

const app = { origins: ['app://kith'] };
const dev = { origins: ['app://kith', 'http://127.0.0.1:5173'] };

describe('isTrustedSender', () => {
  it("answers the app's own page in the main frame", () => {
    expect(isTrustedSender({ url: 'app://kith/index.html', isMainFrame: true }, app)).toBe(true);
    expect(isTrustedSender({ url: 'app://kith/index.html#/friends', isMainFrame: true }, app)).toBe(true);
    expect(isTrustedSender({ url: 'http://127.0.0.1:5173/', isMainFrame: true }, dev)).toBe(true);
  });

  it('refuses a sub-frame, even of the app', () => {
    expect(isTrustedSender({ url: 'app://kith/index.html', isMainFrame: false }, app)).toBe(false);
  });

  it('refuses a missing (destroyed) frame', () => {
    expect(isTrustedSender(null, app)).toBe(false);
    expect(isTrustedSender(undefined, app)).toBe(false);
  });

  it('refuses any other origin, including look-alikes', () => {
    for (const url of [
      'https://evil.example/',
      'app://kith.evil/index.html',
      'app://evil/index.html',
      'app://user:pass@kith/index.html',
      'http://127.0.0.1:5174/',
      'http://localhost:5173/',
      'https://127.0.0.1:5173/',
      'file:///home/me/index.html',
      'about:blank',
      'data:text/html,<h1>x</h1>',
      'not a url',
      '',
    ]) {
      expect(isTrustedSender({ url, isMainFrame: true }, dev), url).toBe(false);
    }
  });

  it('trusts only the exact file:// page it was told about', () => {
    const files = { origins: [], files: ['file:///opt/Kith/resources/app.asar/dist/renderer/index.html'] };
    expect(isTrustedUrl('file:///opt/Kith/resources/app.asar/dist/renderer/index.html#/settings', files)).toBe(true);
    expect(isTrustedUrl('file:///opt/Kith/resources/app.asar/dist/renderer/other.html', files)).toBe(false);
    expect(isTrustedUrl('file:///tmp/index.html', files)).toBe(false);
    expect(isTrustedUrl('file://evil-host/opt/Kith/resources/app.asar/dist/renderer/index.html', files)).toBe(false);
  });
});
