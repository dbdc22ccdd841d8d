// A contact as people.connections.list returns it, limited to personFields.
// Google omits empty fields; so does the sandbox.
import type { SeedContact } from '../seed/contacts';

export const VALID_PERSON_FIELDS = new Set([
  'addresses', 'ageRanges', 'biographies', 'birthdays', 'calendarUrls', 'clientData', 'coverPhotos', 'emailAddresses',
  'events', 'externalIds', 'genders', 'imClients', 'interests', 'locales', 'locations', 'memberships', 'metadata',
  'miscKeywords', 'names', 'nicknames', 'occupations', 'organizations', 'phoneNumbers', 'photos', 'relations',
  'sipAddresses', 'skills', 'urls', 'userDefined',
]);

const EPOCH = Date.UTC(2024, 0, 1);

function etag(contact: SeedContact): string {
  return '%' + Buffer.from(`${contact.resourceName}#${contact.revision}`).toString('base64url');
}

export function personJson(contact: SeedContact, fields: ReadonlySet<string>, baseUrl: string, deleted = false): Record<string, unknown> {
  const sourceId = contact.index.toString(16);
  const source = { type: 'CONTACT', id: sourceId };
  const fieldMeta = (primary: boolean) => ({ ...(primary ? { primary: true } : {}), source });
  const person: Record<string, unknown> = { resourceName: contact.resourceName, etag: etag(contact) };
  if (deleted || fields.has('metadata')) {
    person.metadata = {
      sources: [{ ...source, etag: '#' + sourceId + '-' + contact.revision, updateTime: new Date(EPOCH + contact.index * 60_000 + contact.revision * 86_400_000).toISOString() }],
      objectType: 'PERSON',
      ...(deleted ? { deleted: true } : {}),
    };
  }
  if (deleted) return person;
  if (fields.has('names')) {
    person.names = [
      {
        metadata: fieldMeta(true),
        displayName: `${contact.givenName} ${contact.familyName}`,
        familyName: contact.familyName,
        givenName: contact.givenName,
        displayNameLastFirst: `${contact.familyName}, ${contact.givenName}`,
        unstructuredName: `${contact.givenName} ${contact.familyName}`,
      },
    ];
  }
  if (fields.has('emailAddresses')) person.emailAddresses = [{ metadata: fieldMeta(true), value: contact.email }];
  if (fields.has('phoneNumbers')) {
    person.phoneNumbers = [{ metadata: fieldMeta(true), value: contact.phoneDisplay, canonicalForm: contact.phoneE164, type: 'mobile', formattedType: 'Mobile' }];
  }
  if (fields.has('photos')) person.photos = [{ metadata: fieldMeta(true), url: baseUrl + contact.avatarPath }];
  return person;
}
