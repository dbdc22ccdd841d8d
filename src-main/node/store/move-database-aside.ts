// Moves a database that cannot be used out of the way, with its WAL, its
// shared-memory index and its key check, under one timestamped name
// ("kith.damaged-2025-03-01T10-20-30-000Z.db", "…db-wal", …), so a new one
// can be made while the old stays on disk for the person, a restored key or
// a bug report. Nothing is deleted and no existing file is replaced: each
// file is hard-linked to its new name (which fails if the name exists) and
// only then unlinked; filesystems without hard links get a rename to a name
// checked to be free (move-without-replacing). The WAL must move with the database: it holds commits
// not yet copied into it. Close every connection first.
import path from 'node:path';
import { fileExists as exists, moveWithoutReplacing } from '../move-without-replacing';
import { keyCheckFileOf } from './key-check';
import type { StoreErrorReason } from './store-error';

export interface MovedDatabase {
  /** The database's new path. */
  movedTo: string;
  /** Every file moved (database first). */
  files: string[];
}

const COMPANIONS = ['-wal', '-shm'] as const;

export async function moveDatabaseAside(file: string, reason: StoreErrorReason | 'started-over', now: Date): Promise<MovedDatabase> {
  const dir = path.dirname(file);
  const ext = path.extname(file);
  const base = path.basename(file, ext);
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  const sources = [file, ...COMPANIONS.map((suffix) => `${file}${suffix}`), keyCheckFileOf(file)];
  const present: string[] = [];
  for (const source of sources) if (await exists(source)) present.push(source);

  for (let attempt = 0; attempt < 100; attempt++) {
    const target = path.join(dir, `${base}.${reason}-${stamp}${attempt === 0 ? '' : `-${attempt}`}${ext}`);
    const targets = present.map((source) => target + source.slice(file.length));
    if ((await Promise.all(targets.map(exists))).some(Boolean)) continue;
    const moved: string[] = [];
    for (const [index, source] of present.entries()) {
      await moveWithoutReplacing(source, targets[index]!);
      moved.push(targets[index]!);
    }
    return { movedTo: target, files: moved };
  }
  throw new Error(`No free name to move ${file} aside.`);
}
