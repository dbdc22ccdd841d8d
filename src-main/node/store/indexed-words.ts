// The words the search index holds for each person of an account, folded as
// the index folds them (unicode61 remove_diacritics 2: lower case, accents
// removed), for the people index's word search (core/friends/
// friends-word-index.ts): a keystroke's search then runs in memory, where
// reading every match out of FTS5 costs 6-20 ms for a one-letter query at
// 100,000 people.
//
// people.terms is exactly the text that was indexed. All-ASCII text is split
// here: on ASCII, unicode61 keeps letters and digits (and the markers' '#',
// tokenchars) inside a token, folds A-Z to a-z, and nothing else. Any other
// text is split by SQLite's own tokenizer, through a temporary FTS5 table
// read back with fts5vocab's 'instance' view, so no JS table of Unicode
// folding has to agree with SQLite's. temp_store is MEMORY (kith-database.ts):
// the temporary table never reaches the disk in plaintext.
// https://www.sqlite.org/fts5.html#unicode61_tokenizer, #the_fts5vocab_virtual_table_module
import type { AccountRow } from './friend-rows';
import type { SqlConnection } from './sqlite-connection';

/** The tokenizer of people_search (friends-schema.ts); friends-word-search.test.ts holds them to the same answers. */
const TOKENIZE = `unicode61 remove_diacritics 2 tokenchars '#'`;
const NOT_ASCII = /[^\p{ASCII}]/u;
const ASCII_SEPARATORS = /[^0-9A-Za-z#]+/;

export interface IndexedWords {
  /** The account's stamp when the words were read (friends-read.ts stamps()). */
  stamp: string;
  /** Per person: the words, space-separated, without the account and provider markers. */
  people: { personId: string; words: string }[];
}

const FOLD_BATCH = 200;
/**
 * People read per statement, and folded texts read back per statement: some 200 KB of JSON each. One
 * result of the whole account (tens of MB at 100,000) is one allocation that size in SQLite and in the
 * binding, and once freed it raises glibc's mmap threshold, after which malloc keeps tens of MB it no
 * longer needs (mallopt(3), M_MMAP_THRESHOLD).
 */
const WORDS_PAGE = 1000;
const PAGE_OF_WORDS = `SELECT max(position) AS last, json_group_array(json_array(person_id, terms)) AS rows
  FROM (SELECT position, person_id, terms FROM people WHERE account_no = ? AND position > ? ORDER BY position LIMIT ${WORDS_PAGE})`;
const PAGE_OF_FOLDED = `SELECT max(doc) AS last, json_group_array(json_array(doc, words)) AS docs
  FROM (SELECT doc, group_concat(term, ' ') AS words FROM temp.kith_fold_words WHERE doc > ? AND doc <= ? GROUP BY doc)`;
const FOLD_INSERT = `INSERT INTO temp.kith_fold (rowid, terms) VALUES ${Array(FOLD_BATCH).fill('(?, ?)').join(', ')}`;

const wordsOfTokens = (tokens: readonly string[]) => tokens.filter((t) => t !== '' && !t.startsWith('#')).join(' ');

/**
 * A page of the account's people after position `after`, as [person id, indexed text], in position order,
 * and the position to read the next page after (null: this was the last). One statement: a few ms, so that
 * the reader gives the event loop back between pages (the whole account is some hundreds of ms at 100,000).
 */
export function indexedTermsOf(sql: SqlConnection, acct: AccountRow, after: number): { rows: [string, string][]; next: number | null } {
  const page = sql.first<{ last: number | null; rows: string }>(PAGE_OF_WORDS, [acct.account_no, after]);
  if (!page || page.last === null) return { rows: [], next: null };
  const rows = JSON.parse(page.rows) as [string, string][];
  return { rows, next: rows.length < WORDS_PAGE ? null : page.last };
}

/**
 * The words of `rows` (indexedTermsOf), with the account's stamp read in the same snapshot as they were (friends-read.ts).
 * Each row's text is dropped once its words are made (`rows` is left with empty texts): at 100,000 people the texts
 * and the words would otherwise be held together, some tens of MB, until the whole account is done.
 */
export function indexedWordsOf(sql: SqlConnection, stamp: string, rows: [string, string][]): IndexedWords {
  const people: IndexedWords['people'] = [];
  const others: number[] = [];
  const otherTexts: string[] = [];
  rows.forEach((row, k) => {
    const [personId, terms] = row;
    if (NOT_ASCII.test(terms)) {
      others.push(k);
      otherTexts.push(terms);
      people.push({ personId, words: '' });
    } else {
      people.push({ personId, words: wordsOfTokens(terms.toLowerCase().split(ASCII_SEPARATORS)) });
    }
    row[1] = '';
  });
  if (others.length > 0) {
    const folded = foldedBySqlite(sql, otherTexts);
    others.forEach((k, n) => {
      people[k]!.words = folded[n] ?? '';
    });
  }
  return { stamp, people };
}

/** Each text's tokens as people_search makes them, space-separated. */
function foldedBySqlite(sql: SqlConnection, texts: readonly string[]): string[] {
  sql.exec(`DROP TABLE IF EXISTS temp.kith_fold; CREATE VIRTUAL TABLE temp.kith_fold USING fts5(terms, tokenize = "${TOKENIZE}");
    DROP TABLE IF EXISTS temp.kith_fold_words; CREATE VIRTUAL TABLE temp.kith_fold_words USING fts5vocab(temp, kith_fold, 'instance');`);
  try {
    for (let at = 0; at < texts.length; at += FOLD_BATCH) {
      // Always FOLD_BATCH rows (empty text past the end, which makes no token): one statement text, prepared once.
      const params = Array.from({ length: FOLD_BATCH }, (_, n) => [at + n + 1, texts[at + n] ?? '']).flat();
      sql.run(FOLD_INSERT, params);
    }
    const folded = Array<string>(texts.length).fill('');
    for (let after = 0; after < texts.length; after += WORDS_PAGE) {
      const page = sql.first<{ docs: string }>(PAGE_OF_FOLDED, [after, after + WORDS_PAGE]);
      for (const [doc, words] of page ? (JSON.parse(page.docs) as [number, string][]) : []) folded[doc - 1] = wordsOfTokens(words.split(' '));
    }
    return folded;
  } finally {
    sql.exec('DROP TABLE IF EXISTS temp.kith_fold_words; DROP TABLE IF EXISTS temp.kith_fold;');
  }
}
