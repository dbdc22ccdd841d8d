// Gives a file a new name without ever replacing a file already there:
// hard-link to the new name (which fails with EEXIST if the name is taken),
// then unlink the old one. rename() would silently replace the target.
// Filesystems without hard links (FAT, some network shares) get a rename to a
// name checked to be free just before.
import { access, link, rename, rm } from 'node:fs/promises';

export async function moveWithoutReplacing(source: string, target: string): Promise<void> {
  try {
    await link(source, target);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if ((code === 'EPERM' || code === 'ENOTSUP' || code === 'EXDEV') && !(await fileExists(target))) {
      await rename(source, target);
      return;
    }
    throw error;
  }
  await rm(source, { force: true });
}

export async function fileExists(file: string): Promise<boolean> {
  try {
    await access(file);
    return true;
  } catch {
    return false;
  }
}
