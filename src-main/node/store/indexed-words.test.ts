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

describe("an account's indexed words", () => {
  it('gives every person of thousands their own words, folded, whatever page and tokenizer read them', async () => {
    await temp.store.beginSync('acc_google_one', 'google', 'full');
    const people = Array.from({ length: COUNT }, (_, k) => person(`people/c${k}`, nameOf(k)));
    for (let at = 0; at < COUNT; at += 500) {
      await temp.store.applyPage('acc_google_one', { upserts: people.slice(at, at + 500), deletes: [], syncState: { cursor: at + 500 < COUNT ? `p${at}` : null, syncToken: 'sync-1', syncedAt: 1_000 } });
    }
    const read = await temp.store.entries.indexedWords('acc_google_one');
    expect(read!.stamp).toBe((await temp.store.entries.stamps())[0]!.stamp);
    expect(read!.people).toHaveLength(COUNT);
    const byId = new Map(read!.people.map((p) => [p.personId, p.words]));
    // In any order: SQLite's tokenizer gives them back by term.
    for (let k = 0; k < COUNT; k++) expect(byId.get(`people/c${k}`)!.split(' ')).toEqual(expect.arrayContaining(foldedOf(k).split(' ')));
    expect(read!.people.filter((p) => p.words.includes('zoe'))).toHaveLength(Math.ceil(COUNT / 7));
  });
});
