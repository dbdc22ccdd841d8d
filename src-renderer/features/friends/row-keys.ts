// React keys for the friend rows in view. Keyed by the person, a person still in view
// after a new search keeps their row's DOM (and their picture, already loaded) and only
// moves to their new place; keyed by place, every row would be rewritten and every
// picture asked for again on each keystroke.
import type { Friend } from '../../../src-contract/kith-api';

export interface RowSlot {
  /** The row's place in the list. */
  readonly index: number;
  /** Undefined while its page is on its way. */
  readonly friend: Friend | undefined;
}

/**
 * The person's id; a row still loading is keyed by its place. A person twice in view (for a
 * moment, pages of two data generations can overlap) is keyed by place the second time, so
 * keys stay unique.
 */
export function keyedRows<T extends RowSlot>(slots: readonly T[]): (T & { key: string })[] {
  const seen = new Set<string>();
  return slots.map((slot) => {
    const id = slot.friend?.id;
    const key = id !== undefined && !seen.has(id) ? `p:${id}` : `i:${slot.index}`;
    if (id !== undefined) seen.add(id);
    return { ...slot, key };
  });
}
