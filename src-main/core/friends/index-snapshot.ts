// The people index (friends-index.ts) as text the store keeps
// (FriendEntriesReader.savedIndex), so that a new process reads the index a
// sync left behind instead of building it: at 100,000 entries reading every
// person, merging and sorting takes most of a second, reading this a few ms.
//
// Per account: its entries' ids, sort keys and dates (facts), and apart from
// them its merge keys (emails, phones, names), which only a rebuild after
// another account changed reads. For the build: each entry's person and
// the three orders. Numbers as base64 of their bytes (the store keeps no
// BLOBs, sqlite-connection.ts), each in as few bytes as the largest of its
// part needs. The store is Kith's own encrypted database, yet every part is
// checked before use: one that does not fit together is dropped and the
// index built from the people as before (an order read lazily that does not
// fit is sorted again instead).
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
// older format: /2 kept string ends and orders as 4 bytes each, dates as 8) is never misread: it is
// not used, and the index is built from the people as before, then saved in this format.
const HEADER_MAX = 4096;
const FACTS_TAG = 'facts/3';
const MERGE_TAG = 'merge/2';
const BUILD_TAG = 'build/3';

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

const base64Of = (array: Int32Array | Float64Array | Uint8Array) => Buffer.from(array.buffer, array.byteOffset, array.byteLength).toString('base64');

// Not checked character by character (megabytes of it): a text that is not base64 decodes to arrays that fail the checks below.
function decoded<T extends Int32Array | Float64Array>(text: string, make: (buffer: ArrayBuffer) => T, width: number): T | null {
  const bytes = Buffer.from(text, 'base64');
  if (bytes.length % width !== 0) return null;
  // Copied into a buffer of its own: Buffer.from may hand out an unaligned slice of its pool.
  return make(new Uint8Array(bytes).buffer);
}
const int32s = (text: string) => decoded(text, (b) => new Int32Array(b), 4);
const float64s = (text: string) => decoded(text, (b) => new Float64Array(b), 8);

// Whole numbers as few bytes each as the largest needs (1 to 6, little-endian), in base64: at 100,000
// entries the lengths of the ids and keys take 1 byte instead of an end's 4, an order 3, a date 5
// (milliseconds since the earliest one) instead of 8. Every byte saved is one a cold open does not
// read, decrypt and make a string of (some 3 ms per MB).
const MAX_WIDTH = 6;

function widthOf(largest: number): number {
  let width = 1;
  while (width < MAX_WIDTH && largest >= 2 ** (8 * width)) width++;
  return width;
}

/** `values` (whole, 0 to 2^48 - 1) in `width` bytes each. */
function uintsText(values: ArrayLike<number>, width: number): string {
  const bytes = new Uint8Array(values.length * width);
  for (let i = 0, at = 0; i < values.length; i++) {
    let v = values[i]!;
    for (let b = 0; b < width; b++, at++) {
      bytes[at] = v % 256;
      v = Math.floor(v / 256);
    }
  }
  return base64Of(bytes);
}

/** The bytes of a uintsText(…, width), or null when they are not whole numbers of that width. */
function uintBytes(text: string, width: number): Buffer | null {
  const bytes = Buffer.from(text, 'base64');
  return width >= 1 && width <= MAX_WIDTH && bytes.length % width === 0 ? bytes : null;
}

/**
 * The numbers of uintsText(…, width) as an Int32Array (entries, lengths: below 2^31); null when they
 * are not whole numbers of that width. One loop per width, plain indexed reads: this runs on every
 * cold open, over every entry.
 */
function int32sOf(text: string, width: number): Int32Array | null {
  const bytes = uintBytes(text, width);
  if (!bytes || width > 4) return null;
  const n = bytes.length / width;
  const into = new Int32Array(n);
  if (width === 1) for (let i = 0; i < n; i++) into[i] = bytes[i]!;
  else if (width === 2) for (let i = 0, at = 0; i < n; i++, at += 2) into[i] = bytes[at]! | (bytes[at + 1]! << 8);
  else if (width === 3) for (let i = 0, at = 0; i < n; i++, at += 3) into[i] = bytes[at]! | (bytes[at + 1]! << 8) | (bytes[at + 2]! << 16);
  // 2^31 and over wrap to negative numbers, which every reader refuses.
  else for (let i = 0, at = 0; i < n; i++, at += 4) into[i] = bytes[at]! | (bytes[at + 1]! << 8) | (bytes[at + 2]! << 16) | (bytes[at + 3]! << 24);
  return into;
}

/** A list of strings as its text, the lengths of its strings, and the width they were written in. */
function stringsParts(s: PackedStrings): [text: string, lengths: string, width: number] {
  const [text, ends] = s.toParts();
  const lengths = new Int32Array(ends.length);
  let largest = 0;
  for (let i = 0; i < ends.length; i++) {
    lengths[i] = ends[i]! - (i === 0 ? 0 : ends[i - 1]!);
    if (lengths[i]! > largest) largest = lengths[i]!;
  }
  const width = widthOf(largest);
  return [text, uintsText(lengths, width), width];
}

/** The list of `size` strings, or null when its parts do not fit together. */
function stringsOf(text: string, lengths: string, width: number, size: number): PackedStrings | null {
  const ends = int32sOf(lengths, width);
  if (ends?.length !== size) return null;
  for (let i = 1; i < size; i++) ends[i] = ends[i]! + ends[i - 1]!;
  return PackedStrings.fromParts(text, ends);
}

function keysOf(text: string, keyEnds: string, entryEnds: string): PackedKeys | null {
  const keys = int32s(keyEnds);
  const entries = int32s(entryEnds);
  return keys && entries ? PackedKeys.fromParts(text, keys, entries) : null;
}

/**
 * The dates (ms since 1970, -1 for none: friends-index.ts's readFacts) as whole milliseconds since the
 * earliest, plus one (0 for none), in as few bytes as the latest needs; width 0 when a date is not
 * such (then as 8-byte doubles, exactly as held).
 */
function datesParts(updated: Float64Array): [text: string, width: number, since: number] {
  let since = Infinity;
  let latest = -Infinity;
  let whole = true;
  for (const t of updated) {
    if (t === -1) continue;
    if (!Number.isSafeInteger(t) || t < 0) whole = false;
    since = Math.min(since, t);
    latest = Math.max(latest, t);
  }
  if (since === Infinity) since = 0;
  const span = latest === -Infinity ? 0 : latest - since + 1;
  if (!whole || span >= 2 ** (8 * MAX_WIDTH)) return [base64Of(updated), 0, 0];
  const width = widthOf(span);
  return [uintsText(Array.from(updated, (t) => (t === -1 ? 0 : t - since + 1)), width), width, since];
}

function datesOf(text: string, width: number, since: number, size: number): Float64Array | null {
  if (width === 0) {
    const dates = float64s(text);
    return dates?.length === size ? dates : null;
  }
  const bytes = uintBytes(text, width);
  if (bytes?.length !== size * width) return null;
  const dates = new Float64Array(size);
  // Unrolled (the width is the same for every date): a loop over the bytes of each made this the slowest part of a cold open.
  for (let i = 0, at = 0; i < size; i++, at += width) {
    let t = bytes[at]!;
    if (width > 1) t += bytes[at + 1]! * 0x100;
    if (width > 2) t += bytes[at + 2]! * 0x1_0000;
    if (width > 3) t += bytes[at + 3]! * 0x100_0000;
    if (width > 4) t += bytes[at + 4]! * 0x1_0000_0000;
    if (width > 5) t += bytes[at + 5]! * 0x100_0000_0000;
    dates[i] = t === 0 ? -1 : t - 1 + since;
  }
  return dates;
}

const Width = z.number().int().min(0).max(MAX_WIDTH);
const FactsHeadSchema = z.object({ size: z.number().int().nonnegative(), widths: z.tuple([Width, Width, Width, Width]), since: z.number().int().nonnegative() }).loose();

export function factsText(f: SavedFacts): string {
  const [ids, idLengths, idWidth] = stringsParts(f.personIds);
  const [first, firstLengths, firstWidth] = stringsParts(f.firstKeys);
  const [last, lastLengths, lastWidth] = stringsParts(f.lastKeys);
  const [dates, datesWidth, since] = datesParts(f.updated);
  return framed(FACTS_TAG, { size: f.personIds.length, widths: [idWidth, firstWidth, lastWidth, datesWidth], since }, [ids, idLengths, first, firstLengths, last, lastLengths, dates]);
}

export function readFactsText(text: string): SavedFacts | null {
  const raw = unframed(text, FACTS_TAG);
  const head = raw && FactsHeadSchema.safeParse(raw.head);
  if (raw?.parts.length !== 7 || !head?.success) return null;
  const { size, widths, since } = head.data;
  const [ids, idLengths, first, firstLengths, last, lastLengths, times] = raw.parts as [string, string, string, string, string, string, string];
  const personIds = stringsOf(ids, idLengths, widths[0], size);
  const firstKeys = personIds && stringsOf(first, firstLengths, widths[1], size);
  const lastKeys = firstKeys && stringsOf(last, lastLengths, widths[2], size);
  const updated = lastKeys && datesOf(times, widths[3], since, size);
  return personIds && firstKeys && lastKeys && updated ? { personIds, firstKeys, lastKeys, updated } : null;
}

export function mergeText(m: SavedMerge): string {
  const keys = (k: PackedKeys) => {
    const [text, keyEnds, entryEnds] = k.toParts();
    return [text, base64Of(keyEnds), base64Of(entryEnds)];
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
  // Every number is an entry (below the size, in a build that fits together): one width for all.
  let largest = b.group.length - 1;
  for (const numbers of [joined, ...sorts.map((sort) => b.orders.get(sort)!)]) for (const v of numbers) if (v > largest) largest = v;
  const width = widthOf(Math.max(0, largest));
  return framed(BUILD_TAG, { size: b.group.length, sorts, width }, [uintsText(joined, width), ...sorts.map((sort) => uintsText(b.orders.get(sort)!, width))]);
}

const BuildHeadSchema = z.object({ size: z.number().int().nonnegative(), sorts: z.array(z.enum(['first_name', 'last_name', 'recently_changed'])).max(3), width: Width }).loose();

/** The saved order, or null when it is not a permutation of `size` entries. */
function orderOf(text: string, width: number, size: number): Int32Array | null {
  const order = int32sOf(text, width);
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
  const { sorts, width } = head.data;
  if (new Set(sorts).size !== sorts.length || raw.parts.length !== 1 + sorts.length) return null;
  const pairs = int32sOf(raw.parts[0]!, width);
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
      const order = orderOf(part, width, size);
      if (!order) return null;
      orders.set(sort, order);
    } else {
      later.set(sort, () => orderOf(part, width, size));
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
