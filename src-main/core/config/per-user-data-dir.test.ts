import { describe, expect, it } from 'vitest';
import { perUserDataDir } from './per-user-data-dir';

const none = { xdgDataHome: null, appData: null };

describe('perUserDataDir', () => {
  it('follows each OS convention', () => {
    expect(perUserDataDir('linux', '/home/ada', none)).toBe('/home/ada/.local/share/kith');
    expect(perUserDataDir('linux', '/home/ada', { ...none, xdgDataHome: '/data/ada' })).toBe('/data/ada/kith');
    expect(perUserDataDir('linux', '/home/ada', { ...none, xdgDataHome: 'relative' })).toBe('/home/ada/.local/share/kith');
    expect(perUserDataDir('darwin', '/Users/ada', none)).toBe('/Users/ada/Library/Application Support/Kith');
    expect(perUserDataDir('win32', 'C:\\Users\\ada', { ...none, appData: 'C:\\Users\\ada\\AppData\\Roaming' })).toBe('C:\\Users\\ada\\AppData\\Roaming\\Kith');
    expect(perUserDataDir('win32', 'C:\\Users\\ada', none)).toBe('C:\\Users\\ada\\AppData\\Roaming\\Kith');
  });
});
