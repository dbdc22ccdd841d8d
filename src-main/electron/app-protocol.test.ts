import { describe, expect, it, vi } from 'vitest';
import { appUrlToFile } from './app-protocol';

vi.mock('electron', () => ({ protocol: {} }));

describe('appUrlToFile', () => {
  const root = '/opt/kith/dist/renderer';

  it('maps app://kith paths into the renderer folder', () => {
    expect(appUrlToFile('app://kith/', root)).toBe('/opt/kith/dist/renderer/index.html');
    expect(appUrlToFile('app://kith/index.html#/friends', root)).toBe('/opt/kith/dist/renderer/index.html');
    expect(appUrlToFile('app://kith/assets/index-abc.js?v=1', root)).toBe('/opt/kith/dist/renderer/assets/index-abc.js');
  });

  it('refuses another host and anything that leaves the folder', () => {
    expect(appUrlToFile('app://other/index.html', root)).toBeNull();
    expect(appUrlToFile('app://kith/assets/%00.js', root)).toBeNull();
    for (const url of ['app://kith/%2e%2e/%2e%2e/secret.json', 'app://kith/..%2f..%2fsecret.json', 'app://kith/assets/..%5c..%5csecret.json']) {
      const file = appUrlToFile(url, root);
      expect(file === null || file.startsWith(`${root}/`), `${url} -> ${file}`).toBe(true);
    }
    expect(appUrlToFile('app://kith/..%2f..%2fsecret.json', root)).toBeNull();
  });
});
