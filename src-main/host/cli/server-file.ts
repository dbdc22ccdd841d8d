// How `kith open` finds a running `kith serve`: the server writes
// <dataDir>/kith-serve.json (0600: only this user may read it) with its URL and
// a random control secret, and removes it when it stops. The secret admits the
// control route that mints a fresh launch link; anyone who can read the file
// could read Kith's data folder anyway.
import { randomBytes } from 'node:crypto';
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';

export const SERVER_FILE = 'kith-serve.json';

const ServerFileSchema = z.object({ pid: z.number().int().positive(), url: z.string().url(), secret: z.string().regex(/^[0-9a-f]{64}$/) }).strict();
export type ServerFile = z.infer<typeof ServerFileSchema>;

export function newControlSecret(): string {
  return randomBytes(32).toString('hex');
}

export async function writeServerFile(dataDir: string, contents: ServerFile): Promise<() => Promise<void>> {
  const file = path.join(dataDir, SERVER_FILE);
  // A file left by a server that crashed is replaced; its secret admits nothing any more.
  await rm(file, { force: true });
  await writeFile(file, JSON.stringify(contents), { mode: 0o600, flag: 'wx' });
  return async () => {
    // Only our own file: a newer server may have replaced it.
    const current = await readServerFile(dataDir);
    if (current?.secret === contents.secret) await rm(file, { force: true });
  };
}

export async function readServerFile(dataDir: string): Promise<ServerFile | null> {
  try {
    const parsed = ServerFileSchema.safeParse(JSON.parse(await readFile(path.join(dataDir, SERVER_FILE), 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
