// A small file beside the database that tells a wrong key from a damaged
// file. SQLite answers both with SQLITE_NOTADB, and moving a file aside
// because the key changed (a keyring entry lost, a backend switched) would
// strand data that the right key still opens. The file holds an HMAC of a
// fixed label under the database key: it says whether a key is the one the
// database was made with, and nothing about the key itself (a 256-bit random
// key cannot be found from it).
import { createHmac, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { writeFileAtomic } from '../atomic-write';

const LABEL = 'kith-store-key-check-v1';
const KeyCheckSchema = z.object({ version: z.literal(1), check: z.string().regex(/^[0-9a-f]{64}$/) }).strict();

export const keyCheckFileOf = (databaseFile: string) => `${databaseFile}.keycheck`;

export function keyCheckOf(keyHex: string): string {
  return createHmac('sha256', Buffer.from(keyHex, 'hex')).update(LABEL).digest('hex');
}

/** The stored check, or null when there is none or it cannot be read (then nothing is known). */
export async function readKeyCheck(databaseFile: string): Promise<string | null> {
  try {
    const parsed = KeyCheckSchema.safeParse(JSON.parse(await readFile(keyCheckFileOf(databaseFile), 'utf8')));
    return parsed.success ? parsed.data.check : null;
  } catch {
    return null;
  }
}

export function sameCheck(a: string, b: string): boolean {
  return a.length === b.length && timingSafeEqual(Buffer.from(a, 'hex'), Buffer.from(b, 'hex'));
}

export async function writeKeyCheck(databaseFile: string, check: string): Promise<void> {
  await writeFileAtomic(keyCheckFileOf(databaseFile), `${JSON.stringify({ version: 1, check })}\n`);
}
