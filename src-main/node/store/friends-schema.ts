// The friends tables, as migrations of the Kith database.
//
// people.position is the rowid and follows name order (row-order.ts keeps
// it so): the full-text index then returns matches already in name order,
// so a page of a search is its first rows, never a sort of every match.
// A person is one JSON text (serializePerson): written, compared and read
// whole, with only what orders and identifies it as columns.
// people_staged holds the pages of a full sync until its last page swaps
// them in. It has no index on purpose: each page only appends (an index in
// name or id order would make every page's commit rewrite pages all over the
// table), and the swap sorts once. The latest row of a person wins; a row
// with neither person nor sort key is a deletion, one with a sort key and no
// person says the person is listed exactly as held (people-writer.ts).
// Since version 3 a staged person carries its index text (terms) too, made
// while the next page is fetched, so the swap moves rows inside SQLite
// (INSERT … SELECT) without reading any text back into JavaScript.
// people_search is a contentless FTS5 index (it stores no copy of the text,
// only the index) with prefix indexes for 1–3 characters, the lengths typed
// first. people.terms keeps exactly what was indexed, so an entry is removed
// with FTS5's 'delete' command rather than contentless_delete, whose
// tombstones made broad searches ~10x slower after a few incremental syncs.
// `#` is a token character so the account and provider markers are tokens no
// person's text can contain.
// Since version 6 the index keeps only which rows hold each token (detail=none)
// and no token count per row (columnsize=0): every query is single tokens and
// their prefixes AND'ed or OR'ed (search-expression.ts), answered in rowid
// order, never a phrase, NEAR, column filter or rank, so positions and sizes
// were written for nothing; building it for a first list of 50,000 people took
// a third less time (https://www.sqlite.org/fts5.html#the_detail_option,
// #the_columnsize_option).
// Since version 7 people_staged has one index, partial: its rows without a
// person (deletions and people listed as held), which a full sync rarely
// stages. Appending a staged person costs no index entry, and the swap into a
// store holding nobody knows at once whether every staged row is a person's
// latest (people-writer.ts), without reading the staging
// (https://www.sqlite.org/partialindex.html).
// No column is a BLOB: see sqlite-connection.ts.
import type { Migration } from './migrations';

/** The search index as version 6 makes it (version 1 made it without detail and columnsize). */
const PEOPLE_SEARCH = `CREATE VIRTUAL TABLE people_search USING fts5(
  terms,
  content = '',
  tokenize = "unicode61 remove_diacritics 2 tokenchars '#'",
  prefix = '1 2 3',
  detail = none,
  columnsize = 0
);`;

export const friendsMigrations: readonly Migration[] = [
  {
    version: 1,
    description: 'friends: sync state, people in name order, staged full syncs, search index',
    up(sql) {
      sql.exec(`
        CREATE TABLE friend_sync (
          account_no INTEGER PRIMARY KEY,
          account_id TEXT NOT NULL UNIQUE,
          provider TEXT NOT NULL CHECK (provider IN ('google', 'facebook')),
          syncing TEXT CHECK (syncing IN ('full', 'incremental')),
          cursor TEXT,
          sync_token TEXT,
          last_synced_at INTEGER,
          friend_count INTEGER NOT NULL DEFAULT 0,
          friend_total INTEGER
        ) STRICT;

        CREATE TABLE people (
          position INTEGER PRIMARY KEY,
          account_no INTEGER NOT NULL REFERENCES friend_sync (account_no) ON DELETE CASCADE,
          person_id TEXT NOT NULL,
          sort_key TEXT NOT NULL,
          person TEXT NOT NULL,
          terms TEXT NOT NULL,
          UNIQUE (account_no, person_id)
        ) STRICT;
        CREATE UNIQUE INDEX people_in_name_order ON people (sort_key, account_no, person_id);
        CREATE INDEX people_of_account ON people (account_no);

        CREATE TABLE people_staged (
          seq INTEGER PRIMARY KEY,
          account_no INTEGER NOT NULL REFERENCES friend_sync (account_no) ON DELETE CASCADE,
          person_id TEXT NOT NULL,
          sort_key TEXT,
          person TEXT
        ) STRICT;

        CREATE VIRTUAL TABLE people_search USING fts5(
          terms,
          content = '',
          tokenize = "unicode61 remove_diacritics 2 tokenchars '#'",
          prefix = '1 2 3'
        );
      `);
    },
  },
  {
    version: 3,
    description: 'friends: staged people carry their search index text',
    up(sql) {
      // A full sync staged by an earlier version has no index text: its pages are dropped and the
      // sync is no longer running (the held list stays; the next sync starts afresh).
      sql.exec(`
        DELETE FROM people_staged;
        UPDATE friend_sync SET syncing = NULL, cursor = NULL WHERE syncing = 'full';
        ALTER TABLE people_staged ADD COLUMN terms TEXT;
      `);
    },
  },
  {
    version: 6,
    description: 'friends: the search index keeps neither token positions nor sizes',
    up(sql) {
      // Made again from people.terms, which is exactly what each row had indexed.
      sql.exec(`
        DROP TABLE people_search;
        ${PEOPLE_SEARCH}
        INSERT INTO people_search (rowid, terms) SELECT position, terms FROM people;
      `);
    },
  },
  {
    version: 7,
    description: 'friends: staged rows without a person have an index of their own',
    up(sql) {
      sql.exec('CREATE INDEX people_staged_without_person ON people_staged (account_no) WHERE person IS NULL');
    },
  },
];
