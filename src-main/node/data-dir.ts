// Kith's data folder (KithConfig.dataDir, else the shell's per-user default),
// created private (0700) because it holds the encrypted vault and, on machines
// without a keyring, its key file.
import { mkdir, stat, chmod } from 'node:fs/promises';
import path from 'node:path';
import { KithError } from '../../src-contract/kith-api';
import type { Logger } from '../core/ports';

/**
 * Creates the folder with mode 0700. An existing folder that others can read is
 * made private only when it is evidently Kith's own (named kith); any other
 * folder (KITH_DATA_DIR=/tmp, a shared folder) is left alone with a warning,
 * since Kith's files in it are 0600 anyway.
 */
export async function ensureDataDir(dir: string, log?: Logger): Promise<string> {
  try {
    await mkdir(dir, { recursive: true, mode: 0o700 });
    if (process.platform === 'win32') return dir;
    const info = await stat(dir);
    if (!info.isDirectory()) throw new KithError('E_CONFIG', `Kith's data folder ${dir} is not a folder.`);
    if ((info.mode & 0o077) === 0) return dir;
    const ownedByMe = process.getuid === undefined || info.uid === process.getuid();
    const kithsOwn = /kith/i.test(path.basename(path.resolve(dir))) && (info.mode & 0o1000) === 0;
    if (ownedByMe && kithsOwn) {
      await chmod(dir, 0o700);
      log?.warn('data folder was readable by other users; made it private', { dir, previousMode: (info.mode & 0o777).toString(8) });
    } else {
      log?.warn('data folder is readable by other users; Kith keeps its own files private (0600)', { dir, mode: (info.mode & 0o777).toString(8) });
    }
    return dir;
  } catch (error) {
    if (error instanceof KithError) throw error;
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    throw new KithError('E_STORAGE', `Kith could not create its data folder ${dir} (${code}). Set KITH_DATA_DIR to a folder you can write to.`);
  }
}
