// The index's orders sorted in steps give exactly the order a native sort
// gives, and let other work (a search's request) run before they finish.
import { describe, expect, it } from 'vitest';
import { slicedPause } from './background-slices';
import { sortInSteps } from './sort-in-steps';

/** A deterministic spread of keys with many ties (the comparator breaks them by a second key, as the index's do not always need to). */
const keysOf = (n: number) => Array.from({ length: n }, (_, e) => (e * 7919) % 97);
const yieldEveryTime = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('sortInSteps', () => {
  it.each([0, 1, 2, 511, 512, 513, 1024, 5_000, 20_011])('sorts %i entries as a native stable sort does', async (n) => {
    const keys = keysOf(n);
    const compare = (a: number, b: number) => keys[a]! - keys[b]!;
    const native = Int32Array.from({ length: n }, (_, e) => e).sort(compare);
    const stepped = await sortInSteps(Int32Array.from({ length: n }, (_, e) => e), compare, async () => {});
    expect(Array.from(stepped)).toEqual(Array.from(native));
  });

  it('sorts entries given in any order, with a total order (as the index orders are), to the same order', async () => {
    const n = 3_001;
    const keys = keysOf(n);
    const compare = (a: number, b: number) => keys[a]! - keys[b]! || a - b;
    const shuffled = Int32Array.from({ length: n }, (_, e) => (e * 1_237) % n);
    const stepped = await sortInSteps(shuffled.slice(), compare, async () => {});
    expect(Array.from(stepped)).toEqual(Array.from(shuffled.sort(compare)));
  });

  it('lets work queued meanwhile run before it finishes', async () => {
    const n = 10_000;
    const keys = keysOf(n);
    let answered = false;
    setImmediate(() => {
      answered = true;
    });
    const sorted = sortInSteps(Int32Array.from({ length: n }, (_, e) => e), (a, b) => keys[a]! - keys[b]!, yieldEveryTime).then(() => answered);
    expect(await sorted).toBe(true);
  });
});

describe('slicedPause', () => {
  it('gives the loop back only once its slice has run', async () => {
    let now = 0;
    const pause = slicedPause(4, () => now);
    let ran = false;
    setImmediate(() => {
      ran = true;
    });
    now = 3;
    await pause();
    // Within the slice: no turn of the loop, so the queued callback has not run.
    expect(ran).toBe(false);
    now = 5;
    await pause();
    expect(ran).toBe(true);
  });
});
