// Google contacts are computed from (person, index, revision) on demand, so
// 50,000 of them cost nothing until a page is asked for.
import type { SeededPerson } from './people';
import { hueFor, initialsOf, nameFor } from './names';
import { avatarPath } from './avatars';

export interface SeedContact {
  resourceName: string;
  index: number;
  revision: number;
  givenName: string;
  familyName: string;
  email: string;
  /** E.164, as People's canonicalForm. */
  phoneE164: string;
  phoneDisplay: string;
  /** Path on the sandbox; the caller prefixes the base URL. */
  avatarPath: string;
}

export function contactResourceName(person: SeededPerson, index: number): string {
  return `people/c${person.ordinal}${String(index).padStart(9, '0')}`;
}

/**
 * Every tenth contact of a seeded person after the first is also a contact of the first one
 * (Ada): the same name and email as her contact at the returned index, so two connected Google
 * accounts share people, as two real ones of one household or one person do.
 */
export function sharedWithFirst(person: SeededPerson, index: number): number | null {
  return person.ordinal > 1 && index % 10 === 0 ? index + (person.ordinal - 1) * 17 : null;
}

export function contactAt(person: SeededPerson, index: number, revision: number): SeedContact {
  const { given, family } = nameFor(index + person.ordinal * 17, revision);
  // 555-01xx style numbers are reserved for fiction; widen with the index.
  const line = String((index * 7 + revision * 3) % 10_000_000).padStart(7, '0');
  const area = 200 + ((index + person.ordinal) % 700);
  return {
    resourceName: contactResourceName(person, index),
    index,
    revision,
    givenName: given,
    familyName: family,
    email: `${given}.${family}.${sharedWithFirst(person, index) ?? index}`.toLowerCase() + (revision > 0 ? `.r${revision}` : '') + '@example.org',
    phoneE164: `+1${area}555${line.slice(-4)}`,
    phoneDisplay: `(${area}) 555-${line.slice(-4)}`,
    avatarPath: avatarPath(initialsOf(given, family), hueFor(index + revision)),
  };
}
