// The search of the people index, in memory: every word the store's search
// index holds for each entry (FriendEntriesReader.indexedWords, folded by the
// store as its index folds them), sorted once, with the entries of each word.
// A prefix is then a range of that sorted list found by binary search, and a
// search is a walk over the entries of its words' ranges: a one-letter query
// matching all of 100,000 people costs about a millisecond, where reading
// every match out of FTS5 (friends-read.ts matching) costs 6-20 ms, and
// narrowing a query by a keystroke costs less again.
//
// It answers exactly what the store's full-text query answers (search-words.ts
// reads the text for both): each search word a prefix of one of an entry's
// words, all words, in any order; a phone-like query's digits as an
// alternative. A search word with a character outside ASCII is left to the
// store, whose tokenizer alone knows how it folds; so are searches while the
// words are being read, and while an account's words could not be read at the
// stamp the build was made from.
//
// Reading the words from every person's index text takes over a second at
// 100,000 entries, so the index is saved with the people index's build
// (FriendEntriesReader.saveWords) and read back in a few ms by the next
// process; a search waits for that read, never for the slow one.
import { z } from 'zod';
import type { FriendsStore } from '../ports';
import { createQuietWatch, slicedPause, type QuietWatch } from './background-slices';
import { base64Of, int32sOf } from './base64-numbers';
import type { IndexBuild } from './friends-index';
import { PackedStrings, PackedStringsBuilder } from './packed-keys';
import { searchWordsOf } from './search-words';
import { sortInSteps } from './sort-in-steps';

// Not checked character by character (megabytes of it): a text that is not base64 decodes to arrays that fail the checks below.
const Base64 = z.string();
const SavedSchema = z.object({ size: z.number().int().nonnegative(), words: z.tuple([z.string(), Base64]), start: Base64, entries: Base64 }).strict();

/** One account's people and their words, as the store reads them. */
type IndexedPeople = NonNullable<Awaited<ReturnType<FriendsStore['entries']['indexedWords']>>>['people'];

const ASCII_WORD = /^[0-9A-Za-z]+$/;
/** Items between two pauses of a build (each pause yields only once its slice has run: background-slices.ts). */
const PAUSE_EVERY = 256;

/** One build's words: the distinct words in code unit order, and the entries of each. */
export class WordIndex {
  private constructor(
    readonly size: number,
    /** Packed: some 150,000 distinct words at 100,000 entries, one string rather than as many. */
    private readonly words: PackedStrings,
    /** The entries of words[w] are entries[start[w] .. start[w + 1]), each once, ascending. */
    private readonly start: Int32Array,
    private readonly entries: Int32Array,
  ) {}

  /** `pause` is awaited every few hundred entries and words, so that other requests are answered meanwhile. */
  static async build(size: number, wordsOf: (e: number) => string, pause: () => Promise<void>): Promise<WordIndex> {
    const idOf = new Map<string, number>();
    const distinct: string[] = [];
    let lastEntry = new Int32Array(1024).fill(-1);
    // The word ids of each entry in turn (entry e's are ids[ends[e - 1] .. ends[e])): half the
    // memory of a (word, entry) pair per word, and of each copy made as it grows.
    let ids = new Int32Array(Math.max(1024, size * 8));
    const ends = new Int32Array(size);
    let n = 0;
    for (let e = 0; e < size; e++) {
      if (e % PAUSE_EVERY === PAUSE_EVERY - 1) await pause();
      const text = wordsOf(e);
      if (text !== '') {
        for (const word of text.split(' ')) {
          let id = idOf.get(word);
          if (id === undefined) {
            id = distinct.length;
            idOf.set(word, id);
            distinct.push(word);
            if (id >= lastEntry.length) {
              const grown = new Int32Array(lastEntry.length * 2).fill(-1);
              grown.set(lastEntry);
              lastEntry = grown;
            }
          }
          // A word an entry holds twice ("Aiko Abebe aiko.abebe@…") is listed once.
          if (lastEntry[id] === e) continue;
          lastEntry[id] = e;
          if (n === ids.length) {
            const grown = new Int32Array(ids.length * 2);
            grown.set(ids);
            ids = grown;
          }
          ids[n++] = id;
        }
      }
      ends[e] = n;
    }
    const byText = await sortInSteps(Int32Array.from(distinct.keys()), (a, b) => (distinct[a]! < distinct[b]! ? -1 : distinct[a]! > distinct[b]! ? 1 : 0), pause);
    const rank = new Int32Array(distinct.length);
    for (let r = 0; r < byText.length; r++) {
      if (r % PAUSE_EVERY === PAUSE_EVERY - 1) await pause();
      rank[byText[r]!] = r;
    }
    const start = new Int32Array(distinct.length + 1);
    for (let p = 0; p < n; p++) {
      if (p % PAUSE_EVERY === PAUSE_EVERY - 1) await pause();
      start[rank[ids[p]!]! + 1]!++;
    }
    for (let r = 0; r < distinct.length; r++) start[r + 1]! += start[r]!;
    const fill = start.slice(0, distinct.length);
    const entries = new Int32Array(n);
    // Entries are walked in order, so each word's entries come out ascending.
    for (let e = 0, p = 0; e < size; e++) {
      if (e % PAUSE_EVERY === PAUSE_EVERY - 1) await pause();
      for (; p < ends[e]!; p++) entries[fill[rank[ids[p]!]!]!++] = e;
    }
    const words = new PackedStringsBuilder();
    for (let r = 0; r < byText.length; r++) {
      if (r % PAUSE_EVERY === PAUSE_EVERY - 1) await pause();
      words.add(distinct[byText[r]!]!);
    }
    return new WordIndex(size, words.done(), start, entries);
  }

  toText(): string {
    const [text, ends] = this.words.toParts();
    return JSON.stringify({ size: this.size, words: [text, base64Of(ends)], start: base64Of(this.start), entries: base64Of(this.entries) });
  }

  /** As toText() gave it, for a build of `size` entries; null when its parts do not fit together. */
  static fromText(text: string, size: number): WordIndex | null {
    let raw: z.output<typeof SavedSchema>;
    try {
      const checked = SavedSchema.safeParse(JSON.parse(text));
      if (!checked.success) return null;
      raw = checked.data;
    } catch {
      return null;
    }
    const ends = int32sOf(raw.words[1], 4);
    const words = ends && PackedStrings.fromParts(raw.words[0], ends);
    const start = int32sOf(raw.start, 4);
    const entries = int32sOf(raw.entries, 4);
    if (raw.size !== size || !words || !start || !entries || start.length !== words.length + 1 || start[0] !== 0 || start[words.length] !== entries.length) return null;
    for (let w = 0; w < words.length; w++) if (start[w + 1]! < start[w]!) return null;
    for (const e of entries) if (e < 0 || e >= size) return null;
    // In code unit order, each once: the binary search relies on it.
    for (let w = 1; w < words.length; w++) if (!(words.at(w - 1) < words.at(w))) return null;
    return new WordIndex(size, words, start, entries);
  }

  /** The first word not below `text`. */
  private lowerBound(text: string): number {
    let low = 0;
    let high = this.words.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (this.words.at(mid) < text) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  /** The entries holding a word that starts with `prefix` (already folded): entries[from .. to). */
  private range(prefix: string): [from: number, to: number] {
    // Every word with this prefix sorts from the prefix itself up to the prefix with its last unit raised.
    const above = prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1);
    return [this.start[this.lowerBound(prefix)]!, this.start[this.lowerBound(above)]!];
  }

  /** 1 for each entry the search text finds, or null when the store must answer (see above). */
  matching(text: string): Uint8Array | null {
    const { words, digits } = searchWordsOf(text);
    if (!words.every((w) => ASCII_WORD.test(w))) return null;
    const { entries } = this;
    const matched = new Uint8Array(this.size);
    // Nothing to search for ("!!"): the store's query has no word either, and finds no one.
    if (words.length === 0) return matched;
    if (words.length === 1 && digits === null) {
      const [from, to] = this.range(words[0]!.toLowerCase());
      for (let p = from; p < to; p++) matched[entries[p]!] = 1;
      return matched;
    }
    // hits[e] counts the search words entry e has matched so far, in order: all of them is words.length.
    const hits = new Uint8Array(this.size);
    const all = words.length;
    for (let k = 0; k < all; k++) {
      const [from, to] = this.range(words[k]!.toLowerCase());
      for (let p = from; p < to; p++) if (hits[entries[p]!] === k) hits[entries[p]!] = k + 1;
    }
    if (digits !== null) {
      const [from, to] = this.range(digits);
      for (let p = from; p < to; p++) hits[entries[p]!] = all;
    }
    for (let e = 0; e < this.size; e++) if (hits[e] === all) matched[e] = 1;
    return matched;
  }
}

export interface WordSearch {
  /**
   * What the search text finds in this build, 1 per entry; null when the store must answer,
   * which it does while the build's words are being read (the first search of a build starts
   * that, a second or so at 100,000 entries, in steps that let other requests through).
   */
  matching(store: FriendsStore, build: IndexBuild, text: string): Promise<Uint8Array | null>;
  /**
   * Starts reading the build's words, if not yet; settles once they are read (or could not be).
   * `signal` stops a slow read (from every person's text) at its next pause; a later call starts again.
   */
  ready(store: FriendsStore, build: IndexBuild, signal?: AbortSignal): Promise<void>;
  /** Settles once a read of the build's words under way has (at once when none was started): nothing is then being saved. */
  settled(build: IndexBuild): Promise<void>;
}

/**
 * The build's words, every account read again for each build, not kept between builds: the words of
 * 100,000 people held twice (as read, and in the index) would cost more memory than the read costs time.
 * null when an account was written since the build was made (its words are not the build's).
 */
async function wordIndexOf(store: FriendsStore, build: IndexBuild, pause: () => Promise<void>): Promise<WordIndex | null> {
  const accounts: { first: number; people: IndexedPeople; byId: Map<string, string> | null }[] = [];
  for (let a = 0, first = 0; a < build.accountIds.length; a++) {
    // A page at a time, so that searches are answered between pages.
    const people: IndexedPeople = [];
    for (let after: number | undefined; ; ) {
      await pause();
      const read = await store.entries.indexedWords(build.accountIds[a]!, after);
      // Written since the build was made (or between two pages): these words are not the build's;
      // the store answers until the next build.
      if (!read || read.stamp !== build.stamps[a]) return null;
      for (const person of read.people) people.push(person);
      if (read.next === null) break;
      after = read.next;
    }
    accounts.push({ first, people, byId: null });
    first += build.entriesOf(build.accountIds[a]!);
  }
  // An account's entries and its words both come in the order of its people (their positions), so
  // entry e is its account's person e - first; looked up by id (a map made then) only where they differ.
  const wordsOf = (e: number) => {
    const account = accounts[build.accountOf[e]!]!;
    const personId = build.personId(e);
    const person = account.people[e - account.first];
    if (person?.personId === personId) return person.words;
    account.byId ??= new Map(account.people.map((p) => [p.personId, p.words]));
    return account.byId.get(personId) ?? '';
  };
  return WordIndex.build(build.size, wordsOf, pause);
}

/** `quiet` is the core's, the one its index notes the asks in: the words' save waits on it. */
export function createWordSearch(quiet: QuietWatch = createQuietWatch()): WordSearch {
  interface Held {
    index: WordIndex | null;
    /** Settles once the saved words were read (or found missing): a search waits for this read only. */
    saved: Promise<void>;
    done: Promise<void>;
  }
  const indexes = new WeakMap<IndexBuild, Held>();

  /** Makes the build's words; `made` hands them to the searches before they are saved for the next process. */
  async function indexOf(store: FriendsStore, build: IndexBuild, signal: AbortSignal | undefined, made: (index: WordIndex) => void): Promise<WordIndex | null> {
    const slice = slicedPause();
    const pause = async () => {
      await slice();
      signal?.throwIfAborted();
    };
    const index = await wordIndexOf(store, build, pause);
    if (!index) return null;
    made(index);
    await pause();
    // Its text and its write are a step each that cannot be cut: once the person has stopped asking (background-slices.ts).
    await quiet.untilQuiet(signal);
    signal?.throwIfAborted();
    // Kept with the saved build of the same stamps, if that is the one saved. The words as read are
    // garbage by now: at 100,000 people they would double what this text and its save hold.
    await store.entries.saveWords(build.stampsText, index.toText()).catch(() => false);
    return index;
  }

  function started(store: FriendsStore, build: IndexBuild, signal?: AbortSignal): Held {
    let held = indexes.get(build);
    if (!held) {
      const state: Held = { index: null, saved: Promise.resolve(), done: Promise.resolve() };
      const saved = store.entries
        .savedWords(build.stampsText)
        .then((text) => (text === null ? null : WordIndex.fromText(text, build.size)))
        .catch(() => null);
      state.saved = saved.then((index) => {
        state.index = index;
      });
      // A store that fails here fails the same way, in its own words, when it answers the search itself.
      state.done = saved
        .then(async (index) => {
          state.index = index ?? (await indexOf(store, build, signal, (made) => (state.index = made)));
        })
        .catch(() => {
          // Stopped (a sync began): the next call starts again.
          if (signal?.aborted && indexes.get(build) === state) indexes.delete(build);
        });
      indexes.set(build, state);
      held = state;
    }
    return held;
  }

  return {
    async matching(store, build, text) {
      const held = started(store, build);
      if (!held.index) await held.saved;
      return held.index?.matching(text) ?? null;
    },
    ready: (store, build, signal) => started(store, build, signal).done,
    settled: async (build) => {
      await indexes.get(build)?.done;
    },
  };
}
