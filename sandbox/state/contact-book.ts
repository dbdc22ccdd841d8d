// One Google person's contacts: a seeded count plus a change log. Changes
// (admin "change N contacts") get increasing sequence numbers, so an
// incremental sync is a binary search into the log, never a scan of the book.

export interface ContactState {
  seq: number;
  revision: number;
  deleted: boolean;
}

export interface ChangeSummary {
  updated: number[];
  deleted: number[];
  added: number[];
}

export class ContactBook {
  private seq = 0;
  private added = 0;
  private deletedCount = 0;
  private readonly states = new Map<number, ContactState>();
  private readonly log: { seq: number; index: number }[] = [];
  private cursor = 0;

  constructor(private readonly baseCount: number) {}

  /** The current sequence number; a sync token remembers it. */
  get currentSeq(): number {
    return this.seq;
  }

  /** Raw index space (seeded plus added, deleted included). */
  get size(): number {
    return this.baseCount + this.added;
  }

  /** Contacts that exist now: People's totalItems. */
  get total(): number {
    return this.size - this.deletedCount;
  }

  stateOf(index: number): ContactState {
    return this.states.get(index) ?? { seq: 0, revision: 0, deleted: false };
  }

  /** Live indices from `offset`, at most `limit`; `next` is the offset to continue from, or null. */
  listFrom(offset: number, limit: number): { indices: number[]; next: number | null } {
    const indices: number[] = [];
    let i = offset;
    while (i < this.size && indices.length < limit) {
      if (!this.stateOf(i).deleted) indices.push(i);
      i += 1;
    }
    while (i < this.size && this.stateOf(i).deleted) i += 1;
    return { indices, next: i < this.size ? i : null };
  }

  /**
   * Contacts changed after `sinceSeq` and at or before `uptoSeq`, each once (its latest change),
   * in change order, starting at log position `from`.
   */
  changesSince(sinceSeq: number, uptoSeq: number, from: number, limit: number): { indices: number[]; next: number | null } {
    let position = Math.max(from, this.firstLogPositionAfter(sinceSeq));
    const indices: number[] = [];
    while (position < this.log.length && indices.length < limit) {
      const entry = this.log[position];
      position += 1;
      if (!entry || entry.seq > uptoSeq) {
        position = this.log.length;
        break;
      }
      if (this.stateOf(entry.index).seq === entry.seq) indices.push(entry.index);
    }
    const more = position < this.log.length && (this.log[position]?.seq ?? Infinity) <= uptoSeq;
    return { indices, next: more ? position : null };
  }

  /** Updates, deletes and adds contacts, choosing live ones deterministically. */
  change(counts: { updated: number; deleted: number; added: number }): ChangeSummary {
    const summary: ChangeSummary = { updated: [], deleted: [], added: [] };
    const touched = new Set<number>();
    const pick = (): number | null => {
      // Walk with a stride so changes spread over the book instead of clustering at the start.
      const stride = coprimeStride(this.size);
      for (let tries = 0; tries < this.size; tries += 1) {
        const index = this.cursor % this.size;
        this.cursor = (index + stride) % this.size;
        if (!this.stateOf(index).deleted && !touched.has(index)) {
          touched.add(index);
          return index;
        }
      }
      return null;
    };
    for (let n = 0; n < counts.updated; n += 1) {
      const index = pick();
      if (index === null) break;
      this.record(index, { revision: this.stateOf(index).revision + 1, deleted: false });
      summary.updated.push(index);
    }
    for (let n = 0; n < counts.deleted; n += 1) {
      const index = pick();
      if (index === null) break;
      this.record(index, { revision: this.stateOf(index).revision, deleted: true });
      this.deletedCount += 1;
      summary.deleted.push(index);
    }
    for (let n = 0; n < counts.added; n += 1) {
      const index = this.size;
      this.added += 1;
      this.record(index, { revision: 0, deleted: false });
      summary.added.push(index);
    }
    return summary;
  }

  private record(index: number, state: { revision: number; deleted: boolean }): void {
    this.seq += 1;
    this.states.set(index, { seq: this.seq, ...state });
    this.log.push({ seq: this.seq, index });
  }

  private firstLogPositionAfter(seq: number): number {
    let lo = 0;
    let hi = this.log.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.log[mid]?.seq ?? 0) <= seq) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

/** A stride that visits every index of a ring of `size` before repeating. */
function coprimeStride(size: number): number {
  let stride = 7;
  while (size > 1 && gcd(stride, size) !== 1) stride += 1;
  return stride;
}
