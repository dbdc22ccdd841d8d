// The three orders of the Friends list, as keys compared in code-point order
// (no locale: the same order in every process and for the cursor that
// resumes it). Keys are folded (case and accents removed), so "Émile" sorts
// with "Emile" and under E in the letter index.
// - first name: the name as shown ("Ada Lovelace"), which for most contacts
//   starts with the given name; the same key the store orders people by.
// - last name: the family name the provider gives, then the given name;
//   without one, the name's last word first ("Lovelace Ada").
// - recently changed: the provider's last change, newest first; entries it
//   does not date (Facebook's) last, by name.
import type { FriendSort } from '../../../src-contract/kith-api';
import { fold, type StoredPerson } from './stored-person';

export function firstNameKey(person: Pick<StoredPerson, 'displayName'>): string {
  return fold(person.displayName).trim();
}

export function lastNameKey(person: Pick<StoredPerson, 'displayName' | 'givenName' | 'familyName'>): string {
  const family = person.familyName?.trim();
  if (family) {
    const given = person.givenName?.trim() || person.displayName.replace(family, '').trim();
    return fold(`${family} ${given}`).trim();
  }
  const words = person.displayName.trim().split(/\s+/);
  if (words.length < 2 || person.displayName.includes('@')) return firstNameKey(person);
  return fold(`${words.at(-1)} ${words.slice(0, -1).join(' ')}`);
}

/** The letter a key files under in the index: A–Z, else '#'. */
export function letterOf(key: string): string {
  const first = key.charAt(0).toUpperCase();
  return first >= 'A' && first <= 'Z' ? first : '#';
}

export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** What an order compares, most significant first; numbers descending for 'recently_changed'. */
export type OrderTuple = readonly (string | number)[];

export function compareTuples(a: OrderTuple, b: OrderTuple): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i];
    const y = b[i];
    if (x === y) continue;
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    if (typeof x === 'number' && typeof y === 'number') return x - y;
    return compareText(String(x), String(y));
  }
  return 0;
}

export interface OrderFacts {
  firstKey: string;
  lastKey: string;
  /** Epoch ms of the provider's last change, or -1. */
  updated: number;
  /** The account's place (StoredAccountStamp.order). */
  account: number;
  personId: string;
}

/** The tuple an entry takes in `sort` (ascending compareTuples order). */
export function orderTuple(sort: FriendSort, f: OrderFacts): OrderTuple {
  if (sort === 'last_name') return [f.lastKey, f.firstKey, f.account, f.personId];
  // Newest first: the negated time ascends. Undated (-1) entries come after every dated one.
  if (sort === 'recently_changed') return [f.updated < 0 ? 1 : -f.updated, f.firstKey, f.account, f.personId];
  return [f.firstKey, f.account, f.personId];
}
