// Every migration of the Kith database, in order. One list for the file,
// because its version (PRAGMA user_version) is one number: a store that
// adds tables appends its migrations here (taken in version order, so a
// store's later migrations may follow another store's).
import { accessLogMigrations } from './access-log-schema';
import { friendsMigrations } from './friends-schema';
import type { Migration } from './migrations';
import { savedIndexMigrations } from './saved-index-schema';

export const kithMigrations: readonly Migration[] = [...friendsMigrations, ...accessLogMigrations, ...savedIndexMigrations].sort((a, b) => a.version - b.version);
