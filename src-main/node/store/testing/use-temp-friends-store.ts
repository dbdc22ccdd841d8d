// FOR TESTS ONLY: the store tests' shared setup. Before each test a new
// temporary folder with a Kith database in it and the friends store over it;
// after it, the database closed and the folder removed.
import { afterEach, beforeEach } from 'vitest';
import type { FriendsStorePort } from '../friends-store-port';
import type { KithDatabase } from '../kith-database';
import { createSqliteFriendsStore } from '../sqlite-friends-store';
import { tempFolder, type TempFolder } from './temp-database';

export interface TempFriendsStore {
  readonly folder: TempFolder;
  readonly db: KithDatabase;
  readonly store: FriendsStorePort;
  /** As a new process would: the database closed (if it is not yet) and opened again, a new store over it. */
  reopen(): Promise<void>;
}

/** Registers the hooks; call at the top of a test file (the fields exist while a test runs). */
export function useTempFriendsStore(): TempFriendsStore {
  let current: { folder: TempFolder; db: KithDatabase; store: FriendsStorePort } | undefined;
  const during = () => {
    if (!current) throw new Error('useTempFriendsStore: its store exists only while a test runs');
    return current;
  };
  beforeEach(async () => {
    const folder = await tempFolder();
    const db = await folder.open();
    current = { folder, db, store: createSqliteFriendsStore(db) };
  });
  const reopen = async () => {
    const { folder, db } = during();
    db.close();
    const again = await folder.open();
    current = { folder, db: again, store: createSqliteFriendsStore(again) };
  };
  afterEach(async () => {
    const { db, folder } = during();
    current = undefined;
    db.close();
    await folder.remove();
  });
  return {
    get folder() {
      return during().folder;
    },
    get db() {
      return during().db;
    },
    get store() {
      return during().store;
    },
    reopen,
  };
}
