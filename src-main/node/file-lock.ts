// A lock file per document so two Kith processes (the CLI while `kith serve`
// runs) cannot interleave read-modify-writes of the same document and lose an
// update. Created with O_EXCL; it holds "<pid> <time>" so a lock left by a
// crashed process is recognised and taken over.
import { open, readFile, rm, stat } from 'node:fs/promises';
import { KithError } from '../../src-contract/kith-api';

export interface FileLockOptions {
  /** How long to wait for another process before giving up. */
  timeoutMs?: number;
  /** A lock older than this is abandoned (locks are held for milliseconds). */
  staleMs?: number;
}

export async function acquireFileLock(file: string, options: FileLockOptions = {}): Promise<() => Promise<void>> {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const staleMs = options.staleMs ?? 30_000;
  const deadline = Date.now() + timeoutMs;
  for (let attempt = 0; ; attempt++) {
    try {
      const handle = await open(file, 'wx', 0o600);
      try {
        await handle.writeFile(`${process.pid} ${Date.now()}\n`, 'utf8');
      } finally {
        await handle.close();
      }
      let released = false;
      return async () => {
        if (released) return;
        released = true;
        await rm(file, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    if (await isAbandoned(file, staleMs)) {
      // Two processes recovering the same abandoned lock at the same instant could both
      // proceed; that needs a crash and a race together, and costs at most one update.
      await rm(file, { force: true });
      continue;
    }
    if (Date.now() >= deadline) {
      throw new KithError('E_STORAGE', 'Another Kith process kept its data locked for too long; try again in a moment.');
    }
    await new Promise((resolve) => setTimeout(resolve, Math.min(5 * 2 ** attempt, 100) + Math.random() * 10));
  }
}

async function isAbandoned(file: string, staleMs: number): Promise<boolean> {
  try {
    const [text, info] = await Promise.all([readFile(file, 'utf8'), stat(file)]);
    if (Date.now() - info.mtimeMs > staleMs) return true;
    const pid = Number(text.split(' ')[0]);
    if (!Number.isInteger(pid) || pid <= 0) return Date.now() - info.mtimeMs > 1_000; // half-written by a process killed at birth
    if (pid === process.pid) return false;
    try {
      process.kill(pid, 0);
      return false;
    } catch (error) {
      return (error as NodeJS.ErrnoException).code === 'ESRCH';
    }
  } catch {
    return false; // released meanwhile: just retry
  }
}
