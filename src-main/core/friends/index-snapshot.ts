// The people index (friends-index.ts) as text the store keeps
// (FriendEntriesReader.savedIndex), so that a new process reads the index a
// sync left behind instead of building it: at 100,000 entries reading every
// person, merging and sorting takes most of a second, reading this a few ms.
//
// Per account: its entries' ids, sort keys and dates (facts), and apart from
// them its merge keys (emails, phones, names), which only a rebuild after
// another account changed reads. For the build: each entry's person and
// the three orders. Typed arrays as base64 of their bytes (the store keeps
// no BLOBs, sqlite-connection.ts). The store is Kith's own encrypted
// database, yet every part is checked before use: one that does not fit
// together is dropped and the index built from the people as before (an
// order read lazily that does not fit is sorted again instead).
import { z } from 'zod';
import type { FriendSort } from '../../../src-contract/kith-api';
import { PackedKeys, PackedStrings } from './packed-keys';

const SORTS: readonly FriendSort[] = ['first_name', 'last_name', 'recently_changed'];

export interface SavedFacts {
  personIds: PackedStrings;
  firstKeys: PackedStrings;
  lastKeys: PackedStrings;
  updated: Float64Array;
}

export interface SavedMerge {
  mergeKeys: PackedKeys;
  names: PackedKeys;
}

export interface SavedBuild {
  /** Per entry: its person (the smallest entry index of the group). */
  group: Int32Array;
  orders: Map<FriendSort, Int32Array>;
  /**
   * Orders read with the build but decoded and checked only when first used (a first page needs one):
   * null when the saved one is not a whole permutation, and the build then sorts for itself.
   */
  later?: Map<FriendSort, () => Int32Array | null>;
}

// Each text is a header line (JSON: a tag naming the format, the lengths of the parts that follow, in
// UTF-16 code units) and the parts joined after it, each taken back with one slice: JSON.parse over
// the megabytes of ids and keys cost more than all the rest of a cold open. A text of another tag (an
// older format) is never misread: it is not used, and the index is built as before.
const HEADER_MAX = 4096;
const FACTS_TAG = 'facts/2';
const MERGE_TAG = 'merge/2';
const BUILD_TAG = 'build/2';

function framed(tag: string, head: Record<string, unknown>, parts: readonly string[]): string {
  return `${JSON.stringify({ ...head, tag, lengths: parts.map((p) => p.length) })}\n${parts.join('')}`;
}

const HeadSchema = z.object({ tag: z.string(), lengths: z.array(z.number().int().nonnegative()).max(16) }).loose();

/** The header and the parts of a text made by framed() with `tag`, or null. */
function unframed(text: string, tag: string): { head: Record<string, unknown>; parts: string[] } | null {
  // The header is JSON, which writes no newline of its own: the first one ends it.
  const newline = text.indexOf('\n');
  if (newline < 0 || newline > HEADER_MAX) return null;
  let head;
  try {
    head = HeadSchema.safeParse(JSON.parse(text.slice(0, newline)));
  } catch {
    return null;
  }
  if (!head.success || head.data.tag !== tag) return null;
  const parts: string[] = [];
  let at = newline + 1;
  for (const length of head.data.lengths) {
    parts.push(text.slice(at, at + length));
    at += length;
  }
  return at === text.length ? { head: head.data, parts } : null;
}

const bytesOf = (array: Int32Array | Float64Array) => Buffer.from(array.buffer, array.byteOffset, array.byteLength).toString('base64');

// Not checked character by character (megabytes of it): a text that is not base64 decodes to arrays that fail the checks below.
function decoded<T extends Int32Array | Float64Array>(text: string, make: (buffer: ArrayBuffer) => T, width: number): T | null {
  const bytes = Buffer.from(text, 'base64');
  if (bytes.length % width !== 0) return null;
  // Copied into a buffer of its own: Buffer.from may hand out an unaligned slice of its pool.
  return make(new Uint8Array(bytes).buffer);
}
const int32s = (text: string) => decoded(text, (b) => new Int32Array(b), 4);
const float64s = (text: string) => decoded(text, (b) => new Float64Array(b), 8);

const stringsParts = (s: PackedStrings) => {
  const [text, ends] = s.toParts();
  return [text, bytesOf(ends)];
};

function stringsOf(text: string, ends: string): PackedStrings | null {
  const at = int32s(ends);
  return at ? PackedStrings.fromParts(text, at) : null;
}

function keysOf(text: string, keyEnds: string, entryEnds: string): PackedKeys | null {
  const keys = int32s(keyEnds);
  const entries = int32s(entryEnds);
  return keys && entries ? PackedKeys.fromParts(text, keys, entries) : null;
}

export function factsText(f: SavedFacts): string {
  return framed(FACTS_TAG, {}, [...stringsParts(f.personIds), ...stringsParts(f.firstKeys), ...stringsParts(f.lastKeys), bytesOf(f.updated)]);
}

export function readFactsText(text: string): SavedFacts | null {
  const raw = unframed(text, FACTS_TAG);
  if (raw?.parts.length !== 7) return null;
  const [ids, idEnds, first, firstEnds, last, lastEnds, times] = raw.parts as [string, string, string, string, string, string, string];
  const personIds = stringsOf(ids, idEnds);
  const firstKeys = stringsOf(first, firstEnds);
  const lastKeys = stringsOf(last, lastEnds);
  const updated = float64s(times);
  if (!personIds || !firstKeys || !lastKeys || !updated) return null;
  const n = personIds.length;
  if (firstKeys.length !== n || lastKeys.length !== n || updated.length !== n) return null;
  return { personIds, firstKeys, lastKeys, updated };
}

export function mergeText(m: SavedMerge): string {
  const keys = (k: PackedKeys) => {
    const [text, keyEnds, entryEnds] = k.toParts();
    return [text, bytesOf(keyEnds), bytesOf(entryEnds)];
  };
  return framed(MERGE_TAG, {}, [...keys(m.mergeKeys), ...keys(m.names)]);
}

/** The merge keys of an account of `size` entries, or null. */
export function readMergeText(text: string, size: number): SavedMerge | null {
  const raw = unframed(text, MERGE_TAG);
  if (raw?.parts.length !== 6) return null;
  const [k, kEnds, kEntries, n, nEnds, nEntries] = raw.parts as [string, string, string, string, string, string];
  const mergeKeys = keysOf(k, kEnds, kEntries);
  const names = keysOf(n, nEnds, nEntries);
  return mergeKeys && names && mergeKeys.length === size && names.length === size ? { mergeKeys, names } : null;
}

export function buildText(b: SavedBuild): string {
  // Most people have one entry (group[e] = e): only the others are written, as (entry, group) pairs.
  const joined: number[] = [];
  for (let e = 0; e < b.group.length; e++) if (b.group[e] !== e) joined.push(e, b.group[e]!);
  const sorts = SORTS.filter((sort) => b.orders.has(sort));
  return framed(BUILD_TAG, { size: b.group.length, sorts }, [bytesOf(Int32Array.from(joined)), ...sorts.map((sort) => bytesOf(b.orders.get(sort)!))]);
}

const BuildHeadSchema = z.object({ size: z.number().int().nonnegative(), sorts: z.array(z.enum(['first_name', 'last_name', 'recently_changed'])).max(3) }).loose();

/** The saved order, or null when it is not a permutation of `size` entries. */
function orderOf(text: string, size: number): Int32Array | null {
  const order = int32s(text);
  return order?.length === size && isPermutation(order) ? order : null;
}

/**
 * The groups and orders of a build of `size` entries, or null when they are not whole and in range.
 * The first-name order (every build needs it: its people's members are in that order) is checked
 * here; the others when first used (SavedBuild.later).
 */
export function readBuildText(text: string, size: number): SavedBuild | null {
  const raw = unframed(text, BUILD_TAG);
  const head = raw && BuildHeadSchema.safeParse(raw.head);
  if (!raw || !head?.success || head.data.size !== size) return null;
  const sorts = head.data.sorts;
  if (new Set(sorts).size !== sorts.length || raw.parts.length !== 1 + sorts.length) return null;
  const pairs = int32s(raw.parts[0]!);
  if (!pairs || pairs.length % 2 !== 0) return null;
  const group = new Int32Array(size);
  for (let e = 0; e < size; e++) group[e] = e;
  for (let k = 0; k < pairs.length; k += 2) {
    const e = pairs[k]!;
    if (e < 0 || e >= size) return null;
    group[e] = pairs[k + 1]!;
  }
  // A person is named by its smallest entry, which names itself.
  for (let e = 0; e < size; e++) if (group[e]! > e || group[e]! < 0 || group[group[e]!] !== group[e]) return null;
  const orders = new Map<FriendSort, Int32Array>();
  const later = new Map<FriendSort, () => Int32Array | null>();
  for (const [k, sort] of sorts.entries()) {
    const part = raw.parts[k + 1]!;
    if (sort === 'first_name') {
      const order = orderOf(part, size);
      if (!order) return null;
      orders.set(sort, order);
    } else {
      later.set(sort, () => orderOf(part, size));
    }
  }
  return { group, orders, later };
}

function isPermutation(order: Int32Array): boolean {
  const seen = new Uint8Array(order.length);
  for (const e of order) {
    if (e < 0 || e >= order.length || seen[e] === 1) return false;
    seen[e] = 1;
  }
  return true;
}
