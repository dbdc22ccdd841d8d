// Renames a bad document out of the way instead of deleting or overwriting it,
// so a person (or a bug report) can still look at what was there.
import { access, link, rename, rm } from 'node:fs/promises';
import path from 'node:path';

export async function moveAside(file: string, kind: 'corrupt' | 'invalid', now: number): Promise<string> {
  const dir = path.dirname(file);
  const base = path.basename(file, '.json');
  for (let attempt = 0; ; attempt++) {
    const target = path.join(dir, `${base}.${kind}-${now}${attempt === 0 ? '' : `-${attempt}`}.json`);
    try {
      // link + unlink instead of rename: rename would silently replace an existing target.
      await link(file, target);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EEXIST' && attempt < 100) continue;
      // Filesystems without hard links (FAT, some network shares): rename to a name that is free.
      if ((code === 'EPERM' || code === 'ENOTSUP' || code === 'EXDEV') && !(await exists(target))) {
        await rename(file, target);
        return target;
      }
      throw error;
    }
    await rm(file, { force: true });
    return target;
  }
}

async function exists(file: string): Promise<boolean> {
  try {
    await access(file);
    return true;
  } catch {
    return false;
  }
}
