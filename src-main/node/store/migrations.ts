// Versioned schema changes for the Kith database. The version lives in the
// file itself (PRAGMA user_version), each migration runs in its own
// IMMEDIATE transaction together with the version bump, and the version is
// read again inside it: when the CLI and `kith serve` start at once, the
// second waits for the first (busy timeout) and then finds nothing to do.
// A file from a newer Kith is left untouched and reported.
import { KithError } from '../../../src-contract/kith-api';
import type { SqlConnection } from './sqlite-connection';
import { StoreError } from './store-error';

export interface Migration {
  /** 1, 2, 3, …: the user_version the database has once this migration ran. */
  version: number;
  description: string;
  up(sql: SqlConnection): void;
}

export function schemaVersionOf(sql: SqlConnection): number {
  return sql.first<{ user_version: number }>('PRAGMA user_version')?.user_version ?? 0;
}

/** Brings the database to the last migration's version; returns that version. */
export function migrate(sql: SqlConnection, migrations: readonly Migration[], file: string): number {
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) throw new KithError('E_INTERNAL', 'Migrations must be numbered 1, 2, 3, … in order.');
  });
  const latest = migrations.length;
  const found = schemaVersionOf(sql);
  if (found > latest) throw new StoreError('newer-schema', file);
  for (const migration of migrations.slice(found)) {
    sql.transaction(() => {
      if (schemaVersionOf(sql) >= migration.version) return;
      migration.up(sql);
      // user_version is in the database header: written by this transaction, or not at all.
      sql.exec(`PRAGMA user_version = ${migration.version}`);
    });
  }
  return latest;
}
