// A contact or friend as the store keeps it: everything the provider layer
// reads today (ProviderPerson: name, email, phone, avatar) plus the People
// fields that come with the same request — given and family names, every
// email and phone with its label, E.164 form, and the source's update time
// (People API, Person resource: names[], emailAddresses[], phoneNumbers[].canonicalForm,
// metadata.sources[].updateTime — https://developers.google.com/people/api/rest/v1/people#Person).
// Facebook's /me/friends gives a name and a picture only; the rest stays empty.
import { z } from 'zod';
import type { ProviderPerson } from '../providers/provider';

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

/** The provider's shape, with its details where it gives them (values cut to what the store accepts). */
export function fromProviderPerson(p: ProviderPerson): StoredPerson {
  const d = p.details;
  const cut = (text: string | null, max: number) => (text === null ? null : text.slice(0, max));
  return {
    personId: p.personId,
    displayName: p.name,
    givenName: cut(d?.givenName ?? null, 500),
    familyName: cut(d?.familyName ?? null, 500),
    emails: d
      ? d.emails.slice(0, 100).map((e) => ({ value: e.value.slice(0, 320), label: cut(e.label, 100) }))
      : p.email
        ? [{ value: p.email, label: null }]
        : [],
    phones: d
      ? d.phones.slice(0, 100).map((ph) => ({ value: ph.value.slice(0, 100), label: cut(ph.label, 100), canonical: cut(ph.canonical, 32) }))
      : p.phone
        ? [{ value: p.phone, label: null }]
        : [],
    avatarUrl: p.avatarUrl,
    providerUpdatedAt: cut(d?.updatedAt ?? null, 64),
  };
}

/** Case and accents removed, for ordering and matching ("Zoë" → "zoe"). */
export function fold(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}
