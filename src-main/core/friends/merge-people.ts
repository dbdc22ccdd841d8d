// Which entries are one person, across every account Kith holds.
//
// The rule, in order:
// 1. Entries sharing a normalised email address or phone number
//    (person-keys.ts) are one person, transitively (a union-find: Ann's work
//    email links her two Google entries, her phone links the second to an
//    entry in another account).
// 2. Facebook friends of two Facebook accounts with the same id are one
//    person: Graph API ids are app-scoped ("an App-Scoped User ID … unique to
//    the app", Graph API reference, User), so one friend has one id for Kith
//    whoever's friend list lists them.
// 3. Facebook shares a friend's name and picture only (/me/friends: id, name,
//    picture), so a Facebook friend joins the one person of the other
//    accounts with the same name (folded, two words or more) — only when
//    exactly one such person exists and exactly one Facebook friend has the
//    name, so two "John Smith"s are never taken for one.
//
// Pure: the index (friends-index.ts) feeds it every entry's keys and keeps
// the groups; the details view asks `sameAsOf` why each source is there.
import type { ProviderId, SameAs } from '../../../src-contract/kith-api';
import type { StoredPerson } from '../ports';
import { emailKey, nameKey, phoneKey } from './person-keys';

export interface MergeInput {
  provider: ProviderId;
  /** The provider's person id (Facebook: the app-scoped user id). */
  personId: string;
  /** Email and phone keys (person-keys.ts). */
  keys: readonly string[];
  /** The folded name, for rule 3 (nameKey); null when too short to match. */
  name: string | null;
}

/** The keys that join an entry to others (emails and phones; Facebook's app-scoped id). */
export function mergeKeysOf(provider: ProviderId, person: Pick<StoredPerson, 'personId' | 'emails' | 'phones'>): string[] {
  const keys = new Set<string>();
  for (const e of person.emails) {
    const key = emailKey(e.value);
    if (key) keys.add(key);
  }
  for (const p of person.phones) {
    const key = phoneKey(p.value, p.canonical);
    if (key) keys.add(key);
  }
  if (provider === 'facebook') keys.add(`f:${person.personId}`);
  return [...keys];
}

/** Union-find over entry indexes, with path halving. */
class DisjointSets {
  private readonly parent: Int32Array;
  constructor(size: number) {
    this.parent = new Int32Array(size);
    for (let i = 0; i < size; i++) this.parent[i] = i;
  }
  find(i: number): number {
    const parent = this.parent;
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]!]!;
      i = parent[i]!;
    }
    return i;
  }
  union(a: number, b: number): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.parent[Math.max(ra, rb)] = Math.min(ra, rb);
  }
}

/** The entries to merge, read one at a time (the people index holds their keys packed). */
export interface MergeSource {
  readonly length: number;
  provider(i: number): ProviderId;
  /** Email and phone keys (person-keys.ts). */
  keys(i: number): readonly string[];
  /** The folded name, for rule 3 (nameKey); null when too short to match. */
  name(i: number): string | null;
}

/**
 * The person of each entry: `group[i]` is the same number for entries taken for one person
 * (the smallest entry index among them), so groups are stable for a stable input order.
 */
export function mergePeople(entries: readonly MergeInput[]): Int32Array {
  return mergePeopleOf({ length: entries.length, provider: (i) => entries[i]!.provider, keys: (i) => entries[i]!.keys, name: (i) => entries[i]!.name });
}

export function mergePeopleOf(entries: MergeSource): Int32Array {
  const size = entries.length;
  const sets = new DisjointSets(size);
  const firstWithKey = new Map<string, number>();
  for (let i = 0; i < size; i++) {
    for (const key of entries.keys(i)) {
      const first = firstWithKey.get(key);
      if (first === undefined) firstWithKey.set(key, i);
      else sets.union(first, i);
    }
  }

  // Rule 3: a name held by exactly one person outside Facebook and exactly one Facebook friend.
  const others = new Map<string, number | null>();
  const facebook = new Map<string, number | null>();
  let anyFacebook = false;
  for (let i = 0; i < size && !anyFacebook; i++) anyFacebook = entries.provider(i) === 'facebook';
  for (let i = 0; anyFacebook && i < size; i++) {
    const name = entries.name(i);
    if (!name) continue;
    const seen = entries.provider(i) === 'facebook' ? facebook : others;
    const root = sets.find(i);
    const held = seen.get(name);
    if (held === undefined) seen.set(name, root);
    // Two entries of one person keep the name unambiguous; two people do not.
    else if (held !== null && sets.find(held) !== root) seen.set(name, null);
  }
  for (const [name, friend] of facebook) {
    const contact = others.get(name);
    if (friend != null && contact != null) sets.union(friend, contact);
  }

  const group = new Int32Array(size);
  for (let i = 0; i < size; i++) group[i] = sets.find(i);
  return group;
}

export interface SameAsMember {
  /** The contract's entry id (`${accountId}:${personId}`). */
  id: string;
  provider: ProviderId;
  person: Pick<StoredPerson, 'personId' | 'displayName' | 'emails' | 'phones'>;
}

/**
 * Why each member of one person is there, in the members' order: null for the first; else the
 * first thing it shares with an earlier member (or, failing that, a later one).
 */
export function sameAsOf(members: readonly SameAsMember[]): (SameAs | null)[] {
  const shared = members.map((m) => {
    const byKey = new Map<string, { kind: SameAs['kind']; value: string }>();
    for (const e of m.person.emails) {
      const key = emailKey(e.value);
      if (key && !byKey.has(key)) byKey.set(key, { kind: 'email', value: e.value });
    }
    for (const p of m.person.phones) {
      const key = phoneKey(p.value, p.canonical);
      if (key && !byKey.has(key)) byKey.set(key, { kind: 'phone', value: p.value });
    }
    if (m.provider === 'facebook') byKey.set(`f:${m.person.personId}`, { kind: 'facebook_id', value: m.person.personId });
    const name = nameKey(m.person.displayName);
    return { byKey, name };
  });
  return members.map((member, k) => {
    if (k === 0) return null;
    const mine = shared[k]!;
    const order = [...members.keys()].filter((j) => j !== k).sort((a, b) => (a < k) === (b < k) ? a - b : a < k ? -1 : 1);
    for (const j of order) {
      for (const [key, what] of mine.byKey) {
        if (shared[j]!.byKey.has(key)) return { kind: what.kind, value: what.value, withSourceId: members[j]!.id };
      }
    }
    for (const j of order) {
      if (mine.name && shared[j]!.name === mine.name && (member.provider === 'facebook') !== (members[j]!.provider === 'facebook')) {
        return { kind: 'name', value: member.person.displayName, withSourceId: members[j]!.id };
      }
    }
    // Joined through members left out of this view (a filter): say the name, the visible link.
    return { kind: 'name', value: member.person.displayName, withSourceId: members[0]!.id };
  });
}
