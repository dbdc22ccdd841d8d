// A sort of entry numbers that pauses as it goes: the index's orders
// (friend-order.ts) sort 100,000 entries with a comparator, one Array sort of
// some 100 ms that no request could interrupt. Here it is a bottom-up merge
// sort: runs of RUN entries sorted natively, then merged pairwise, awaiting
// `pause` (background-slices.ts) between runs and every few hundred merged
// entries. Stable, as the native sort is, so for any comparator it gives the
// very order a native sort gives.

/** Entries sorted natively per step: a fraction of a millisecond each. */
const RUN = 512;
/** Entries merged between two pauses. */
const MERGE_STEP = 1024;

/** `items` sorted by `compare`, as items.sort(compare) would sort them; `items` itself is left in any order. */
export async function sortInSteps(items: Int32Array, compare: (a: number, b: number) => number, pause: () => Promise<void>): Promise<Int32Array> {
  const n = items.length;
  for (let low = 0; low < n; low += RUN) {
    items.subarray(low, Math.min(low + RUN, n)).sort(compare);
    await pause();
  }
  let from: Int32Array = items;
  let to: Int32Array = new Int32Array(n);
  for (let width = RUN; width < n; width *= 2) {
    for (let low = 0; low < n; low += 2 * width) {
      const mid = Math.min(low + width, n);
      const high = Math.min(low + 2 * width, n);
      let i = low;
      let j = mid;
      let k = low;
      while (i < mid && j < high) {
        // The left run's entry first when equal: stable.
        to[k++] = compare(from[j]!, from[i]!) < 0 ? from[j++]! : from[i++]!;
        if (k % MERGE_STEP === 0) await pause();
      }
      to.set(from.subarray(i, mid), k);
      to.set(from.subarray(j, high), k + (mid - i));
      await pause();
    }
    [from, to] = [to, from];
  }
  return from;
}
