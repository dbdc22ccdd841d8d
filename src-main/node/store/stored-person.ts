// A contact or friend as the store keeps it: everything the provider layer
// reads today (ProviderPerson: name, email, phone, avatar) plus the People
// fields that come with the same request — given and family names, every
// email and phone with its label, E.164 form, and the source's update time
// (People API, Person resource: names[], emailAddresses[], phoneNumbers[].canonicalForm,
// metadata.sources[].updateTime — https://developers.google.com/people/api/rest/v1/people#Person).
// Facebook's /me/friends gives a name and a picture only; the rest stays empty.
import { z } from 'zod';
import { fold } from '../../core/friends/friend-index';
import type { ProviderPerson } from '../../core/providers/provider';

const text = (max: number) => z.string().max(max);

export const ContactEmailSchema = z.object({ value: text(320), label: text(100).nullable() }).strict();
export const ContactPhoneSchema = z
  .object({
    value: text(100),
    label: text(100).nullable(),
    /** People's canonicalForm (ITU-T E.164), when it gives one. */
    canonical: text(32).nullable().optional(),
  })
  .strict();

export const StoredPersonSchema = z
  .object({
    /** The provider's id (People resourceName, Facebook user id). */
    personId: z.string().min(1).max(200),
    displayName: text(1000),
    givenName: text(500).nullable(),
    familyName: text(500).nullable(),
    /** The primary one first. */
    emails: z.array(ContactEmailSchema).max(100),
    phones: z.array(ContactPhoneSchema).max(100),
    avatarUrl: text(2000).nullable(),
    /** The provider's last change to the person (RFC 3339), when it says. */
    providerUpdatedAt: text(64).nullable(),
  })
  .strict();

export type StoredPerson = z.infer<typeof StoredPersonSchema>;
export type ContactEmail = z.infer<typeof ContactEmailSchema>;
export type ContactPhone = z.infer<typeof ContactPhoneSchema>;

/** Today's provider shape, carried over field for field. */
export function fromProviderPerson(p: ProviderPerson): StoredPerson {
  return {
    personId: p.personId,
    displayName: p.name,
    givenName: null,
    familyName: null,
    emails: p.email ? [{ value: p.email, label: null }] : [],
    phones: p.phone ? [{ value: p.phone, label: null }] : [],
    avatarUrl: p.avatarUrl,
    providerUpdatedAt: null,
  };
}

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
