import { mkdir, mkdtemp, rm, stat, chmod, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ensureDataDir, resolveDataDir } from './data-dir';

describe('resolveDataDir', () => {
  it('uses KITH_DATA_DIR when set', () => {
    expect(resolveDataDir({ KITH_DATA_DIR: '/srv/kith/' }, 'linux', '/home/ada')).toBe('/srv/kith/');
    expect(resolveDataDir({ KITH_DATA_DIR: '  ' }, 'linux', '/home/ada')).toBe('/home/ada/.local/share/kith');
  });

  it('rejects a relative KITH_DATA_DIR with an error naming it', () => {
    expect(() => resolveDataDir({ KITH_DATA_DIR: 'data' }, 'linux', '/home/ada')).toThrow(/KITH_DATA_DIR/);
  });

  it('follows each OS convention otherwise', () => {
    expect(resolveDataDir({}, 'linux', '/home/ada')).toBe('/home/ada/.local/share/kith');
    expect(resolveDataDir({ XDG_DATA_HOME: '/data/ada' }, 'linux', '/home/ada')).toBe('/data/ada/kith');
    expect(resolveDataDir({ XDG_DATA_HOME: 'relative' }, 'linux', '/home/ada')).toBe('/home/ada/.local/share/kith');
    expect(resolveDataDir({}, 'darwin', '/Users/ada')).toBe('/Users/ada/Library/Application Support/Kith');
    expect(resolveDataDir({ APPDATA: 'C:\\Users\\ada\\AppData\\Roaming' }, 'win32', 'C:\\Users\\ada')).toBe('C:\\Users\\ada\\AppData\\Roaming\\Kith');
    expect(resolveDataDir({}, 'win32', 'C:\\Users\\ada')).toBe('C:\\Users\\ada\\AppData\\Roaming\\Kith');
  });
});

describe('ensureDataDir', () => {
  let root: string;
  beforeEach(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'kith-dir-'));
  });
  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('creates missing parents and the folder with mode 0700', async () => {
    const dir = path.join(root, 'a', 'b', 'kith');
    await ensureDataDir(dir);
    expect((await stat(dir)).mode & 0o777).toBe(0o700);
  });

  it('makes an existing world-readable folder private', async () => {
    const dir = path.join(root, 'kith');
    await mkdir(dir, { mode: 0o755 });
    await chmod(dir, 0o755);
    await ensureDataDir(dir);
    expect((await stat(dir)).mode & 0o777).toBe(0o700);
  });

  it('leaves a shared folder that is not Kith\'s own alone', async () => {
    const dir = path.join(root, 'shared');
    await mkdir(dir, { mode: 0o755 });
    await chmod(dir, 0o1777);
    await ensureDataDir(dir);
    expect((await stat(dir)).mode & 0o7777).toBe(0o1777);
  });

  it('says clearly when the path is a file', async () => {
    const file = path.join(root, 'file');
    await writeFile(file, '');
    await expect(ensureDataDir(file)).rejects.toMatchObject({ code: expect.stringMatching(/E_CONFIG|E_STORAGE/) });
  });
});
