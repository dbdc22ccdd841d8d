import { describe, expect, it } from 'vitest';
import { keyedRows } from './row-keys';

const window = (first: number, count: number) => Array.from({ length: count }, (_, i) => ({ index: first + i }));

describe('keyedRows', () => {
  it('keys rows by place, unique over any run of consecutive rows', () => {
    for (const [first, count] of [[0, 1], [0, 18], [7, 27], [49_990, 10], [123, 64], [5, 65]] as const) {
      const keys = keyedRows(window(first, count)).map((r) => r.key);
      expect(new Set(keys).size, `${first}+${count}`).toBe(count);
    }
  });

  it('keeps the keys of the rows at the same places when the results change, and of the rows still in view when scrolled by one', () => {
    const before = keyedRows(window(10, 27));
    expect(keyedRows(window(10, 27)).map((r) => r.key)).toEqual(before.map((r) => r.key));
    const scrolled = keyedRows(window(11, 27));
    // Rows 11 to 36 keep their keys; only row 37 is new.
    expect(scrolled.slice(0, -1).map((r) => r.key)).toEqual(before.slice(1).map((r) => r.key));
    expect(new Set([...before, ...scrolled].map((r) => r.key)).size).toBe(28);
  });

  it('keeps the keys of the rows when the window shrinks to the rows in view and grows back, given room for the larger one', () => {
    // Rows 100 to 110 in view: 92 to 118 with the full overscan, 98 to 112 while a search is being typed.
    const full = new Map(keyedRows(window(92, 27), 11 + 16).map((r) => [r.index, r.key]));
    const typing = keyedRows(window(98, 15), 11 + 16);
    expect(typing.map((r) => r.key)).toEqual(typing.map((r) => full.get(r.index)));
    // Without that room, some keys of the smaller window are others (their row elements would be made anew).
    expect(keyedRows(window(98, 15)).map((r) => r.key)).not.toEqual(typing.map((r) => full.get(r.index)));
  });
});
