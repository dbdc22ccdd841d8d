// The saved people index's texts: what is saved is read back exactly, at
// every width its numbers take, and a text of another format or one that
// does not fit together is never read as an index.
import { describe, expect, it } from 'vitest';
import type { FriendSort } from '../../../src-contract/kith-api';
import { buildText, factsText, readBuildText, readFactsText, type SavedFacts } from './index-snapshot';
import { PackedStringsBuilder } from './packed-keys';

const packed = (values: readonly string[]) => {
  const builder = new PackedStringsBuilder();
  for (const value of values) builder.add(value);
  return builder.done();
};

function factsOf(people: readonly { id: string; first: string; last: string; updated: number }[]): SavedFacts {
  return {
    personIds: packed(people.map((p) => p.id)),
    firstKeys: packed(people.map((p) => p.first)),
    lastKeys: packed(people.map((p) => p.last)),
    updated: Float64Array.from(people.map((p) => p.updated)),
  };
}

const plain = (f: SavedFacts) => ({ personIds: f.personIds.all(), firstKeys: f.firstKeys.all(), lastKeys: f.lastKeys.all(), updated: [...f.updated] });

describe('saved facts', () => {
  it('are read back exactly: empty, long and non-ASCII keys, undated people, dates years apart', () => {
    const facts = factsOf([
      { id: 'people/c1', first: 'ada lovelace', last: 'lovelace ada', updated: Date.parse('2026-12-01T10:00:00.123Z') },
      { id: 'people/c2', first: '', last: '', updated: -1 },
      { id: 'people/c3', first: 'émile zola \u{1F600}', last: 'zola émile', updated: Date.parse('1971-01-01T00:00:00Z') },
      { id: `people/${'x'.repeat(300)}`, first: 'k'.repeat(70_000), last: 'kofi', updated: 0 },
    ]);
    expect(plain(readFactsText(factsText(facts))!)).toEqual(plain(facts));
  });

  it('keep dates exactly as held, whole milliseconds or not', () => {
    for (const dates of [[1.5, -1, 3], [0, -1, 8.64e15]]) {
      const facts = factsOf(dates.map((updated, k) => ({ id: `people/c${k}`, first: 'a', last: 'a', updated })));
      expect(plain(readFactsText(factsText(facts))!)).toEqual(plain(facts));
    }
  });

  it('of no one are read back as no one', () => {
    const facts = factsOf([]);
    expect(plain(readFactsText(factsText(facts))!)).toEqual(plain(facts));
  });

  it('of an older format, or not fitting together, are not read', () => {
    const text = factsText(factsOf([{ id: 'people/c1', first: 'ada', last: 'lovelace', updated: 1_000 }]));
    expect(readFactsText(text.replace('"tag":"facts/3"', '"tag":"facts/2"'))).toBeNull();
    // The lengths of one entry, read as being of two.
    expect(readFactsText(text.replace('"size":1', '"size":2'))).toBeNull();
    expect(readFactsText(text.replace('"widths":[1,', '"widths":[2,'))).toBeNull();
    expect(readFactsText(text.slice(0, -4))).toBeNull();
  });
});

describe('a saved build', () => {
  const orderOf = (size: number, step: number) => Int32Array.from({ length: size }, (_, k) => (k * step) % size);

  it('is read back exactly at every size its entry numbers take 1, 2 or 4 bytes for', () => {
    for (const size of [1, 200, 300, 70_000]) {
      const group = Int32Array.from({ length: size }, (_, e) => (e % 3 === 2 ? e - 1 : e));
      const orders = new Map<FriendSort, Int32Array>([
        ['first_name', orderOf(size, 1)],
        ['last_name', orderOf(size, size - 1 || 1)],
        ['recently_changed', Int32Array.from(orderOf(size, 1)).reverse()],
      ]);
      const read = readBuildText(buildText({ group, orders }), size)!;
      expect([...read.group]).toEqual([...group]);
      expect([...read.orders.get('first_name')!]).toEqual([...orders.get('first_name')!]);
      expect([...read.later!.get('last_name')!()!]).toEqual([...orders.get('last_name')!]);
      expect([...read.later!.get('recently_changed')!()!]).toEqual([...orders.get('recently_changed')!]);
    }
  });

  it('of an older format, another size, or out of range, is not read', () => {
    const group = Int32Array.from([0, 0, 2]);
    const text = buildText({ group, orders: new Map([['first_name', Int32Array.from([2, 0, 1])]]) });
    expect(readBuildText(text, 3)).not.toBeNull();
    expect(readBuildText(text.replace('"tag":"build/3"', '"tag":"build/2"'), 3)).toBeNull();
    expect(readBuildText(text, 4)).toBeNull();
    // Entry 1 in a person of entry 300, of 3.
    expect(readBuildText(buildText({ group: Int32Array.from([0, 300, 2]), orders: new Map() }), 3)).toBeNull();
    expect(readBuildText(buildText({ group, orders: new Map([['first_name', Int32Array.from([0, 0, 1])]]) }), 3)).toBeNull();
    // A number below 0 is not written as a byte that would wrap into range (-1 as entry 255 of 256).
    const many = Int32Array.from({ length: 256 }, (_, e) => e);
    expect(readBuildText(buildText({ group: many, orders: new Map([['first_name', Int32Array.from(many).fill(-1, 255)]]) }), 256)).toBeNull();
  });
});
