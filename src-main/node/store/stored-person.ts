// How the store writes a person (StoredPerson, defined in the core beside the
// port): one JSON text, its order key and the text the search index holds.
import { fold, type StoredPerson } from '../../core/friends/stored-person';

export { StoredPersonSchema, fromProviderPerson, type StoredPerson, type ContactEmail, type ContactPhone } from '../../core/friends/stored-person';

/**
 * The one stored text of a person, fields in a fixed order so that equal people give equal
 * text (a full sync compares the staged and the held person by it).
 */
export function serializePerson(p: StoredPerson): string {
  return JSON.stringify({
    personId: p.personId,
    displayName: p.displayName,
    givenName: p.givenName,
    familyName: p.familyName,
    emails: p.emails.map((e) => ({ value: e.value, label: e.label })),
    phones: p.phones.map((ph) => (ph.canonical === undefined ? { value: ph.value, label: ph.label } : { value: ph.value, label: ph.label, canonical: ph.canonical })),
    avatarUrl: p.avatarUrl,
    providerUpdatedAt: p.providerUpdatedAt,
  });
}

/** Reads serializePerson's text back (the database's own output; it is not user input). */
export function parsePerson(text: string): StoredPerson {
  return JSON.parse(text) as StoredPerson;
}

/** The name folded for ordering: the same folding the in-memory index used (case and accents ignored). */
export function sortKeyOf(person: Pick<StoredPerson, 'displayName'>): string {
  return fold(person.displayName).trim();
}

/** Digits only: "(555) 010-2345" → "5550102345", so a query typed in any format can match. */
export function digitsOf(phone: string): string {
  return phone.replace(/\D/g, '');
}

/**
 * The text the full-text index holds for a person: names, emails, phones as written and as
 * digits only, then the marker tokens that filter by account and provider. `#` is a token
 * character for the index (see friends-schema.ts) and is removed from the person's own text,
 * so no name or email can forge a marker.
 */
export function searchTextOf(person: StoredPerson, markers: readonly string[]): string {
  const parts = [person.displayName];
  // Given and family names usually repeat the display name; index them only when they add a word.
  const shown = person.displayName.toLowerCase();
  for (const name of [person.givenName, person.familyName]) if (name && !shown.includes(name.toLowerCase())) parts.push(name);
  for (const email of person.emails) parts.push(email.value);
  for (const phone of person.phones) {
    parts.push(phone.value);
    const digits = digitsOf(phone.value);
    if (digits) parts.push(digits);
    const canonical = phone.canonical ? digitsOf(phone.canonical) : '';
    if (canonical && canonical !== digits) parts.push(canonical);
  }
  return `${parts.join(' ').replaceAll('#', ' ')} ${markers.join(' ')}`;
}
