// The access log's entries waiting in memory for the next write, as columns
// in arrays made once: a script polling thousands of times a second records
// each request as a few numbers and three shared strings (its token's id, the
// method, the logged path, which loggablePath keeps), not an object that
// lives until the write. Such objects outlived the young generation's
// collections and were copied and promoted by each one; these arrays are not
// garbage at all. When full, the oldest entry gives way (the log keeps the
// newest entries in any case).
import type { AccessLogEntry } from '../ports';

export class AccessLogBatch {
  readonly #capacity: number;
  #at: Float64Array | null = null;
  #durationMs: Float64Array | null = null;
  #bytes: Float64Array | null = null;
  #status: Float64Array | null = null;
  readonly #tokenId: string[] = [];
  readonly #method: string[] = [];
  readonly #path: string[] = [];
  /** Where the oldest entry is, and how many there are. */
  #start = 0;
  #size = 0;

  constructor(capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError('an access log batch holds at least one entry');
    this.#capacity = capacity;
  }

  get length(): number {
    return this.#size;
  }

  push(entry: AccessLogEntry): void {
    // Made at the first entry: a process that never answers a script (the CLI) never holds them.
    this.#at ??= new Float64Array(this.#capacity);
    this.#durationMs ??= new Float64Array(this.#capacity);
    this.#bytes ??= new Float64Array(this.#capacity);
    this.#status ??= new Float64Array(this.#capacity);
    let slot: number;
    if (this.#size < this.#capacity) {
      slot = (this.#start + this.#size) % this.#capacity;
      this.#size += 1;
    } else {
      slot = this.#start;
      this.#start = (this.#start + 1) % this.#capacity;
    }
    this.#at[slot] = entry.at;
    this.#durationMs[slot] = entry.durationMs;
    this.#bytes[slot] = entry.bytes;
    this.#status[slot] = entry.status;
    this.#tokenId[slot] = entry.tokenId;
    this.#method[slot] = entry.method;
    this.#path[slot] = entry.path;
  }

  /** The entry `index` places after the oldest. */
  #entry(index: number): AccessLogEntry {
    const slot = (this.#start + index) % this.#capacity;
    return {
      at: this.#at![slot]!,
      tokenId: this.#tokenId[slot]!,
      method: this.#method[slot]!,
      path: this.#path[slot]!,
      status: this.#status![slot]!,
      durationMs: this.#durationMs![slot]!,
      bytes: this.#bytes![slot]!,
    };
  }

  /** The entries `keep` accepts, oldest first (only those are made into objects). */
  filter(keep: (tokenId: string, status: number) => boolean): AccessLogEntry[] {
    const kept: AccessLogEntry[] = [];
    for (let i = 0; i < this.#size; i++) {
      const slot = (this.#start + i) % this.#capacity;
      if (keep(this.#tokenId[slot]!, this.#status![slot]!)) kept.push(this.#entry(i));
    }
    return kept;
  }

  /** How many entries each token has here. */
  countInto(counts: Map<string, number>): Map<string, number> {
    for (let i = 0; i < this.#size; i++) {
      const id = this.#tokenId[(this.#start + i) % this.#capacity]!;
      counts.set(id, (counts.get(id) ?? 0) + 1);
    }
    return counts;
  }

  /** Every entry, oldest first, as objects for the store; the batch is empty after (its arrays are kept for the next). */
  drain(): AccessLogEntry[] {
    const entries: AccessLogEntry[] = new Array<AccessLogEntry>(this.#size);
    for (let i = 0; i < this.#size; i++) entries[i] = this.#entry(i);
    // The strings go with them: an emptied batch holds on to no path or token id.
    this.#tokenId.length = 0;
    this.#method.length = 0;
    this.#path.length = 0;
    this.#start = 0;
    this.#size = 0;
    return entries;
  }
}
