// The search's words of an account, read a page of people at a time: every
// person's words once, folded as the search index folds them, across pages
// and across the people SQLite's own tokenizer folds (any non-ASCII text).
import { describe, expect, it } from 'vitest';
import { person } from './testing/temp-database';
import { useTempFriendsStore } from './testing/use-temp-friends-store';

const temp = useTempFriendsStore();

const COUNT = 2_345;
const nameOf = (k: number) => (k % 7 === 0 ? `Zoë Ñúñez${k}` : `Ada Lovelace${k}`);
const foldedOf = (k: number) => (k % 7 === 0 ? `zoe nunez${k}` : `ada lovelace${k}`);

/** Every page of the account's words, from the first on, with the stamp each was read at. */
async function everyPage(accountId: string) {
  const stamps: string[] = [];
  const people: { personId: string; words: string }[] = [];
  for (let after: number | undefined; ; ) {
    const read = await temp.store.entries.indexedWords(accountId, after);
    if (!read) throw new Error(`no account ${accountId}`);
    stamps.push(read.stamp);
    people.push(...read.people);
    if (read.next === null) return { stamps, people };
    after = read.next;
  }
}

describe("an account's indexed words", () => {
  it('gives every person of thousands their own words, folded, whatever page and tokenizer read them', async () => {
    await temp.store.beginSync('acc_google_one', 'google', 'full');
    const people = Array.from({ length: COUNT }, (_, k) => person(`people/c${k}`, nameOf(k)));
    for (let at = 0; at < COUNT; at += 500) {
      await temp.store.applyPage('acc_google_one', { upserts: people.slice(at, at + 500), deletes: [], syncState: { cursor: at + 500 < COUNT ? `p${at}` : null, syncToken: 'sync-1', syncedAt: 1_000 } });
    }
    const stamp = (await temp.store.entries.stamps())[0]!.stamp;
    const read = await everyPage('acc_google_one');
    expect(read.stamps).toEqual(read.stamps.map(() => stamp));
    // A page per statement (indexed-words.ts WORDS_PAGE): more than one here, each a part of the account.
    expect(read.stamps.length).toBeGreaterThan(1);
    expect(read.people).toHaveLength(COUNT);
    const byId = new Map(read.people.map((p) => [p.personId, p.words]));
    // In any order: SQLite's tokenizer gives them back by term.
    for (let k = 0; k < COUNT; k++) expect(byId.get(`people/c${k}`)!.split(' ')).toEqual(expect.arrayContaining(foldedOf(k).split(' ')));
    expect(read.people.filter((p) => p.words.includes('zoe'))).toHaveLength(Math.ceil(COUNT / 7));
  });

  it('gives a page read after a write the stamp of the account as written, not of the pages before', async () => {
    await temp.store.beginSync('acc_google_one', 'google', 'full');
    const people = Array.from({ length: COUNT }, (_, k) => person(`people/c${k}`, nameOf(k)));
    await temp.store.applyPage('acc_google_one', { upserts: people, deletes: [], syncState: { cursor: null, syncToken: 'sync-1', syncedAt: 1_000 } });
    const first = await temp.store.entries.indexedWords('acc_google_one');
    expect(first!.next).not.toBeNull();
    await temp.store.beginSync('acc_google_one', 'google', 'incremental');
    await temp.store.applyPage('acc_google_one', { upserts: [person('people/c1', 'Ada Renamed')], deletes: [], syncState: { cursor: null, syncToken: 'sync-2', syncedAt: 2_000 } });
    const second = await temp.store.entries.indexedWords('acc_google_one', first!.next!);
    expect(second!.stamp).not.toBe(first!.stamp);
    expect(second!.stamp).toBe((await temp.store.entries.stamps())[0]!.stamp);
  });
});
