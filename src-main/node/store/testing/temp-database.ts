// Test helpers for the store: a real encrypted database in a fresh temp
// folder, and people to put in it.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openKithDatabase, type KithDatabase } from '../kith-database';
import { kithMigrations } from '../kith-schema';
import type { StoredPerson } from '../stored-person';

export interface TempFolder {
  dir: string;
  file: string;
  keyHex: string;
  open(options?: { keyHex?: string; busyTimeoutMs?: number }): Promise<KithDatabase>;
  remove(): Promise<void>;
}

export async function tempFolder(): Promise<TempFolder> {
  const dir = await mkdtemp(path.join(tmpdir(), 'kith-store-'));
  const file = path.join(dir, 'kith.db');
  const keyHex = randomBytes(32).toString('hex');
  return {
    dir,
    file,
    keyHex,
    open: (options = {}) => openKithDatabase({ file, keyHex: options.keyHex ?? keyHex, migrations: kithMigrations, busyTimeoutMs: options.busyTimeoutMs }),
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}

export function person(personId: string, displayName: string, extra: Partial<StoredPerson> = {}): StoredPerson {
  return {
    personId,
    displayName,
    givenName: null,
    familyName: null,
    emails: [],
    phones: [],
    avatarUrl: null,
    providerUpdatedAt: null,
    ...extra,
  };
}
