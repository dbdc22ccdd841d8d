// The people index: every entry the store holds, grouped into people
// (merge-people.ts) and ordered three ways (friend-order.ts), so that a page
// of the Friends list — merged or not, sorted any way, filtered by account
// or provider, searched — is a walk over a few typed arrays and a slice.
//
// Merging is computed here, at read time, rather than stored at sync time:
// one person's entries come from several accounts synced at different
// times, a change in one account can join or split people of the others,
// and the union-find over 100,000 entries takes tens of milliseconds. The
// index is rebuilt when the store's stamps say an account changed, reading
// again only that account's people; each selection (filter, search, sort,
// view) is kept until the next rebuild, so paging through it costs only the
// page's own rows. A build made here is saved in the store (warm, after a
// sync; index-snapshot.ts), and a new process starts from the saved one: a
// read of a few MB instead of every person, a merge and three sorts.
//
// Pages resume from a cursor naming the last item's place in the order, not
// its offset: people added or removed between two pages never make a page
// repeat or skip what was already shown.
import { z } from 'zod';
import { KithError, type FriendSort, type FriendView, type ProviderId } from '../../../src-contract/kith-api';
import type { EntryRef, FriendsStore, PeopleIndexToSave, StoredAccountStamp, StoredPerson } from '../ports';
import { createQuietWatch, slicedPause, type QuietWatch } from './background-slices';
import { compareTuples, firstNameKey, lastNameKey, letterOf, orderTuple, type OrderFacts, type OrderTuple } from './friend-order';
import { buildTexts, factsTexts, mergeText, readBuildLater, readBuildLead, readFactsLater, readFactsLead, readMergeText, type SavedBuild, type SavedLaterFacts, type SavedLeadFacts, type SavedMerge } from './index-snapshot';
import { mergeKeysOf, mergePeopleOf } from './merge-people';
import { PackedKeysBuilder, PackedStrings, PackedStringsBuilder } from './packed-keys';
import { nameKey } from './person-keys';
import { sortInSteps } from './sort-in-steps';

const SORTS: readonly FriendSort[] = ['first_name', 'last_name', 'recently_changed'];

/** What the index keeps of one account's people between builds: only what ordering and merging read. */
interface AccountFacts extends SavedLeadFacts {
  stamp: string;
  /** Null until read, for facts read from the saved lead (SavedHalf): read after the first page, or when first needed. */
  later: SavedLaterFacts | null;
  order: number;
  provider: ProviderId;
  /**
   * The keys merging reads (emails, phones, names); null once saved with the index (the store holds
   * them, savedMergeKeys), read again only when another account's change makes a merge run.
   */
  merge: SavedMerge | null;
}

export interface Selection {
  /** Per item, the entry that places it in the order (for a person: its first entry in the filter, or its latest). */
  readonly order: Int32Array;
  readonly people: number;
  readonly entries: number;
}

export interface IndexQuery {
  accountId?: string | undefined;
  provider?: ProviderId | undefined;
  search?: string | undefined;
  sort: FriendSort;
  view: FriendView;
}

/** The accounts and stamps a build is made from, as its saved copy names them. */
const stampsTextOf = (stamps: readonly { accountId: string; stamp: string }[]) => stamps.map((s) => `${s.accountId} ${s.stamp}`).join('\n');

/** The strings a sort compares (IndexBuild.sortKeys): last names for the last-name order only. */
interface SortKeys {
  firstKeys: string[];
  personIds: string[];
  lastKeys: string[] | null;
}

/** PackedStrings.all(), a pause every few thousand strings. */
async function unpackInSteps(packed: PackedStrings, pause: () => Promise<void>): Promise<string[]> {
  const all = new Array<string>(packed.length);
  for (let i = 0; i < packed.length; i++) {
    if (i % 1024 === 1023) await pause();
    all[i] = packed.at(i);
  }
  return all;
}

/** One build of the index: immutable, replaced whole when the store changes. */
export class IndexBuild {
  readonly size: number;
  readonly accountIds: string[] = [];
  readonly providers: ProviderId[] = [];
  readonly accountOrder: number[] = [];
  /** Per account: the store's stamp its entries were read at. */
  readonly stamps: string[] = [];
  /** Per entry. */
  readonly accountOf: Int32Array;
  private readonly personIds: PackedStrings;
  private readonly firstKeys: PackedStrings;
  /** Null while the build holds only what a first page in first-name order reads (complete() gives them). */
  private lastKeys: PackedStrings | null = null;
  private updated: Float64Array | null = null;
  /** Per entry: its person (the smallest entry index of the group). */
  readonly group: Int32Array;
  /** Members of each person in first-name order: memberStart[g] .. memberStart[g + 1) of members, by group root. */
  private readonly memberStart: Int32Array;
  private readonly members: Int32Array;
  private readonly orders = new Map<FriendSort, Int32Array>();
  /** Saved orders not yet decoded (SavedBuild.later): read when first used, else sorted here. */
  private readonly later = new Map<FriendSort, () => Int32Array | null>();
  /** Per account: person id to entry (made on first use). */
  private ids: Map<string, number>[] | null = null;
  private readonly selections = new Map<string, Selection>();
  private readonly ranks = new Map<FriendSort, Int32Array>();
  private perAccount: Int32Array | null = null;

  /** `merges`: each account's merge keys, in order, to merge them; or `saved`, the groups (and orders) a build made before. */
  constructor(accounts: ReadonlyMap<string, AccountFacts>, from: { merges: readonly SavedMerge[] } | { saved: SavedBuild }) {
    const held = [...accounts.values()];
    let size = 0;
    for (const facts of held) size += facts.personIds.length;
    this.size = size;
    this.accountOf = new Int32Array(size);
    // Where each account's entries start, for the merge to find an entry's account.
    const starts = new Int32Array(held.length + 1);
    let at = 0;
    for (const [accountId, facts] of accounts) {
      const a = this.accountIds.length;
      this.accountIds.push(accountId);
      this.providers.push(facts.provider);
      this.accountOrder.push(facts.order);
      this.stamps.push(facts.stamp);
      this.accountOf.fill(a, at, at + facts.personIds.length);
      at += facts.personIds.length;
      starts[a + 1] = at;
    }
    // One account (the usual case) lends its lists as they are: a build never changes them.
    this.personIds = PackedStrings.joined(held.map((f) => f.personIds));
    this.firstKeys = PackedStrings.joined(held.map((f) => f.firstKeys));
    if (held.every((f) => f.later)) this.completeFacts(held.map((f) => f.later!));
    if ('saved' in from) {
      this.group = from.saved.group;
      for (const [sort, order] of from.saved.orders) this.orders.set(sort, order);
      for (const [sort, read] of from.saved.later ?? []) this.later.set(sort, read);
    } else {
      const { merges } = from;
      const local = (e: number) => e - starts[this.accountOf[e]!]!;
      this.group = mergePeopleOf({
        length: size,
        provider: (e) => this.providers[this.accountOf[e]!]!,
        keys: (e) => merges[this.accountOf[e]!]!.mergeKeys.keysOf(local(e)),
        name: (e) => merges[this.accountOf[e]!]!.names.firstOf(local(e)),
      });
    }
    // Members by group, in first-name order (counting sort over the groups).
    const first = this.orderOf('first_name');
    this.memberStart = new Int32Array(size + 1);
    for (let i = 0; i < size; i++) this.memberStart[this.group[i]! + 1]!++;
    for (let g = 0; g < size; g++) this.memberStart[g + 1]! += this.memberStart[g]!;
    const fill = this.memberStart.slice(0, size);
    this.members = new Int32Array(size);
    // An indexed loop: for…of over a typed array costs a process that just started some 2-3 times more.
    for (let k = 0; k < size; k++) this.members[fill[this.group[first[k]!]!]!++] = first[k]!;
  }

  /** False while it holds only the saved lead: what a first page in first-name order reads (FriendsIndex.whole). */
  get whole(): boolean {
    return this.lastKeys !== null;
  }

  /** The rest of a build made from the saved lead: each account's later facts, in order, and the saved other orders. */
  complete(later: readonly SavedLaterFacts[], orders: ReadonlyMap<FriendSort, () => Int32Array | null>): void {
    if (this.whole) return;
    this.completeFacts(later);
    for (const [sort, read] of orders) if (!this.orders.has(sort)) this.later.set(sort, read);
  }

  private completeFacts(later: readonly SavedLaterFacts[]): void {
    const updated = new Float64Array(this.size);
    let at = 0;
    for (const f of later) {
      updated.set(f.updated, at);
      at += f.updated.length;
    }
    this.updated = updated;
    this.lastKeys = PackedStrings.joined(later.map((f) => f.lastKeys));
  }

  /** The later facts, which only orders other than first-name read: a caller of those waits for FriendsIndex.whole. */
  private laterFacts(): { lastKeys: PackedStrings; updated: Float64Array } {
    if (!this.lastKeys || !this.updated) throw new KithError('E_INTERNAL', 'The people index was read in another order before it was read whole.');
    return { lastKeys: this.lastKeys, updated: this.updated };
  }

  /** The accounts and stamps it was made from, as a saved build names them. */
  get stampsText(): string {
    return stampsTextOf(this.accountIds.map((accountId, a) => ({ accountId, stamp: this.stamps[a]! })));
  }

  personId(e: number): string {
    return this.personIds.at(e);
  }

  firstKey(e: number): string {
    return this.firstKeys.at(e);
  }

  lastKey(e: number): string {
    return this.laterFacts().lastKeys.at(e);
  }

  /** The first code unit of the entry's key in `sort` (first or last name), -1 when empty. */
  keyUnit(sort: FriendSort, e: number): number {
    return (sort === 'last_name' ? this.laterFacts().lastKeys : this.firstKeys).firstUnit(e);
  }

  /** Entries held per account id. */
  entriesOf(accountId: string): number {
    const a = this.accountIds.indexOf(accountId);
    if (a < 0) return 0;
    if (!this.perAccount) {
      // Counted once per build: every page reports each account's standing.
      this.perAccount = new Int32Array(this.accountIds.length);
      for (let e = 0; e < this.size; e++) this.perAccount[this.accountOf[e]!]!++;
    }
    return this.perAccount[a]!;
  }

  /** What orderTuple reads for `sort`: the first-name order reads no later fact (a first page's cursor). */
  private facts(sort: FriendSort, e: number): OrderFacts {
    const lastKey = sort === 'last_name' ? this.lastKey(e) : '';
    const updated = sort === 'recently_changed' ? this.laterFacts().updated[e]! : -1;
    return { firstKey: this.firstKey(e), lastKey, updated, account: this.accountOrder[this.accountOf[e]!]!, personId: this.personId(e) };
  }

  tuple(sort: FriendSort, e: number): OrderTuple {
    return orderTuple(sort, this.facts(sort, e));
  }

  /** Every entry in `sort` order (made on first use, or read with a saved build). */
  orderOf(sort: FriendSort): Int32Array {
    let order = this.orders.get(sort) ?? this.later.get(sort)?.() ?? undefined;
    this.later.delete(sort);
    if (!order) {
      order = Int32Array.from({ length: this.size }, (_, e) => e).sort(this.comparator(sort));
    }
    this.orders.set(sort, order);
    return order;
  }

  /**
   * Every order, made where not yet (for a save: a new process then sorts nothing), sorted in
   * steps that await `pause`, so that searches are answered meanwhile.
   */
  async everyOrder(pause: () => Promise<void>): Promise<Map<FriendSort, Int32Array>> {
    for (const sort of SORTS) {
      if (this.orders.has(sort)) continue;
      await pause();
      if (this.later.has(sort)) {
        this.orderOf(sort);
        continue;
      }
      const unpacking = this.sortKeys(sort, (packed) => unpackInSteps(packed, pause));
      const keys = { firstKeys: await unpacking.firstKeys, personIds: await unpacking.personIds, lastKeys: await unpacking.lastKeys };
      const order = await sortInSteps(Int32Array.from({ length: this.size }, (_, e) => e), this.comparator(sort, keys), pause);
      // A query may have needed it meanwhile (orderOf): the same order, sorted at once; that one stays.
      if (!this.orders.has(sort)) this.orders.set(sort, order);
    }
    return new Map(this.orders);
  }

  /** Per entry, its place in orderOf(sort) (made on first use). */
  rankOf(sort: FriendSort): Int32Array {
    let rank = this.ranks.get(sort);
    if (!rank) {
      const order = this.orderOf(sort);
      rank = new Int32Array(this.size);
      for (let k = 0; k < order.length; k++) rank[order[k]!] = k;
      this.ranks.set(sort, rank);
    }
    return rank;
  }

  /** orderTuple's order without making the tuples (a sort of 100,000 compares ~1.7 million times). */
  private comparator(sort: FriendSort, keys: SortKeys = this.sortKeys(sort, (packed) => packed.all())): (a: number, b: number) => number {
    const { accountOf, accountOrder } = this;
    const { firstKeys, personIds } = keys;
    const text = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
    const rest = (a: number, b: number) =>
      text(firstKeys[a]!, firstKeys[b]!) || accountOrder[accountOf[a]!]! - accountOrder[accountOf[b]!]! || text(personIds[a]!, personIds[b]!);
    if (sort === 'last_name') {
      const lastKeys = keys.lastKeys!;
      return (a, b) => text(lastKeys[a]!, lastKeys[b]!) || rest(a, b);
    }
    if (sort === 'recently_changed') {
      const { updated } = this.laterFacts();
      const rank = (e: number) => (updated[e]! < 0 ? 1 : -updated[e]!);
      return (a, b) => rank(a) - rank(b) || rest(a, b);
    }
    return rest;
  }

  /** The keys as strings for the sort's while (the build keeps them packed): a compare then slices nothing. */
  private sortKeys<T extends string[] | Promise<string[]>>(sort: FriendSort, unpack: (packed: PackedStrings) => T): { firstKeys: T; personIds: T; lastKeys: T | null } {
    return { firstKeys: unpack(this.firstKeys), personIds: unpack(this.personIds), lastKeys: sort === 'last_name' ? unpack(this.laterFacts().lastKeys) : null };
  }

  /** The entry with this contract id (`${accountId}:${personId}`), or -1. */
  entryOf(id: string): number {
    // Account ids have no colon (AccountIdSchema); the person id is the rest.
    const colon = id.indexOf(':');
    const a = colon < 0 ? -1 : this.accountIds.indexOf(id.slice(0, colon));
    if (a < 0) return -1;
    if (!this.ids) {
      const ids = this.accountIds.map(() => new Map<string, number>());
      for (let e = 0; e < this.size; e++) ids[this.accountOf[e]!]!.set(this.personId(e), e);
      this.ids = ids;
    }
    return this.ids[a]!.get(id.slice(colon + 1)) ?? -1;
  }

  refId(e: number): string {
    return `${this.accountIds[this.accountOf[e]!]!}:${this.personId(e)}`;
  }

  ref(e: number): EntryRef {
    return { accountId: this.accountIds[this.accountOf[e]!]!, personId: this.personId(e) };
  }

  /** Whether entry e is its person's first in first-name order (membersOf(e)[0], without the subarray). */
  placesItsPerson(e: number): boolean {
    return this.members[this.memberStart[this.group[e]!]!] === e;
  }

  /** The members of entry e's person, in first-name order. */
  membersOf(e: number): Int32Array {
    const g = this.group[e]!;
    return this.members.subarray(this.memberStart[g]!, this.memberStart[g + 1]!);
  }

  /** A selection kept from an earlier page of the same query (a scroll asks for page after page). */
  kept(key: string): Selection | undefined {
    return this.selections.get(key);
  }

  keep(key: string, selection: Selection): Selection {
    if (this.selections.size >= 16) this.selections.delete(this.selections.keys().next().value!);
    this.selections.set(key, selection);
    return selection;
  }
}

/**
 * The items of a query, in its order. `allowed` says which accounts (by index in the build)
 * the account or provider filter keeps; `matched` which entries the search found (null: no search).
 */
export function select(build: IndexBuild, q: IndexQuery, allowed: Uint8Array, matched: Uint8Array | null): Selection {
  const n = build.size;
  const { group, accountOf } = build;
  // Plain loops over typed arrays: a keystroke's search walks all 100,000 entries here.
  const everyAccount = allowed.every((a) => a === 1);
  const scoped = everyAccount ? null : new Uint8Array(n);
  if (scoped) for (let e = 0; e < n; e++) scoped[e] = allowed[accountOf[e]!]!;
  let hit: Uint8Array;
  if (matched === null) hit = scoped ?? new Uint8Array(n).fill(1);
  else if (scoped === null) hit = matched;
  else {
    hit = new Uint8Array(n);
    for (let e = 0; e < n; e++) hit[e] = matched[e]! & scoped[e]!;
  }
  if (matched !== null) {
    let hits = 0;
    for (let e = 0; e < n; e++) hits += hit[e]!;
    if (hits * SPARSE < n) return selectFew(build, q, scoped, hit, hits);
  }
  const order = build.orderOf(q.sort);
  if (matched === null && scoped === null && q.sort !== 'recently_changed') return everyone(build, order, q.view);
  const out = new Int32Array(n);
  let count = 0;
  if (q.view === 'entries') {
    const seen = new Uint8Array(n);
    let people = 0;
    for (let k = 0; k < n; k++) {
      const e = order[k]!;
      if (hit[e] === 0) continue;
      out[count++] = e;
      const g = group[e]!;
      if (seen[g] === 0) {
        seen[g] = 1;
        people++;
      }
    }
    return { order: out.slice(0, count), people, entries: count };
  }
  // A person is listed when one of its entries in scope matches; it is placed by its first
  // entry in scope (first or last name order) or its latest one (recently changed).
  let entries = 0;
  const primary = new Int32Array(n).fill(-1);
  const listed = new Uint8Array(n);
  const byFirstName = build.orderOf('first_name');
  for (let k = 0; k < n; k++) {
    const e = byFirstName[k]!;
    if (scoped !== null && scoped[e] === 0) continue;
    const g = group[e]!;
    if (primary[g] === -1) primary[g] = e;
    if (hit[e] === 1) {
      listed[g] = 1;
      entries++;
    }
  }
  if (q.sort === 'recently_changed') {
    const placed = new Uint8Array(n);
    for (let k = 0; k < n; k++) {
      const e = order[k]!;
      const g = group[e]!;
      if (listed[g] === 0 || placed[g] === 1 || (scoped !== null && scoped[e] === 0)) continue;
      placed[g] = 1;
      out[count++] = e;
    }
  } else {
    for (let k = 0; k < n; k++) {
      const e = order[k]!;
      const g = group[e]!;
      if (primary[g] === e && listed[g] === 1) out[count++] = e;
    }
  }
  return { order: out.slice(0, count), people: count, entries };
}

/**
 * select() with nothing left out, in first- or last-name order (what a first page asks): every entry
 * in order, or each person at its first entry in first-name order. As select() would, without its
 * arrays of every entry.
 */
function everyone(build: IndexBuild, order: Int32Array, view: FriendView): Selection {
  const n = build.size;
  const { group } = build;
  let people = 0;
  for (let e = 0; e < n; e++) if (group[e] === e) people++;
  if (view === 'entries') return { order: order.slice(), people, entries: n };
  const out = new Int32Array(people);
  let count = 0;
  for (let k = 0; k < n; k++) if (build.placesItsPerson(order[k]!)) out[count++] = order[k]!;
  return { order: out, people, entries: n };
}

/** Below one match in this many entries, the matches are sorted rather than the whole order walked. */
const SPARSE = 16;

/** select() for a few matches: each placed by its rank in the order, then sorted (m log m, not n). */
function selectFew(build: IndexBuild, q: IndexQuery, scoped: Uint8Array | null, hit: Uint8Array, hits: number): Selection {
  const n = build.size;
  const { group } = build;
  const rank = build.rankOf(q.sort);
  const placed = new Int32Array(hits);
  const seen = new Uint8Array(n);
  let count = 0;
  let people = 0;
  for (let e = 0; e < n; e++) {
    if (hit[e] === 0) continue;
    const g = group[e]!;
    const first = seen[g] === 0;
    seen[g] = 1;
    if (first) people++;
    if (q.view === 'entries') {
      placed[count++] = e;
      continue;
    }
    if (!first) continue;
    // As select(): a person's place is its first entry in scope (first-name order), or its latest one in scope.
    let at = -1;
    for (const m of build.membersOf(e)) {
      if (scoped !== null && scoped[m] === 0) continue;
      if (q.sort !== 'recently_changed') {
        at = m;
        break;
      }
      if (at === -1 || rank[m]! < rank[at]!) at = m;
    }
    placed[count++] = at;
  }
  const order = placed.subarray(0, count).sort((a, b) => rank[a]! - rank[b]!);
  return { order: Int32Array.from(order), people, entries: hits };
}

/** For "jump to": the offset of the first item under each letter, in order. */
export function lettersOf(build: IndexBuild, selection: Selection, sort: FriendSort): { letter: string; offset: number }[] {
  const letters: { letter: string; offset: number }[] = [];
  const { order } = selection;
  let last = '';
  let lastUnit = -2;
  for (let offset = 0; offset < order.length; offset++) {
    // The letter follows from the first code unit alone, and in order it changes rarely: look it up only then.
    const unit = build.keyUnit(sort, order[offset]!);
    if (unit === lastUnit) continue;
    lastUnit = unit;
    const letter = letterOf(unit < 0 ? '' : String.fromCharCode(unit));
    if (letter !== last) {
      letters.push({ letter, offset });
      last = letter;
    }
  }
  // '#' (digits, symbols, other scripts) may come before and after A–Z: one entry, its first place.
  return letters.filter((l, k) => l.letter !== '#' || letters.findIndex((m) => m.letter === '#') === k);
}

const CursorSchema = z.tuple([z.enum(['first_name', 'last_name', 'recently_changed']), z.array(z.union([z.string().max(4000), z.number()])).min(3).max(4)]);

export function encodeListCursor(sort: FriendSort, tuple: OrderTuple): string {
  return Buffer.from(JSON.stringify([sort, tuple]), 'utf8').toString('base64url');
}

export function decodeListCursor(cursor: string, sort: FriendSort): OrderTuple {
  let parsed: unknown = null;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    // refused below
  }
  const checked = CursorSchema.safeParse(parsed);
  if (!checked.success) throw new KithError('E_INVALID_INPUT', 'That page cursor is not one Kith gave out.');
  if (checked.data[0] !== sort) throw new KithError('E_INVALID_INPUT', 'That page cursor belongs to another sort order.');
  return checked.data[1];
}

/** The index of the first item placed after `tuple` (binary search: the selection is in order). */
export function startAfter(build: IndexBuild, selection: Selection, sort: FriendSort, tuple: OrderTuple): number {
  let low = 0;
  let high = selection.order.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (compareTuples(build.tuple(sort, selection.order[mid]!), tuple) <= 0) low = mid + 1;
    else high = mid;
  }
  return low;
}

/**
 * One account's facts, read a page of people at a time: only the facts outlive their page, so
 * the whole account never sits in memory as people (at 100,000, some 100 MB of short-lived objects).
 */
async function readFacts(store: FriendsStore, s: StoredAccountStamp): Promise<AccountFacts & { merge: SavedMerge }> {
  const personIds = new PackedStringsBuilder();
  const firstKeys = new PackedStringsBuilder();
  const lastKeys = new PackedStringsBuilder();
  const updated: number[] = [];
  const mergeKeys = new PackedKeysBuilder();
  const names = new PackedKeysBuilder();
  await store.entries.eachOfAccount(s.accountId, (people: readonly StoredPerson[]) => {
    for (const p of people) {
      const first = firstNameKey(p);
      personIds.add(p.personId);
      firstKeys.add(first);
      lastKeys.add(lastNameKey(p));
      const t = p.providerUpdatedAt ? Date.parse(p.providerUpdatedAt) : Number.NaN;
      updated.push(Number.isFinite(t) && t >= 0 ? t : -1);
      mergeKeys.add(mergeKeysOf(s.provider, p));
      names.add(nameKey(p.displayName, first));
    }
  });
  return {
    stamp: s.stamp,
    order: s.order,
    provider: s.provider,
    personIds: personIds.done(),
    firstKeys: firstKeys.done(),
    later: { lastKeys: lastKeys.done(), updated: Float64Array.from(updated) },
    merge: { mergeKeys: mergeKeys.done(), names: names.done() },
  };
}

export interface FriendsIndex {
  /**
   * The current build, read again for the accounts whose stamp changed. Read from the saved index, it
   * may hold only what a first page in first-name order reads (IndexBuild.whole): whole() for more.
   */
  current(store: FriendsStore): Promise<IndexBuild>;
  /** The current build with every fact and order it can be asked for (the saved rest read, if not yet). */
  whole(store: FriendsStore): Promise<IndexBuild>;
  /**
   * The current build, saved in the store once made (a new process reads it rather than
   * building it): for the end of a sync, and for tests.
   */
  warm(store: FriendsStore, signal?: AbortSignal): Promise<IndexBuild>;
  /** The build held now, if any (none before the first read, nor after release()). */
  held(): IndexBuild | null;
  /** True when `build` was made here and is not saved yet (warm() saves it). */
  unsaved(build: IndexBuild): boolean;
  /**
   * Lets go of `build` and the facts it was made from, as a new process holds nothing: the next read
   * starts from the saved index. Only a saved build goes, and none while a read, a save or a read
   * of the rest is under way (false then: it is kept).
   */
  release(build: IndexBuild): boolean;
}

/** `quiet` is the core's: the index notes each ask in it, and the saves (its own, the words') wait on it. */
export function createFriendsIndex(quiet: QuietWatch = createQuietWatch()): FriendsIndex {
  let accounts = new Map<string, AccountFacts>();
  let build: IndexBuild | null = null;
  let building: Promise<IndexBuild> | null = null;
  let readFrom: FriendsStore | null = null;
  /** The build made here and not yet saved, with the facts and merge keys it was made from. */
  let unsaved: { build: IndexBuild; store: FriendsStore; accounts: Map<string, AccountFacts>; merges: SavedMerge[] } | null = null;
  let saving: Promise<void> = Promise.resolve();
  let savesRunning = 0;
  let completing: Promise<void> | null = null;
  /** Set when a later half saved at the current stamps did not fit together: the next build reads the people, not the saved index. */
  let savedRefused = false;

  /** The facts the store saved for an account at this stamp, or null. */
  const savedFactsOf = (saved: Map<string, { stamp: string; facts: string }>, s: StoredAccountStamp): AccountFacts | null => {
    const kept = saved.get(s.accountId);
    const facts = kept?.stamp === s.stamp ? readFactsLead(kept.facts) : null;
    return facts && { ...facts, stamp: s.stamp, order: s.order, provider: s.provider, later: null, merge: null };
  };

  /** Per account, its later facts as saved at the stamp its lead was read at ('stale' when saved at another, null when refused). */
  async function savedLaterOf(store: FriendsStore, wanted: readonly string[]): Promise<{ facts: Map<string, SavedLaterFacts | null | 'stale'>; build: { stamps: string; text: string } | null }> {
    const saved = await store.entries.savedIndex('later');
    const byId = new Map(saved.accounts.map((a) => [a.accountId, a]));
    const facts = new Map<string, SavedLaterFacts | null | 'stale'>();
    for (const accountId of wanted) {
      const held = accounts.get(accountId);
      const kept = byId.get(accountId);
      if (!held || kept?.stamp !== held.stamp) facts.set(accountId, 'stale');
      else facts.set(accountId, readFactsLater(kept.facts, held.personIds.length));
    }
    return { facts, build: saved.build };
  }

  /** Gives the held facts without their later half that half: as saved at their stamp, or else read from the people again. */
  async function fillLater(store: FriendsStore, stamps: readonly StoredAccountStamp[]): Promise<void> {
    const missing = stamps.filter((s) => accounts.get(s.accountId)?.later === null);
    if (missing.length === 0) return;
    const { facts } = await savedLaterOf(store, missing.map((s) => s.accountId));
    for (const s of missing) {
      const later = facts.get(s.accountId);
      if (later && later !== 'stale') accounts.get(s.accountId)!.later = later;
      else accounts.set(s.accountId, await readFacts(store, s));
    }
  }

  /** Reads the rest of a build made from the saved lead; when that rest does not fit, the build is dropped and made again from the people. */
  async function complete(store: FriendsStore, made: IndexBuild): Promise<void> {
    const saved = await savedLaterOf(store, made.accountIds);
    if (build !== made || made.whole) return;
    const later: SavedLaterFacts[] = [];
    for (const accountId of made.accountIds) {
      const facts = accounts.get(accountId)!;
      const read = facts.later ?? saved.facts.get(accountId);
      if (!read || read === 'stale') {
        // Saved at other stamps: a sync wrote since; the next build reads the new save. Not fitting at these: read the people.
        if (read !== 'stale') savedRefused = true;
        build = null;
        accounts = new Map();
        return;
      }
      later.push(read);
    }
    made.accountIds.forEach((accountId, a) => (accounts.get(accountId)!.later = later[a]!));
    const orders = saved.build?.stamps === made.stampsText ? readBuildLater(saved.build.text, made.size) : null;
    // Orders saved apart from the facts that do not fit are sorted again, when first asked for.
    made.complete(later, orders ?? new Map());
  }

  async function refresh(store: FriendsStore): Promise<IndexBuild> {
    if (store !== readFrom) {
      // Another store (a damaged database replaced by a fresh one): nothing read before applies.
      accounts = new Map();
      build = null;
      unsaved = null;
      savedRefused = false;
      readFrom = store;
    }
    const stamps = await store.entries.stamps();
    const unchanged = build !== null && stamps.length === accounts.size && stamps.every((s) => accounts.get(s.accountId)?.stamp === s.stamp);
    if (unchanged) return build!;
    // The old build and the changed accounts' old facts go before the new ones are read: a
    // rebuild holds one copy of the index, not two.
    build = null;
    unsaved = null;
    accounts = new Map(stamps.flatMap((s) => (accounts.get(s.accountId)?.stamp === s.stamp ? [[s.accountId, accounts.get(s.accountId)!] as const] : [])));
    // A new process (nothing held yet) starts from what the store saved, where its stamps still hold.
    const saved = accounts.size === 0 && !savedRefused ? await store.entries.savedIndex() : null;
    const savedFacts = new Map(saved?.accounts.map((a) => [a.accountId, a]));
    const next = new Map<string, AccountFacts>();
    for (const s of stamps) next.set(s.accountId, accounts.get(s.accountId) ?? savedFactsOf(savedFacts, s) ?? (await readFacts(store, s)));
    accounts = next;
    const size = [...accounts.values()].reduce((n, f) => n + f.personIds.length, 0);
    const savedBuild = saved?.build?.stamps === stampsTextOf(stamps) ? readBuildLead(saved.build.text, size) : null;
    if (savedBuild) {
      build = new IndexBuild(accounts, { saved: savedBuild });
      return build;
    }
    // A build from merges sorts by every key: facts read from a saved lead need their later half.
    await fillLater(store, stamps);
    // Merging reads every account's keys: those saved with the index, or, failing that, the account again.
    const merges: SavedMerge[] = [];
    for (const s of stamps) {
      const facts = accounts.get(s.accountId)!;
      let merge = facts.merge;
      if (!merge) {
        const text = await store.entries.savedMergeKeys(s.accountId, s.stamp);
        merge = text === null ? null : readMergeText(text, facts.personIds.length);
      }
      if (!merge) {
        const read = await readFacts(store, s);
        accounts.set(s.accountId, read);
        merge = read.merge;
      }
      merges.push(merge);
    }
    build = new IndexBuild(accounts, { merges });
    unsaved = { build, store, accounts, merges };
    return build;
  }

  /** Saves the build made here, if still unsaved; its merge keys then live in the store only. */
  async function save(signal?: AbortSignal): Promise<void> {
    const work = unsaved;
    if (!work || signal?.aborted) return;
    const pause = slicedPause();
    const orders = await work.build.everyOrder(pause);
    await pause();
    // The texts and their write are a step each that cannot be cut: made once the person has stopped asking.
    await quiet.untilQuiet(signal);
    if (unsaved !== work || signal?.aborted) return;
    const held = [...work.accounts];
    const accountsSaved = held.map(([accountId, f], a) => {
      const { lead, later } = factsTexts({ ...f, ...f.later! });
      return { accountId, stamp: f.stamp, facts: lead, later, merge: mergeText(work.merges[a]!) };
    });
    const { lead, later } = buildTexts({ group: work.build.group, orders });
    const index: PeopleIndexToSave = { accounts: accountsSaved, build: { stamps: work.build.stampsText, text: lead, later } };
    if (!(await work.store.entries.saveIndex(index))) return;
    if (unsaved === work) unsaved = null;
    savedRefused = false;
    // Some 10 MB at 100,000 entries, read again only when another account's change needs a merge.
    for (const [, f] of held) f.merge = null;
  }

  function current(store: FriendsStore): Promise<IndexBuild> {
    // One refresh at a time; callers arriving meanwhile share it.
    building ??= refresh(store).finally(() => {
      building = null;
    });
    return building;
  }

  return {
    current(store) {
      quiet.noteAsked();
      return current(store);
    },
    async whole(store) {
      quiet.noteAsked();
      for (;;) {
        const made = await current(store);
        if (made.whole) return made;
        // One read of the rest at a time; callers arriving meanwhile share it.
        completing ??= complete(store, made).finally(() => {
          completing = null;
        });
        await completing;
      }
    },
    async warm(store, signal) {
      const made = await current(store);
      // One save at a time, each after the one before.
      saving = saving.then(
        () => save(signal),
        () => save(signal),
      );
      savesRunning++;
      try {
        await saving;
      } finally {
        savesRunning--;
      }
      return made;
    },
    held: () => build,
    unsaved: (made) => unsaved?.build === made,
    release(made) {
      if (build !== made || unsaved !== null || building || completing || savesRunning > 0) return false;
      build = null;
      accounts = new Map();
      return true;
    },
  };
}
