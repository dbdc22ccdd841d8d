import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { demoDataDirPath, prepareDemoDataDir } from './demo-data-dir';

const homes: string[] = [];
afterEach(() => {
  for (const home of homes.splice(0)) rmSync(home, { recursive: true, force: true });
});

function freshHome(): string {
  const home = mkdtempSync(path.join(tmpdir(), 'kith-demo-home-'));
  homes.push(home);
  return home;
}

describe('the demo data folder', () => {
  it('is the same folder on the next run, with what the first run left in it', async () => {
    const home = freshHome();
    const first = await prepareDemoDataDir({ env: {}, fresh: false, platform: 'linux', home });
    expect(first).toEqual({ dir: path.join(home, '.local', 'share', 'kith-demo'), movedAside: null });
    writeFileSync(path.join(first.dir, 'accounts.json'), '{"accounts":["ada"]}');

    const second = await prepareDemoDataDir({ env: {}, fresh: false, platform: 'linux', home });
    expect(second.dir).toBe(first.dir);
    expect(readFileSync(path.join(second.dir, 'accounts.json'), 'utf8')).toContain('ada');
  });

  it('starts over with --fresh by moving the old folder aside, never deleting it', async () => {
    const home = freshHome();
    const { dir } = await prepareDemoDataDir({ env: {}, fresh: false, platform: 'linux', home });
    writeFileSync(path.join(dir, 'vault.json'), 'sealed');
    const now = () => new Date('2025-03-04T05:06:07.089Z');

    const fresh = await prepareDemoDataDir({ env: {}, fresh: true, platform: 'linux', home, now });
    expect(fresh.dir).toBe(dir);
    expect(readdirSync(dir)).toEqual([]);
    expect(fresh.movedAside).toBe(`${dir}-before-2025-03-04T05-06-07-089Z`);
    expect(readFileSync(path.join(fresh.movedAside!, 'vault.json'), 'utf8')).toBe('sealed');

    // A second --fresh in the same instant does not overwrite the first one's backup.
    writeFileSync(path.join(dir, 'vault.json'), 'second');
    const again = await prepareDemoDataDir({ env: {}, fresh: true, platform: 'linux', home, now });
    expect(again.movedAside).toBe(`${dir}-before-2025-03-04T05-06-07-089Z-2`);
    expect(readFileSync(path.join(fresh.movedAside!, 'vault.json'), 'utf8')).toBe('sealed');
  });

  it('sits beside the per-user Kith folder on every platform, and KITH_DATA_DIR still wins', () => {
    expect(demoDataDirPath({ XDG_DATA_HOME: '/xdg' }, 'linux', '/home/ada')).toBe('/xdg/kith-demo');
    expect(demoDataDirPath({}, 'darwin', '/Users/ada')).toBe('/Users/ada/Library/Application Support/Kith-demo');
    expect(demoDataDirPath({ APPDATA: 'C:\\Users\\ada\\AppData\\Roaming' }, 'win32', 'C:\\Users\\ada')).toBe('C:\\Users\\ada\\AppData\\Roaming\\Kith-demo');
    expect(demoDataDirPath({ KITH_DATA_DIR: '/data/mine' }, 'linux', '/home/ada')).toBe('/data/mine');
  });
});
