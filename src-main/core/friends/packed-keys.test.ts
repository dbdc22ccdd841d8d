import { describe, expect, it } from 'vitest';
import { PackedKeysBuilder, PackedStrings, PackedStringsBuilder } from './packed-keys';

describe('packed keys', () => {
  it('gives back each entry its own keys, in order, across many entries', () => {
    const lists = Array.from({ length: 2_500 }, (_, e) => (e % 7 === 0 ? [] : Array.from({ length: (e % 3) + 1 }, (_, k) => `e:${e}.${k}@example.org`)));
    lists[5] = ['n:zoë', 't:5550102345', 'e:李@example.cn'];
    const builder = new PackedKeysBuilder();
    for (const keys of lists) builder.add(keys);
    const packed = builder.done();
    expect(packed.length).toBe(lists.length);
    expect(lists.map((_, e) => packed.keysOf(e))).toEqual(lists);
  });

  it('keeps at most one key per entry apart from none', () => {
    const names = ['n:ada lovelace', null, 'n:grace hopper', null];
    const builder = new PackedKeysBuilder();
    for (const name of names) builder.add(name);
    const packed = builder.done();
    expect(names.map((_, e) => packed.firstOf(e))).toEqual(names);
  });

  it('holds one string per entry, empty ones too, and joins lists in order', () => {
    const packed = (values: string[]) => {
      const builder = new PackedStringsBuilder();
      for (const v of values) builder.add(v);
      return builder.done();
    };
    const one = Array.from({ length: 1_500 }, (_, i) => (i % 9 === 0 ? '' : `people/c${i}`));
    const two = ['zoë', '', '李'];
    const joined = PackedStrings.joined([packed(one), packed(two)]);
    expect(joined.all()).toEqual([...one, ...two]);
    expect(joined.firstUnit(0)).toBe(-1);
    expect(joined.firstUnit(one.length)).toBe('z'.charCodeAt(0));
    // Parts that do not fit together (an end past the text, ends falling back) are refused.
    expect(PackedStrings.fromParts('abc', Int32Array.from([1, 4]))).toBeNull();
    expect(PackedStrings.fromParts('abc', Int32Array.from([2, 1, 3]))).toBeNull();
    expect(PackedStrings.fromParts('abc', Int32Array.from([1, 3]))?.all()).toEqual(['a', 'bc']);
  });
});
