// The real encrypted friends database in a fresh temp folder, for cores under
// test (unit and sandbox tests use it where they used to keep friends in the
// memory document store). Folders are removed when the test process exits.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FriendsDatabase } from '../../../core/ports';
import { createSqliteFriendsDatabase } from '../sqlite-friends-database';

const made: string[] = [];
let cleanupHooked = false;

export interface TempFriendsDatabase extends FriendsDatabase {
  readonly dir: string;
}

export function tempFriendsDatabase(dir?: string): TempFriendsDatabase {
  const folder = dir ?? mkdtempSync(path.join(tmpdir(), 'kith-friends-'));
  if (!dir) {
    made.push(folder);
    if (!cleanupHooked) {
      cleanupHooked = true;
      process.once('exit', () => {
        for (const f of made) rmSync(f, { recursive: true, force: true });
      });
    }
  }
  return Object.assign(createSqliteFriendsDatabase({ dataDir: folder }), { dir: folder });
}
