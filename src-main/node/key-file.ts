// The vault key in a file, for machines without a keyring (headless Linux,
// containers). Created once with mode 0600 and never replaced: replacing it
// would make every saved sign-in unreadable.
import { randomBytes } from 'node:crypto';
import { chmod, link, readFile, rm, stat } from 'node:fs/promises';
import { KithError } from '../../src-contract/kith-api';
import type { Logger } from '../core/ports';
import { decodeKey, encodeKey, KEY_BYTES } from './aes-gcm-envelope';
import { tempFileFor, writeNewFileSynced } from './atomic-write';

export async function readKeyFile(file: string, log?: Logger): Promise<Uint8Array | null> {
  let text: string;
  try {
    await tightenMode(file, log);
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new KithError('E_STORAGE', `Kith could not read its key file ${file} (${(error as NodeJS.ErrnoException).code ?? 'error'}).`);
  }
  const key = decodeKey(text.trim());
  if (!key) {
    throw new KithError(
      'E_STORAGE',
      `Kith's key file ${file} is damaged. Kith will not replace it, because your saved sign-ins are encrypted with it; restore it from a backup, or move it away and reconnect your accounts.`,
    );
  }
  return key;
}

/** Reads the key file, creating it with a new random key when there is none. */
export async function readOrCreateKeyFile(file: string, log?: Logger, random: (n: number) => Uint8Array = randomBytes): Promise<Uint8Array> {
  const existing = await readKeyFile(file, log);
  if (existing) return existing;
  const key = random(KEY_BYTES);
  await createExclusive(file, `${encodeKey(key)}\n`);
  // Another Kith process may have won the race: whatever is on disk now is the key.
  const stored = await readKeyFile(file, log);
  if (!stored) throw new KithError('E_STORAGE', `Kith could not create its key file ${file}.`);
  if (Buffer.from(stored).equals(Buffer.from(key))) log?.info('created a new vault key file', { file });
  return stored;
}

export async function removeKeyFile(file: string): Promise<void> {
  await rm(file, { force: true });
}

/**
 * Writes a complete temp file (O_CREAT|O_EXCL, 0600) and hard-links it into
 * place, which fails if the target exists: a reader never sees a half-written
 * key, and two processes starting at once cannot both create one.
 */
async function createExclusive(file: string, content: string): Promise<void> {
  const temp = tempFileFor(file);
  try {
    await writeNewFileSynced(temp, content);
    await link(temp, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
      throw new KithError('E_STORAGE', `Kith could not create its key file ${file} (${(error as NodeJS.ErrnoException).code ?? 'error'}).`);
    }
  } finally {
    await rm(temp, { force: true });
  }
}

async function tightenMode(file: string, log?: Logger): Promise<void> {
  if (process.platform === 'win32') return;
  const info = await stat(file);
  if ((info.mode & 0o077) !== 0) {
    await chmod(file, 0o600);
    log?.warn('key file was readable by other users; made it private', { file, previousMode: (info.mode & 0o777).toString(8) });
  }
}
