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
// together is dropped and the index built from the people as before.
import { z } from 'zod';
import type { FriendSort } from '../../../src-contract/kith-api';
import { PackedKeys, PackedStrings } from './packed-keys';

const SORTS: readonly FriendSort[] = ['first_name', 'last_name', 'recently_changed'];
// Not checked character by character (megabytes of it): a text that is not base64 decodes to arrays that fail the checks below.
const Base64 = z.string();

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
}

const bytesOf = (array: Int32Array | Float64Array) => Buffer.from(array.buffer, array.byteOffset, array.byteLength).toString('base64');

function decoded<T extends Int32Array | Float64Array>(text: string, make: (buffer: ArrayBuffer) => T, width: number): T | null {
  const bytes = Buffer.from(text, 'base64');
  if (bytes.length % width !== 0) return null;
  // Copied into a buffer of its own: Buffer.from may hand out an unaligned slice of its pool.
  return make(new Uint8Array(bytes).buffer);
}
const int32s = (text: string) => decoded(text, (b) => new Int32Array(b), 4);
const float64s = (text: string) => decoded(text, (b) => new Float64Array(b), 8);

const StringsSchema = z.tuple([z.string(), Base64]);
const KeysSchema = z.tuple([z.string(), Base64, Base64]);
const FactsSchema = z.object({ personIds: StringsSchema, firstKeys: StringsSchema, lastKeys: StringsSchema, updated: Base64 }).strict();
const MergeSchema = z.object({ mergeKeys: KeysSchema, names: KeysSchema }).strict();
const BuildSchema = z.object({ size: z.number().int().nonnegative(), group: Base64, orders: z.partialRecord(z.enum(['first_name', 'last_name', 'recently_changed']), Base64) }).strict();

function parsed<T>(schema: z.ZodType<T>, text: string): T | null {
  try {
    const checked = schema.safeParse(JSON.parse(text));
    return checked.success ? checked.data : null;
  } catch {
    return null;
  }
}

function stringsOf([text, ends]: [string, string]): PackedStrings | null {
  const at = int32s(ends);
  return at ? PackedStrings.fromParts(text, at) : null;
}

function keysOf([text, keyEnds, entryEnds]: [string, string, string]): PackedKeys | null {
  const keys = int32s(keyEnds);
  const entries = int32s(entryEnds);
  return keys && entries ? PackedKeys.fromParts(text, keys, entries) : null;
}

export function factsText(f: SavedFacts): string {
  const strings = (s: PackedStrings) => {
    const [text, ends] = s.toParts();
    return [text, bytesOf(ends)];
  };
  return JSON.stringify({ personIds: strings(f.personIds), firstKeys: strings(f.firstKeys), lastKeys: strings(f.lastKeys), updated: bytesOf(f.updated) });
}

export function readFactsText(text: string): SavedFacts | null {
  const raw = parsed(FactsSchema, text);
  if (!raw) return null;
  const personIds = stringsOf(raw.personIds);
  const firstKeys = stringsOf(raw.firstKeys);
  const lastKeys = stringsOf(raw.lastKeys);
  const updated = float64s(raw.updated);
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
  return JSON.stringify({ mergeKeys: keys(m.mergeKeys), names: keys(m.names) });
}

/** The merge keys of an account of `size` entries, or null. */
export function readMergeText(text: string, size: number): SavedMerge | null {
  const raw = parsed(MergeSchema, text);
  if (!raw) return null;
  const mergeKeys = keysOf(raw.mergeKeys);
  const names = keysOf(raw.names);
  return mergeKeys && names && mergeKeys.length === size && names.length === size ? { mergeKeys, names } : null;
}

export function buildText(b: SavedBuild): string {
  // Most people have one entry (group[e] = e): only the others are written, as (entry, group) pairs.
  const joined: number[] = [];
  for (let e = 0; e < b.group.length; e++) if (b.group[e] !== e) joined.push(e, b.group[e]!);
  return JSON.stringify({ size: b.group.length, group: bytesOf(Int32Array.from(joined)), orders: Object.fromEntries([...b.orders].map(([sort, order]) => [sort, bytesOf(order)])) });
}

/** The groups and orders of a build of `size` entries, or null when they are not whole and in range. */
export function readBuildText(text: string, size: number): SavedBuild | null {
  const raw = parsed(BuildSchema, text);
  if (raw?.size !== size) return null;
  const pairs = int32s(raw.group);
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
  for (const sort of SORTS) {
    const text = raw.orders[sort];
    if (text === undefined) continue;
    const order = int32s(text);
    if (order?.length !== size || !isPermutation(order)) return null;
    orders.set(sort, order);
  }
  return { group, orders };
}

function isPermutation(order: Int32Array): boolean {
  const seen = new Uint8Array(order.length);
  for (const e of order) {
    if (e < 0 || e >= order.length || seen[e] === 1) return false;
    seen[e] = 1;
  }
  return true;
}
