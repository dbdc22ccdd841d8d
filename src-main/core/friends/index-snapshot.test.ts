// The saved people index's texts: what is saved is read back exactly, at
// every width its numbers take, and a text of another format or one that
// does not fit together is never read as an index.
import { describe, expect, it } from 'vitest';
import type { FriendSort } from '../../../src-contract/kith-api';
import { buildTexts, factsTexts, readBuildLater, readBuildLead, readBuildTexts, readFactsLater, readFactsLead, readFactsTexts, type SavedFacts } from './index-snapshot';
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
    expect(plain(readFactsTexts(factsTexts(facts))!)).toEqual(plain(facts));
  });

  it('keep dates exactly as held, whole milliseconds or not', () => {
    for (const dates of [[1.5, -1, 3], [0, -1, 8.64e15]]) {
      const facts = factsOf(dates.map((updated, k) => ({ id: `people/c${k}`, first: 'a', last: 'a', updated })));
      expect(plain(readFactsTexts(factsTexts(facts))!)).toEqual(plain(facts));
    }
  });

  it('of no one are read back as no one', () => {
    const facts = factsOf([]);
    expect(plain(readFactsTexts(factsTexts(facts))!)).toEqual(plain(facts));
  });

  it('are read in two halves: the lead without the later one, which is read for as many entries only', () => {
    const facts = factsOf([
      { id: 'people/c1', first: 'ada', last: 'lovelace', updated: 1_000 },
      { id: 'people/c2', first: 'bo', last: 'berg', updated: -1 },
    ]);
    const { lead, later } = factsTexts(facts);
    const read = readFactsLead(lead)!;
    expect([read.personIds.all(), read.firstKeys.all()]).toEqual([['people/c1', 'people/c2'], ['ada', 'bo']]);
    // Neither half is taken for the other, nor the later half of two entries for one of three.
    expect(readFactsLead(later)).toBeNull();
    expect(readFactsLater(lead, 2)).toBeNull();
    expect(readFactsLater(later, 3)).toBeNull();
    expect(readFactsLater(later, 2)!.lastKeys.all()).toEqual(['lovelace', 'berg']);
  });

  it('of an older format, or not fitting together, are not read', () => {
    const { lead, later } = factsTexts(factsOf([{ id: 'people/c1', first: 'ada', last: 'lovelace', updated: 1_000 }]));
    // Version 3 kept the facts as one text, the last-name keys and dates after the first-name keys.
    const three = lead.replace('"tag":"facts/4"', '"tag":"facts/3"');
    expect(readFactsLead(three)).toBeNull();
    expect(readFactsLead(lead.replace('"tag":"facts/4"', '"tag":"facts/2"'))).toBeNull();
    // The lengths of one entry, read as being of two.
    expect(readFactsLead(lead.replace('"size":1', '"size":2'))).toBeNull();
    expect(readFactsLater(later.replace('"size":1', '"size":2'), 2)).toBeNull();
    expect(readFactsLead(lead.replace('"widths":[1,', '"widths":[2,'))).toBeNull();
    expect(readFactsLead(lead.slice(0, -4))).toBeNull();
    expect(readFactsLater(later.slice(0, -4), 1)).toBeNull();
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
      const read = readBuildTexts(buildTexts({ group, orders }), size)!;
      expect([...read.group]).toEqual([...group]);
      expect([...read.orders.get('first_name')!]).toEqual([...orders.get('first_name')!]);
      expect([...read.later!.get('last_name')!()!]).toEqual([...orders.get('last_name')!]);
      expect([...read.later!.get('recently_changed')!()!]).toEqual([...orders.get('recently_changed')!]);
    }
  });

  it('keeps the groups and the first-name order in its lead, the other orders in its later half', () => {
    const group = Int32Array.from([0, 0, 2]);
    const { lead, later } = buildTexts({ group, orders: new Map([['first_name', Int32Array.from([2, 0, 1])], ['last_name', Int32Array.from([1, 2, 0])]]) });
    const read = readBuildLead(lead, 3)!;
    expect([[...read.group], [...read.orders.get('first_name')!], read.later]).toEqual([[0, 0, 2], [2, 0, 1], undefined]);
    expect([...readBuildLater(later, 3)!.keys()]).toEqual(['last_name']);
    expect(readBuildLead(later, 3)).toBeNull();
    expect(readBuildLater(lead, 3)).toBeNull();
    expect(readBuildLater(later, 4)).toBeNull();
  });

  it('of an older format, another size, or out of range, is not read', () => {
    const group = Int32Array.from([0, 0, 2]);
    const { lead } = buildTexts({ group, orders: new Map([['first_name', Int32Array.from([2, 0, 1])]]) });
    expect(readBuildLead(lead, 3)).not.toBeNull();
    expect(readBuildLead(lead.replace('"tag":"build/4"', '"tag":"build/3"'), 3)).toBeNull();
    expect(readBuildLead(lead, 4)).toBeNull();
    // Entry 1 in a person of entry 300, of 3.
    expect(readBuildLead(buildTexts({ group: Int32Array.from([0, 300, 2]), orders: new Map() }).lead, 3)).toBeNull();
    expect(readBuildLead(buildTexts({ group, orders: new Map([['first_name', Int32Array.from([0, 0, 1])]]) }).lead, 3)).toBeNull();
    // A number below 0 is not written as a byte that would wrap into range (-1 as entry 255 of 256).
    const many = Int32Array.from({ length: 256 }, (_, e) => e);
    expect(readBuildLead(buildTexts({ group: many, orders: new Map([['first_name', Int32Array.from(many).fill(-1, 255)]]) }).lead, 256)).toBeNull();
  });
});
