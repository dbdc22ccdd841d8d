// An in-memory DocumentStore that round-trips through JSON text, like the
// disk adapters, so a test sees exactly what would have been written.
import type { DocumentStore, StoreReadResult } from '../ports';

export interface MemoryStore extends DocumentStore {
  /** The raw JSON text of every document, for "no secret on disk" assertions. */
  readonly files: Map<string, string>;
  /** Makes the next writes of `name` (or of every document with '*') fail. */
  failWrites(name: string | '*', failing: boolean): void;
  writes: number;
}

export function createMemoryStore(location = '/memory'): MemoryStore {
  const files = new Map<string, string>();
  const failing = new Set<string>();
  const store: MemoryStore = {
    location,
    files,
    writes: 0,
    failWrites(name, on) {
      if (on) failing.add(name);
      else failing.delete(name);
    },
    async read(name): Promise<StoreReadResult> {
      const text = files.get(name);
      if (text === undefined) return { kind: 'missing' };
      try {
        return { kind: 'ok', value: JSON.parse(text) as unknown };
      } catch (error) {
        files.delete(name);
        return { kind: 'corrupt', movedTo: `${location}/${name}.corrupt`, reason: String(error) };
      }
    },
    async write(name, value) {
      if (failing.has(name) || failing.has('*')) throw new Error(`write of ${name} failed (test)`);
      store.writes += 1;
      files.set(name, JSON.stringify(value));
    },
    async remove(name) {
      files.delete(name);
    },
  };
  return store;
}
