import { describe, expect, it } from 'vitest';
import { PackedKeysBuilder } from './packed-keys';

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
});
