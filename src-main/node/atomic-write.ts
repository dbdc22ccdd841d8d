// Replaces a file so that a reader, or a process killed at any instant, sees
// either the old contents or the new, never a mix: write a private temp file
// in the same folder, fsync it, rename it over the target (atomic on POSIX and
// on NTFS), then fsync the folder so the rename itself survives a power cut.
import { randomBytes } from 'node:crypto';
import { open, readdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';

/** A fresh temp name beside `file`, in the `<file>.tmp-…` form removeStaleTempFiles recognises. */
export function tempFileFor(file: string): string {
  return `${file}.tmp-${process.pid}-${randomBytes(6).toString('hex')}`;
}

/** Creates `file` (it must not exist) with `data`, and fsyncs it before returning. */
export async function writeNewFileSynced(file: string, data: string, mode = 0o600): Promise<void> {
  // 'wx' = O_CREAT | O_EXCL: never follow or reuse an existing file (a planted symlink, say).
  const handle = await open(file, 'wx', mode);
  try {
    await handle.writeFile(data, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
}

export async function writeFileAtomic(file: string, data: string, mode = 0o600): Promise<void> {
  const temp = tempFileFor(file);
  try {
    await writeNewFileSynced(temp, data, mode);
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  await syncFolder(path.dirname(file));
}

async function syncFolder(dir: string): Promise<void> {
  if (process.platform === 'win32') return; // folders cannot be opened for fsync there
  let handle;
  try {
    handle = await open(dir, 'r');
    await handle.sync();
  } catch {
    // Best effort: some filesystems refuse fsync on a folder.
  } finally {
    await handle?.close();
  }
}

/**
 * Removes temp files left by a process killed mid-write (ours and conf's
 * `atomically`, which both name them `<file>.tmp-…`), when no writer can still
 * hold them: ours carry the writing process's id (`<file>.tmp-<pid>-<hex>`), so
 * one whose process is gone is removed at once; atomically's carry only a time,
 * so they are removed once old. A write in progress in another Kith process is
 * left alone.
 */
export async function removeStaleTempFiles(dir: string, olderThanMs = 10 * 60_000, now = Date.now(), isAlive: (pid: number) => boolean = processAlive): Promise<string[]> {
  const removed: string[] = [];
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return removed;
  }
  for (const name of names) {
    const temp = /\.(?:json|keyring|key|keymeta|attempts|keycheck)\.tmp-([0-9a-z-]+)$/i.exec(name);
    if (!temp) continue;
    const writer = /^(\d+)-[0-9a-f]+$/.exec(temp[1]!);
    const file = path.join(dir, name);
    try {
      const orphaned = writer ? Number(writer[1]) !== process.pid && !isAlive(Number(writer[1])) : false;
      if (!orphaned && now - (await stat(file)).mtimeMs < olderThanMs) continue;
      await rm(file, { force: true });
      removed.push(file);
    } catch {
      // Gone already, or not ours to remove.
    }
  }
  return removed;
}

/** Signal 0 checks that a process exists without touching it; EPERM means it exists but is another user's. */
function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
