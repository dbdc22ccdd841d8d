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
    email: `${given}.${family}.${index}`.toLowerCase() + (revision > 0 ? `.r${revision}` : '') + '@example.org',
    phoneE164: `+1${area}555${line.slice(-4)}`,
    phoneDisplay: `(${area}) 555-${line.slice(-4)}`,
    avatarPath: avatarPath(initialsOf(given, family), hueFor(index + revision)),
  };
}
