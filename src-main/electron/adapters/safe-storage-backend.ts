// Which password store Electron's safeStorage used on Linux when Kith first
// sealed data with it (safeStorage.getSelectedStorageBackend(): gnome_libsecret,
// kwallet5, basic_text ...), kept beside the data (safe-storage.backend). A
// later start under another store (a different desktop session, the keyring
// daemon missing so Chromium fell back to basic_text) cannot decrypt what the
// first one sealed; with this record that is told apart from damage and opens
// Kith locked as "backend-changed", changing nothing, until the store is back.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../../node/atomic-write';

export const BACKEND_RECORD_NAME = 'safe-storage.backend';

const RecordSchema = z.object({ version: z.literal(1), backend: z.string().min(1).max(100), recordedAt: z.number().int() }).strict();

/** The recorded backend, or null when none was recorded (or the record cannot be read: then nothing is known). */
export async function readBackendRecord(dataDir: string): Promise<string | null> {
  try {
    const parsed = RecordSchema.safeParse(JSON.parse(await readFile(path.join(dataDir, BACKEND_RECORD_NAME), 'utf8')));
    return parsed.success ? parsed.data.backend : null;
  } catch {
    return null;
  }
}

export async function writeBackendRecord(dataDir: string, backend: string, now: number): Promise<void> {
  await writeFileAtomic(path.join(dataDir, BACKEND_RECORD_NAME), `${JSON.stringify({ version: 1, backend, recordedAt: now })}\n`, 0o600);
}
