// A short list of strings per entry (an entry's email and phone keys, its
// folded name), held as one string and two offset arrays instead of an
// array of strings per entry.
//
// Why: the people index keeps every entry's merge keys between builds, so
// that one account's sync reads only that account again. As separate
// strings, 100,000 entries held about 300,000 small strings and 100,000
// arrays: some 25 MB of the index's 58 MB (a heap snapshot of `kith serve`),
// each string paying V8's header and rounding for a dozen characters. Packed,
// the same keys cost their characters and 4 bytes of offset each; a build
// reads them back as short-lived slices.

export class PackedKeys {
  /** As toParts() gave them (the saved people index, index-snapshot.ts); null when they do not fit together. */
  static fromParts(text: string, keyEnds: Int32Array, entryEnds: Int32Array): PackedKeys | null {
    if (!ascending(keyEnds, text.length) || !ascending(entryEnds, keyEnds.length)) return null;
    return new PackedKeys(text, keyEnds, entryEnds);
  }

  constructor(
    private readonly text: string,
    /** Where key k ends in `text` (it starts where key k - 1 ends). */
    private readonly keyEnds: Int32Array,
    /** Where entry e's keys end in `keyEnds` (they start where entry e - 1's end). */
    private readonly entryEnds: Int32Array,
  ) {}

  get length(): number {
    return this.entryEnds.length;
  }

  /** Entry e's keys, in the order they were added. */
  keysOf(e: number): string[] {
    const keys: string[] = [];
    let k = e === 0 ? 0 : this.entryEnds[e - 1]!;
    const end = this.entryEnds[e]!;
    let from = k === 0 ? 0 : this.keyEnds[k - 1]!;
    for (; k < end; k++) {
      const to = this.keyEnds[k]!;
      keys.push(this.text.slice(from, to));
      from = to;
    }
    return keys;
  }

  toParts(): [text: string, keyEnds: Int32Array, entryEnds: Int32Array] {
    return [this.text, this.keyEnds, this.entryEnds];
  }

  /** Entry e's only key, or null when it has none (for lists of at most one key per entry). */
  firstOf(e: number): string | null {
    const k = e === 0 ? 0 : this.entryEnds[e - 1]!;
    if (k === this.entryEnds[e]!) return null;
    return this.text.slice(k === 0 ? 0 : this.keyEnds[k - 1]!, this.keyEnds[k]!);
  }
}

/** Joins the keys of every CHUNK entries as they come, so no more than a chunk's small strings live at once. */
const CHUNK = 1_000;

/** Collects entries' keys in order; `done` packs them. */
export class PackedKeysBuilder {
  private entryEnds = new Int32Array(1_024);
  private keyEnds = new Int32Array(1_024);
  private keys = 0;
  private entries = 0;
  private textLength = 0;
  private readonly chunks: string[] = [];
  private pending: string[] = [];

  /** The next entry's keys (none, one or more). */
  add(keys: Iterable<string> | string | null): void {
    if (typeof keys === 'string') this.push(keys);
    else if (keys !== null) for (const key of keys) this.push(key);
    if (this.entries === this.entryEnds.length) this.entryEnds = grown(this.entryEnds);
    this.entryEnds[this.entries++] = this.keys;
    if (this.entries % CHUNK === 0) this.flush();
  }

  done(): PackedKeys {
    this.flush();
    return new PackedKeys(this.chunks.join(''), this.keyEnds.slice(0, this.keys), this.entryEnds.slice(0, this.entries));
  }

  private push(key: string): void {
    if (this.keys === this.keyEnds.length) this.keyEnds = grown(this.keyEnds);
    this.textLength += key.length;
    this.keyEnds[this.keys++] = this.textLength;
    this.pending.push(key);
  }

  private flush(): void {
    if (this.pending.length > 0) this.chunks.push(this.pending.join(''));
    this.pending = [];
  }
}

function grown(array: Int32Array): Int32Array<ArrayBuffer> {
  const larger = new Int32Array(array.length * 2);
  larger.set(array);
  return larger;
}

/** Ends that never fall back and stay within `limit`, the last one at it (or none at all). */
function ascending(ends: Int32Array, limit: number): boolean {
  let last = 0;
  // An indexed loop: for…of over a typed array costs a process that just started some 2-3 times more (a cold open checks 200,000 ends).
  for (let i = 0; i < ends.length; i++) {
    const end = ends[i]!;
    if (end < last) return false;
    last = end;
  }
  return ends.length === 0 ? limit === 0 : last === limit;
}

/**
 * Exactly one string per entry (a person id, a sort key), as one string and one offset array:
 * 100,000 short strings held apart cost V8 a header and rounding each (some 40 bytes over their
 * characters), and a cold open would make them all again from the saved index.
 */
export class PackedStrings {
  static fromParts(text: string, ends: Int32Array): PackedStrings | null {
    return ascending(ends, text.length) ? new PackedStrings(text, ends) : null;
  }

  /** Several lists as one, in order (the accounts of a build). */
  static joined(lists: readonly PackedStrings[]): PackedStrings {
    if (lists.length === 1) return lists[0]!;
    const ends = new Int32Array(lists.reduce((n, l) => n + l.length, 0));
    let at = 0;
    let base = 0;
    for (const list of lists) {
      for (let i = 0; i < list.length; i++) ends[at++] = base + list.ends[i]!;
      base += list.text.length;
    }
    return new PackedStrings(lists.map((l) => l.text).join(''), ends);
  }

  private constructor(
    private readonly text: string,
    /** Where string i ends in `text` (it starts where string i - 1 ends). */
    private readonly ends: Int32Array,
  ) {}

  get length(): number {
    return this.ends.length;
  }

  at(i: number): string {
    return this.text.slice(i === 0 ? 0 : this.ends[i - 1]!, this.ends[i]!);
  }

  /** The first code unit of string i, or -1 for an empty string. */
  firstUnit(i: number): number {
    const from = i === 0 ? 0 : this.ends[i - 1]!;
    return from === this.ends[i]! ? -1 : this.text.charCodeAt(from);
  }

  /** Every string, for work that compares them many times over (a sort). */
  all(): string[] {
    return Array.from({ length: this.length }, (_, i) => this.at(i));
  }

  toParts(): [text: string, ends: Int32Array] {
    return [this.text, this.ends];
  }
}

/** Collects one string per entry; `done` packs them. */
export class PackedStringsBuilder {
  private readonly keys = new PackedKeysBuilder();

  add(value: string): void {
    this.keys.add(value);
  }

  done(): PackedStrings {
    const [text, keyEnds] = this.keys.done().toParts();
    return PackedStrings.fromParts(text, keyEnds)!;
  }
}
