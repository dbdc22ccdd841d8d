import { mkdir, mkdtemp, rm, stat, chmod, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ensureDataDir } from './data-dir';

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
