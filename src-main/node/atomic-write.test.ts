import { mkdtemp, readdir, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeFileAtomic } from './atomic-write';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'kith-atomic-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('writeFileAtomic', () => {
  it('replaces the file with mode 0600 and leaves no temp file', async () => {
    const file = path.join(dir, 'doc.json');
    await writeFile(file, 'old', { mode: 0o644 });
    await writeFileAtomic(file, '{"new":true}');
    expect(await readFile(file, 'utf8')).toBe('{"new":true}');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(await readdir(dir)).toEqual(['doc.json']);
  });

  it('replaces a symlink at the target instead of writing through it', async () => {
    const outside = path.join(dir, 'outside.txt');
    await writeFile(outside, 'keep');
    const file = path.join(dir, 'doc.json');
    await symlink(outside, file);
    await writeFileAtomic(file, 'x');
    expect(await readFile(outside, 'utf8')).toBe('keep');
    expect(await readFile(file, 'utf8')).toBe('x');
  });

  it('cleans up its temp file when the rename fails', async () => {
    await expect(writeFileAtomic(path.join(dir, 'missing-folder', 'doc.json'), 'x')).rejects.toMatchObject({ code: 'ENOENT' });
    await expect(writeFileAtomic(dir, 'x')).rejects.toBeDefined(); // target is a folder
    expect(await readdir(dir)).toEqual([]);
  });
});
