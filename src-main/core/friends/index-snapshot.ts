// The people index (friends-index.ts) as text the store keeps
// (FriendEntriesReader.savedIndex), so that a new process reads the index a
// sync left behind instead of building it: at 100,000 entries reading every
// person, merging and sorting takes most of a second, reading this a few ms.
//
// Per account: its entries' ids, sort keys and dates (facts), and apart from
// them its merge keys (emails, phones, names), which only a rebuild after
// another account changed reads. For the build: each entry's person and
// the three orders. Numbers as base64 of their bytes (the store keeps no
// BLOBs, sqlite-connection.ts); string lengths and entry numbers in as few
// bytes (1, 2 or 4) as the largest of their part needs. The store is Kith's own encrypted database, yet every part is
// checked before use: one that does not fit together is dropped and the
// index built from the people as before (an order read lazily that does not
// fit is sorted again instead).
//
// Facts and build are each saved in two halves: the lead, what a first page
// in first-name order reads (ids, first-name keys, groups, the first-name
// order), and the rest (last-name keys, dates, the other two orders), read
// after the first page is answered or when first needed. Reading the text
// out of SQLite costs some 3 ms per MB in a new process, and the rest is
// half of the 7 MB saved at 100,000 entries.
import { z } from 'zod';
import type { FriendSort } from '../../../src-contract/kith-api';
import { base64Of, float64sOf, int32sOf, uintsText, widthOf, type Width } from './base64-numbers';
import { PackedKeys, PackedStrings } from './packed-keys';

const SORTS: readonly FriendSort[] = ['first_name', 'last_name', 'recently_changed'];

/** What a first page reads of an account's facts. */
export interface SavedLeadFacts {
  personIds: PackedStrings;
  firstKeys: PackedStrings;
}

/** The rest of them: what other orders read. */
export interface SavedLaterFacts {
  lastKeys: PackedStrings;
  updated: Float64Array;
}

export type SavedFacts = SavedLeadFacts & SavedLaterFacts;

/** A saved text in its two halves (the store keeps them apart, and reads the later one on its own). */
export interface SavedHalves {
  lead: string;
  later: string;
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
// older format: /2 kept every string's end in 4 bytes, /3 was one text with no later half) is never
// misread: it is not used, and the index is built from the people as before, then saved in this format.
const HEADER_MAX = 4096;
const FACTS_TAG = 'facts/4';
const LATER_FACTS_TAG = 'facts-later/4';
const MERGE_TAG = 'merge/2';
const BUILD_TAG = 'build/4';
const LATER_BUILD_TAG = 'build-later/4';

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

/** A list of strings as its text, the lengths of its strings, and the width they were written in. */
function stringsParts(s: PackedStrings): [text: string, lengths: string, width: Width] {
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
  const keys = int32sOf(keyEnds, 4);
  const entries = int32sOf(entryEnds, 4);
  return keys && entries ? PackedKeys.fromParts(text, keys, entries) : null;
}

const WidthSchema = z.union([z.literal(1), z.literal(2), z.literal(4)]);
const FactsHeadSchema = z.object({ size: z.number().int().nonnegative(), widths: z.tuple([WidthSchema, WidthSchema]) }).loose();
const LaterFactsHeadSchema = z.object({ size: z.number().int().nonnegative(), width: WidthSchema }).loose();

export function factsTexts(f: SavedFacts): SavedHalves {
  const size = f.personIds.length;
  const [ids, idLengths, idWidth] = stringsParts(f.personIds);
  const [first, firstLengths, firstWidth] = stringsParts(f.firstKeys);
  const [last, lastLengths, lastWidth] = stringsParts(f.lastKeys);
  return {
    lead: framed(FACTS_TAG, { size, widths: [idWidth, firstWidth] }, [ids, idLengths, first, firstLengths]),
    later: framed(LATER_FACTS_TAG, { size, width: lastWidth }, [last, lastLengths, base64Of(f.updated)]),
  };
}

export function readFactsLead(text: string): SavedLeadFacts | null {
  const raw = unframed(text, FACTS_TAG);
  const head = raw && FactsHeadSchema.safeParse(raw.head);
  if (raw?.parts.length !== 4 || !head?.success) return null;
  const { size, widths } = head.data;
  const [ids, idLengths, first, firstLengths] = raw.parts as [string, string, string, string];
  const personIds = stringsOf(ids, idLengths, widths[0], size);
  const firstKeys = stringsOf(first, firstLengths, widths[1], size);
  return personIds && firstKeys ? { personIds, firstKeys } : null;
}

/** The later half of the facts of an account of `size` entries, or null. */
export function readFactsLater(text: string, size: number): SavedLaterFacts | null {
  const raw = unframed(text, LATER_FACTS_TAG);
  const head = raw && LaterFactsHeadSchema.safeParse(raw.head);
  if (raw?.parts.length !== 3 || !head?.success || head.data.size !== size) return null;
  const [last, lastLengths, times] = raw.parts as [string, string, string];
  const lastKeys = stringsOf(last, lastLengths, head.data.width, size);
  const updated = float64sOf(times);
  return lastKeys && updated?.length === size ? { lastKeys, updated } : null;
}

/** Both halves, as saved together (what a test reads back whole). */
export function readFactsTexts(t: SavedHalves): SavedFacts | null {
  const lead = readFactsLead(t.lead);
  const later = lead && readFactsLater(t.later, lead.personIds.length);
  return lead && later && { ...lead, ...later };
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

export function buildTexts(b: SavedBuild): SavedHalves {
  // Most people have one entry (group[e] = e): only the others are written, as (entry, group) pairs.
  const joined: number[] = [];
  for (let e = 0; e < b.group.length; e++) if (b.group[e] !== e) joined.push(e, b.group[e]!);
  const sorts = SORTS.filter((sort) => b.orders.has(sort));
  // Every number is an entry (below the size, in a build that fits together): one width for all,
  // and 4 bytes, exact, for any that is not one, so that the reader refuses it rather than a wrapped copy.
  let largest = b.group.length - 1;
  for (const numbers of [joined, ...sorts.map((sort) => b.orders.get(sort)!)]) for (const v of numbers) if (v > largest || v < 0) largest = v < 0 ? Infinity : v;
  const width = widthOf(Math.max(0, largest));
  const size = b.group.length;
  const lead = sorts.filter((sort) => sort === 'first_name');
  const later = sorts.filter((sort) => sort !== 'first_name');
  const parts = (of: FriendSort[]) => of.map((sort) => uintsText(b.orders.get(sort)!, width));
  return {
    lead: framed(BUILD_TAG, { size, sorts: lead, width }, [uintsText(joined, width), ...parts(lead)]),
    later: framed(LATER_BUILD_TAG, { size, sorts: later, width }, parts(later)),
  };
}

const BuildHeadSchema = z.object({ size: z.number().int().nonnegative(), sorts: z.array(z.enum(['first_name', 'last_name', 'recently_changed'])).max(3), width: WidthSchema }).loose();

/** The saved order, or null when it is not a permutation of `size` entries. */
function orderOf(text: string, width: number, size: number): Int32Array | null {
  const order = int32sOf(text, width);
  return order?.length === size && isPermutation(order) ? order : null;
}

/** The header and parts of a build half of `size` entries, its sorts named once each; or null. */
function buildHalfOf(text: string, tag: string, size: number, extra: number) {
  const raw = unframed(text, tag);
  const head = raw && BuildHeadSchema.safeParse(raw.head);
  if (!raw || !head?.success || head.data.size !== size) return null;
  const { sorts, width } = head.data;
  if (new Set(sorts).size !== sorts.length || raw.parts.length !== extra + sorts.length) return null;
  return { sorts, width, parts: raw.parts };
}

/**
 * The groups and first-name order (the lead half) of a build of `size` entries, or null when they
 * are not whole and in range: every build needs that order (its people's members are in it).
 */
export function readBuildLead(text: string, size: number): SavedBuild | null {
  const half = buildHalfOf(text, BUILD_TAG, size, 1);
  if (!half || half.sorts.some((sort) => sort !== 'first_name')) return null;
  const { sorts, width, parts } = half;
  const pairs = int32sOf(parts[0]!, width);
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
  if (sorts.length === 1) {
    const order = orderOf(parts[1]!, width, size);
    if (!order) return null;
    orders.set('first_name', order);
  }
  return { group, orders };
}

/**
 * The other orders (the later half) of a build of `size` entries, each decoded and checked when
 * first used: null when the saved one is not a whole permutation (the build then sorts for itself).
 * Null for a half that is not one.
 */
export function readBuildLater(text: string, size: number): Map<FriendSort, () => Int32Array | null> | null {
  const half = buildHalfOf(text, LATER_BUILD_TAG, size, 0);
  if (!half || half.sorts.includes('first_name')) return null;
  const { sorts, width, parts } = half;
  return new Map(sorts.map((sort, k) => [sort, () => orderOf(parts[k]!, width, size)]));
}

/** Both halves, as saved together (what a test reads back whole). */
export function readBuildTexts(t: SavedHalves, size: number): SavedBuild | null {
  const lead = readBuildLead(t.lead, size);
  const later = lead && readBuildLater(t.later, size);
  return lead && later && { ...lead, later };
}

function isPermutation(order: Int32Array): boolean {
  const seen = new Uint8Array(order.length);
  // An indexed loop: for…of over a typed array costs a process that just started some 2-3 times more.
  for (let k = 0; k < order.length; k++) {
    const e = order[k]!;
    if (e < 0 || e >= order.length || seen[e] === 1) return false;
    seen[e] = 1;
  }
  return true;
}
