// FriendsStorePort over the encrypted Kith database (friends-schema.ts).
//
// Writes: one transaction per provider page, carrying the sync state the
// page leads to. An incremental page changes people in place. A full sync
// stages its pages in people_staged; its last page, in the same transaction,
// swaps the staged list in: people gone are deleted, people changed are
// updated, new ones are placed in name order — so readers, in this process
// or another, see the old list or the new one, never a mix.
// Reads: friends-search.ts. Writes of people: people-writer.ts.
//
// While a full sync runs, its commits leave the write-ahead log as it grows:
// at SQLite's default every commit past 1,000 log pages folds the whole log
// into the file (and syncs both), which was a third of a first sync of
// 50,000 people, writing the staged pages twice though the swap frees them.
// checkpoint() folds it once, after the sync has answered
// (https://www.sqlite.org/wal.html#application_initiated_checkpoints); until
// then readers read the log, and a crash keeps it (WAL recovery on open).
import { z } from 'zod';
import { AccountIdSchema, KithError, ProviderIdSchema, type ProviderId } from '../../../src-contract/kith-api';
import { stateOf, type AccountRow } from './friend-rows';
import { createFriendsReader } from './friends-read';
import { createFriendsSearcher } from './friends-search';
import type { FriendsSearch, FriendsStorePort, SyncPage } from './friends-store-port';
import type { KithDatabase } from './kith-database';
import { createPeopleWriter } from './people-writer';
import { sqliteCode } from './sqlite-connection';
import { storeFailure } from './store-error';
import { StoredPersonSchema } from './stored-person';

const MAX_PAGE_ITEMS = 10_000;
/** SQLite's default automatic checkpoint, in log pages (https://www.sqlite.org/pragma.html#pragma_wal_autocheckpoint). */
const AUTOCHECKPOINT_PAGES = 1000;

const SyncPageSchema = z
  .object({
    upserts: z.array(StoredPersonSchema).max(MAX_PAGE_ITEMS),
    deletes: z.array(z.string().min(1).max(200)).max(MAX_PAGE_ITEMS),
    syncState: z
      .object({
        cursor: z.string().max(8192).nullable(),
        syncToken: z.string().max(8192).nullable().optional(),
        friendTotal: z.number().int().nonnegative().nullable().optional(),
        syncedAt: z.number().int().nonnegative().optional(),
      })
      .strict(),
  })
  .strict();

export function createSqliteFriendsStore(db: KithDatabase): FriendsStorePort {
  const { sql } = db;
  const people = createPeopleWriter(sql);
  const searcher = createFriendsSearcher(sql);
  const reader = createFriendsReader(sql);

  const guarded =
    <A extends unknown[], R>(work: (...args: A) => R) =>
    async (...args: A): Promise<R> => {
      try {
        return work(...args);
      } catch (error) {
        if (error instanceof z.ZodError) throw new KithError('E_INVALID_INPUT', 'The friends store was given data it does not accept.');
        throw storeFailure(error, db.file);
      }
    };

  /**
   * Full syncs begun on this connection and not ended (account ids: a number is given again once
   * its account is gone): while any runs, commits do not checkpoint. An abandon or a forget ends
   * its sync whatever became of the row (another process may have removed the account mid-sync,
   * or the write failed), or the log would grow unfolded for the life of the process.
   */
  const fullSyncs = new Set<string>();
  const syncStarted = (accountId: string, mode: 'full' | 'incremental') => {
    if (mode === 'incremental') return syncEnded(accountId);
    if (fullSyncs.size === 0) sql.exec('PRAGMA wal_autocheckpoint = 0');
    fullSyncs.add(accountId);
  };
  // Back to the default as soon as no full sync runs: a log checkpoint() is not called for is folded by the next commit, as before.
  const syncEnded = (accountId: string) => {
    if (fullSyncs.delete(accountId) && fullSyncs.size === 0) sql.exec(`PRAGMA wal_autocheckpoint = ${AUTOCHECKPOINT_PAGES}`);
  };

  const foldLog = () => {
    try {
      sql.first('PRAGMA wal_checkpoint(PASSIVE)');
    } catch (error) {
      // Busy (another connection is checkpointing) or locked (a read of this one is still open): the next commit folds it.
      const code = sqliteCode(error);
      if (!code?.startsWith('SQLITE_BUSY') && !code?.startsWith('SQLITE_LOCKED')) throw error;
    }
  };

  const account = (accountId: string) => sql.first<AccountRow>('SELECT * FROM friend_sync WHERE account_id = ? LIMIT 1', [accountId]);
  /** A write transaction; searches drop any count kept from before it. */
  const writing = <T>(work: () => T): T => {
    searcher.written();
    return sql.transaction(work);
  };

  return {
    syncState: guarded((accountId: string) => {
      const row = account(AccountIdSchema.parse(accountId));
      return row ? stateOf(row) : null;
    }),

    beginSync: guarded((accountId: string, provider: ProviderId, mode: 'full' | 'incremental') => {
      AccountIdSchema.parse(accountId);
      ProviderIdSchema.parse(provider);
      writing(() => {
        const existing = account(accountId);
        if (existing && existing.provider !== provider) throw new KithError('E_INTERNAL', `Account ${accountId} is not a ${provider} account.`);
        if (!existing) sql.run('INSERT INTO friend_sync (account_id, provider) VALUES (?, ?)', [accountId, provider]);
        const acct = account(accountId)!;
        // A full sync that never finished leaves staged pages: they are a different listing, drop them.
        sql.run('DELETE FROM people_staged WHERE account_no = ?', [acct.account_no]);
        sql.run('UPDATE friend_sync SET syncing = ?, cursor = NULL WHERE account_no = ?', [mode, acct.account_no]);
      });
      syncStarted(accountId, mode);
    }),

    applyPage: guarded((accountId: string, input: SyncPage) => {
      AccountIdSchema.parse(accountId);
      const page = SyncPageSchema.parse(input);
      const state = writing(() => {
        const acct = account(accountId);
        if (!acct?.syncing) throw new KithError('E_INTERNAL', `No sync of ${accountId} was begun.`);
        people.takeCountDelta();
        if (acct.syncing === 'full') people.stage(acct, page.upserts, page.deletes);
        else people.applyIncremental(acct, page.upserts, page.deletes);
        const state = page.syncState;
        const friendTotal = state.friendTotal === undefined ? acct.friend_total : state.friendTotal;
        if (state.cursor !== null) {
          sql.run('UPDATE friend_sync SET cursor = ?, friend_total = ?, friend_count = ? WHERE account_no = ?', [
            state.cursor,
            friendTotal,
            acct.friend_count + people.takeCountDelta(),
            acct.account_no,
          ]);
        } else {
          if (acct.syncing === 'full') people.swapInStaged(acct);
          const friendCount = acct.friend_count + people.takeCountDelta();
          sql.run(
            `UPDATE friend_sync SET syncing = NULL, cursor = NULL, sync_token = ?, last_synced_at = ?, friend_total = ?, friend_count = ?
             WHERE account_no = ?`,
            [state.syncToken ?? null, state.syncedAt ?? Date.now(), friendTotal, friendCount, acct.account_no],
          );
        }
        return account(accountId)!;
      });
      // The last page ended the sync (committed above): its log waits for checkpoint().
      if (!state.syncing) syncEnded(accountId);
      return stateOf(state);
    }),

    abandonSync: guarded((accountId: string) => {
      try {
        writing(() => {
          const acct = account(AccountIdSchema.parse(accountId));
          if (!acct) return;
          sql.run('DELETE FROM people_staged WHERE account_no = ?', [acct.account_no]);
          sql.run('UPDATE friend_sync SET syncing = NULL, cursor = NULL WHERE account_no = ?', [acct.account_no]);
        });
      } finally {
        syncEnded(accountId);
      }
    }),

    search: guarded((query: FriendsSearch) => searcher.search(query)),

    entries: {
      stamps: guarded(() => reader.stamps()),
      ofAccount: guarded((accountId: string) => reader.ofAccount(accountId)),
      eachOfAccount: guarded((accountId: string, visit: Parameters<typeof reader.eachOfAccount>[1]) => reader.eachOfAccount(accountId, visit)),
      byRefs: guarded((refs: Parameters<typeof reader.byRefs>[0]) => reader.byRefs(refs)),
      indexedWords: guarded((accountId: string, after?: number) => reader.indexedWords(accountId, after)),
      matching: guarded((text: string, scope: Parameters<typeof reader.matching>[1]) => reader.matching(text, scope)),
      savedIndex: guarded((half?: Parameters<typeof reader.savedIndex>[0]) => reader.savedIndex(half)),
      savedMergeKeys: guarded((accountId: string, stamp: string) => reader.savedMergeKeys(accountId, stamp)),
      saveIndex: guarded((index: Parameters<typeof reader.saveIndex>[0]) => reader.saveIndex(index)),
      savedWords: guarded((stamps: string) => reader.savedWords(stamps)),
      saveWords: guarded((stamps: string, words: string) => reader.saveWords(stamps, words)),
    },
    version: guarded(() => searcher.version()),

    accountIds: guarded(() => sql.all<{ account_id: string }>('SELECT account_id FROM friend_sync ORDER BY account_no').map((row) => row.account_id)),

    forgetAccount: guarded((accountId: string) => {
      try {
        writing(() => {
          const acct = account(AccountIdSchema.parse(accountId));
          if (!acct) return;
          people.unindexAccount(acct);
          // people and people_staged follow through ON DELETE CASCADE.
          sql.run('DELETE FROM friend_sync WHERE account_no = ?', [acct.account_no]);
        });
      } finally {
        syncEnded(accountId);
      }
    }),

    checkpoint: guarded(() => {
      // A full sync still running folds its log when it has ended (the next call, or the next commit after it).
      // PASSIVE: never waits for readers or writers; what it cannot fold now waits for the next checkpoint.
      if (fullSyncs.size === 0) foldLog();
    }),
  };
}
