// The people index as a process last built it (core/friends/index-snapshot.ts),
// so that a new process reads it instead of building it from every person.
// It is a copy of what people holds, in another shape, and goes with it: an
// account's facts and merge keys (names, emails, phones) are deleted with
// the account (ON DELETE CASCADE), and the build (entry numbers only) with
// any account, by the trigger (the build's words, the search's, are
// people's words). A row whose stamp is not the account's
// present one is never used, and is replaced by the next save.
// friend_sync.writes makes that stamp (friends-read.ts) change with every
// write that can change an account's people in place: each page of an
// incremental sync, and the end of any sync (a full sync's swap, an
// abandoned sync). Without it, a sync that changed people but not their
// count and ended at the same clock reading as the last (or an incremental
// sync abandoned after some pages) left the stamp as it was, and a saved
// index would be taken for current in every process after. Pages of a full
// sync are staged, invisible to readers, and leave it alone, so the index is
// not rebuilt while one runs. Per page, not per person: a trigger on people
// would run 100,000 times in a first sync.
//
// Since version 5 every text is kept in pieces (people_index_*_piece, at
// most PIECE_UNITS code units each, saved-index.ts) and the columns facts,
// merge and build are left empty: a text of megabytes read as one value is
// one allocation of that size in SQLite and in the binding, and freed
// allocations that large raise glibc's mmap threshold, after which malloc
// keeps tens of MB it no longer needs (mallopt(3), M_MMAP_THRESHOLD). The
// copies saved by version 4 are dropped, not read as pieces: the next build
// saves again.
import type { Migration } from './migrations';

export const savedIndexMigrations: readonly Migration[] = [
  {
    version: 4,
    description: 'friends: the people index as last built, per account and for all',
    up(sql) {
      sql.exec(`
        CREATE TABLE people_index_account (
          account_no INTEGER PRIMARY KEY REFERENCES friend_sync (account_no) ON DELETE CASCADE,
          stamp TEXT NOT NULL,
          facts TEXT NOT NULL,
          merge TEXT NOT NULL
        ) STRICT;
        CREATE TABLE people_index_build (
          id INTEGER PRIMARY KEY CHECK (id = 1),
          stamps TEXT NOT NULL,
          build TEXT NOT NULL,
          words TEXT
        ) STRICT;
        CREATE TRIGGER people_index_forget AFTER DELETE ON friend_sync BEGIN DELETE FROM people_index_build; END;
        ALTER TABLE friend_sync ADD COLUMN writes INTEGER NOT NULL DEFAULT 0;
        CREATE TRIGGER friend_sync_writes AFTER UPDATE ON friend_sync
          WHEN NEW.writes = OLD.writes AND (OLD.syncing = 'incremental' OR (OLD.syncing = 'full' AND NEW.syncing IS NULL))
          BEGIN UPDATE friend_sync SET writes = OLD.writes + 1 WHERE account_no = NEW.account_no; END;
      `);
    },
  },
  {
    version: 5,
    description: 'friends: the saved people index in pieces',
    up(sql) {
      sql.exec(`
        DELETE FROM people_index_account;
        DELETE FROM people_index_build;
        CREATE TABLE people_index_account_piece (
          account_no INTEGER NOT NULL REFERENCES people_index_account (account_no) ON DELETE CASCADE,
          part TEXT NOT NULL CHECK (part IN ('facts', 'merge')),
          seq INTEGER NOT NULL,
          text TEXT NOT NULL,
          PRIMARY KEY (account_no, part, seq)
        ) STRICT;
        CREATE TABLE people_index_build_piece (
          part TEXT NOT NULL CHECK (part IN ('build', 'words')),
          seq INTEGER NOT NULL,
          text TEXT NOT NULL,
          PRIMARY KEY (part, seq)
        ) STRICT;
        CREATE TRIGGER people_index_build_piece_forget AFTER DELETE ON people_index_build BEGIN DELETE FROM people_index_build_piece; END;
      `);
    },
  },
];
