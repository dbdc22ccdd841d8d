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
  // 555 numbers are the ones North American films use; a contact's number is unique to its
  // person and index (line = index's last four digits, area = the ten-thousands block moved by
  // the person), since a shared number makes two contacts one person (merge-people.ts).
  // A revision moves the exchange (555, 556, ...), so an edited number is still nobody else's.
  const line = String(index % 10_000).padStart(4, '0');
  const area = 200 + ((Math.floor(index / 10_000) + person.ordinal * 37) % 700);
  const exchange = 555 + (revision % 400);
  return {
    resourceName: contactResourceName(person, index),
    index,
    revision,
    givenName: given,
    familyName: family,
    email: `${given}.${family}.${sharedWithFirst(person, index) ?? index}`.toLowerCase() + (revision > 0 ? `.r${revision}` : '') + '@example.org',
    phoneE164: `+1${area}${exchange}${line}`,
    phoneDisplay: `(${area}) ${exchange}-${line}`,
    avatarPath: avatarPath(initialsOf(given, family), hueFor(index + revision)),
  };
}
