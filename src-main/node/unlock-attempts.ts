// How many wrong passphrases were tried in a row, kept in a small file beside
// the data (vault.attempts) so the growing delay before the next try survives
// a restart: a new `kith` process per guess waits as long as the window does.
// It holds a count and a time, nothing about the passphrase.
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from './atomic-write';

export const ATTEMPTS_FILE_NAME = 'vault.attempts';

const AttemptsSchema = z.object({ failures: z.number().int().min(0).max(1000), lastFailureAt: z.number().int() }).strict();

/** The wait before the next try after `failures` wrong passphrases: 0, 1 s, 2 s, 4 s ... at most 30 s. */
export function passphraseDelayMs(failures: number): number {
  return failures === 0 ? 0 : Math.min(30_000, 1_000 * 2 ** (failures - 1));
}

export async function readFailures(dataDir: string): Promise<number> {
  try {
    const parsed = AttemptsSchema.safeParse(JSON.parse(await readFile(path.join(dataDir, ATTEMPTS_FILE_NAME), 'utf8')));
    // A damaged count is read as one failure: never as none, which would lift the delay.
    return parsed.success ? parsed.data.failures : 1;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT' ? 0 : 1;
  }
}

export async function recordFailure(dataDir: string, failures: number, now: number): Promise<void> {
  await writeFileAtomic(path.join(dataDir, ATTEMPTS_FILE_NAME), `${JSON.stringify({ failures, lastFailureAt: now })}\n`, 0o600);
}

export async function clearFailures(dataDir: string): Promise<void> {
  await rm(path.join(dataDir, ATTEMPTS_FILE_NAME), { force: true });
}
