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
 * `atomically`, which both name them `<file>.tmp-…`). Only old ones, so a write
 * in progress in another Kith process is left alone.
 */
export async function removeStaleTempFiles(dir: string, olderThanMs = 10 * 60_000, now = Date.now()): Promise<string[]> {
  const removed: string[] = [];
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return removed;
  }
  for (const name of names) {
    if (!/\.(json|keyring|key)\.tmp-[0-9a-z-]+$/i.test(name)) continue;
    const file = path.join(dir, name);
    try {
      const info = await stat(file);
      if (now - info.mtimeMs < olderThanMs) continue;
      await rm(file, { force: true });
      removed.push(file);
    } catch {
      // Gone already, or not ours to remove.
    }
  }
  return removed;
}
