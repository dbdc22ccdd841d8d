// The in-memory DocumentStore for tests. Values are kept as JSON text, as a
// file would hold them, so a test cannot mutate a stored document through a
// reference it kept, `putRaw` can plant a corrupt file, `allText` shows
// everything "on disk" for no-secret-on-disk checks, and `failWrites` makes
// writes fail as a full disk would.
import type { DocumentName, DocumentStore, StoreReadResult } from '../ports';
import { assertDocumentName } from '../storage/document-name';

export class MemoryDocumentStore implements DocumentStore {
  readonly location = 'memory';
  readonly #files = new Map<string, string>();
  readonly #now: () => number;
  readonly #locks = new Map<string, Promise<void>>();
  readonly #failing = new Set<string>();
  readonly #versions = new Map<string, number>();
  #version = 0;
  /** How many writes each document received, for tests that count them. */
  readonly writes = new Map<string, number>();

  constructor(options: { now?: () => number } = {}) {
    this.#now = options.now ?? Date.now;
  }

  async read(name: DocumentName): Promise<StoreReadResult> {
    assertDocumentName(name);
    const text = this.#files.get(name);
    if (text === undefined) return { kind: 'missing' };
    try {
      return { kind: 'ok', value: JSON.parse(text) as unknown };
    } catch {
      const movedTo = this.#rename(name, 'corrupt');
      return { kind: 'corrupt', movedTo, reason: 'the file is not valid JSON', text };
    }
  }

  async write(name: DocumentName, value: unknown): Promise<void> {
    assertDocumentName(name);
    if (this.#failing.has(name) || this.#failing.has('*')) throw new Error(`write of ${name} failed (test)`);
    const text = JSON.stringify(value);
    if (text === undefined) throw new TypeError(`cannot store ${typeof value} in "${name}"`);
    this.#files.set(name, text);
    this.#touch(name);
    this.writes.set(name, (this.writes.get(name) ?? 0) + 1);
  }

  async remove(name: DocumentName): Promise<void> {
    assertDocumentName(name);
    this.#files.delete(name);
    this.#touch(name);
  }

  async stamp(name: DocumentName): Promise<string> {
    assertDocumentName(name);
    return this.#files.has(name) ? `v${this.#versions.get(name) ?? 0}` : 'missing';
  }

  #touch(name: string): void {
    this.#versions.set(name, ++this.#version);
  }

  async moveAside(name: DocumentName, _reason: string): Promise<string> {
    assertDocumentName(name);
    return this.#rename(name, 'invalid');
  }

  /** An in-memory stand-in for the file lock, so stores shared by several services behave like files. */
  async lock(name: DocumentName): Promise<() => Promise<void>> {
    assertDocumentName(name);
    const previous = this.#locks.get(name) ?? Promise.resolve();
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const tail = previous.then(() => held);
    this.#locks.set(name, tail);
    await previous;
    return async () => {
      release();
      if (this.#locks.get(name) === tail) this.#locks.delete(name);
    };
  }

  /** Test helper: plants file contents as they would be on disk (e.g. truncated JSON). */
  putRaw(name: string, text: string): void {
    this.#files.set(name, text);
    this.#touch(name);
  }

  /** Test helper: the stored text, including moved-aside files (`<name>.corrupt-<ts>.json`). */
  raw(name: string): string | undefined {
    return this.#files.get(name);
  }

  /** Test helper: every stored name, including moved-aside files. */
  names(): string[] {
    return [...this.#files.keys()];
  }

  /** Test helper: the text of every stored document, moved-aside files included, as one string. */
  allText(): string {
    return [...this.#files.values()].join('\n');
  }

  /** Test helper: makes the next writes of `name` (or of every document, with '*') fail until turned off. */
  failWrites(name: string | '*', failing: boolean): void {
    if (failing) this.#failing.add(name);
    else this.#failing.delete(name);
  }

  #rename(name: string, kind: 'corrupt' | 'invalid'): string {
    const text = this.#files.get(name) ?? '';
    let movedTo = `${name}.${kind}-${this.#now()}.json`;
    for (let n = 1; this.#files.has(movedTo); n++) movedTo = `${name}.${kind}-${this.#now()}-${n}.json`;
    this.#files.set(movedTo, text);
    this.#files.delete(name);
    this.#touch(name);
    return movedTo;
  }
}
