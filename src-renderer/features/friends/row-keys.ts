// React keys for the friend rows in view, by place: the row at index i is keyed i modulo a
// power of two no smaller than the rows in view, so each key stays unique over a run of
// consecutive rows. A keystroke's new results then update the rows already on screen in
// place (their text and attributes), where keys by person would unmount the rows of the
// people gone and mount new ones; a scroll by one row replaces one row. Row
// pictures of a search still being typed are not asked for (friend-list.tsx), so rewriting a
// row's picture costs nothing until the search settles.
export interface RowSlot {
  /** The row's place in the list. */
  readonly index: number;
}

/** The smallest power of two that is at least `n`: the number of keys, which changes only when the rows in view double or halve. */
function keySpan(n: number): number {
  let span = 1;
  while (span < n) span *= 2;
  return span;
}

/**
 * `slots` are consecutive rows (the virtualiser's window); each gets a key unique among them.
 * `atLeast`: keys for that many rows, so the keys stay when the window grows to it or shrinks from it.
 */
export function keyedRows<T extends RowSlot>(slots: readonly T[], atLeast = 0): (T & { key: string })[] {
  const span = keySpan(Math.max(slots.length, atLeast));
  return slots.map((slot) => ({ ...slot, key: `r:${slot.index % span}` }));
}
