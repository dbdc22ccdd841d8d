import { mkdtemp, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { acquireFileLock } from './file-lock';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'kith-lock-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('acquireFileLock', () => {
  it('lets one holder in at a time and removes the file on release', async () => {
    const file = path.join(dir, 'vault.lock');
    const order: string[] = [];
    const release = await acquireFileLock(file);
    const second = acquireFileLock(file).then((r) => {
      order.push('second acquired');
      return r;
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    order.push('first releasing');
    await release();
    await (await second)();
    expect(order).toEqual(['first releasing', 'second acquired']);
    expect(await readdir(dir)).toEqual([]);
  });

  it('gives up with E_STORAGE when the holder keeps it too long', async () => {
    const file = path.join(dir, 'vault.lock');
    const release = await acquireFileLock(file);
    await expect(acquireFileLock(file, { timeoutMs: 100 })).rejects.toMatchObject({ code: 'E_STORAGE' });
    await release();
  });

  it('takes over a lock left by a process that no longer exists', async () => {
    const file = path.join(dir, 'vault.lock');
    // PIDs are below 2^22 on Linux; this one cannot be running.
    await writeFile(file, `${2 ** 30} ${Date.now()}\n`);
    const release = await acquireFileLock(file, { timeoutMs: 1_000 });
    await release();
  });

  it('takes over a lock that is older than the stale limit, whoever wrote it', async () => {
    const file = path.join(dir, 'vault.lock');
    await writeFile(file, `${process.ppid} 0\n`);
    const old = new Date(Date.now() - 120_000);
    await utimes(file, old, old);
    const release = await acquireFileLock(file, { timeoutMs: 1_000, staleMs: 60_000 });
    await release();
  });
});
