import { describe, expect, it } from 'vitest';
import { fromProviderPerson } from '../friends/stored-person';
import { toPerson } from './google-contacts';
import { PeoplePersonSchema } from './google-schemas';

describe('a People contact as Kith keeps it', () => {
  it('keeps every email and phone with its label, the primary first, the name parts and the last change', () => {
    const person = PeoplePersonSchema.parse({
      resourceName: 'people/c1',
      metadata: { sources: [{ type: 'CONTACT', updateTime: '2026-11-02T10:00:00Z' }, { type: 'PROFILE', updateTime: '2026-11-20T08:30:00.123Z' }] },
      names: [{ metadata: { primary: true }, displayName: 'Amara Castillo', givenName: 'Amara', familyName: 'Castillo' }],
      emailAddresses: [
        { value: 'amara@work.example', type: 'work', formattedType: 'Work' },
        { metadata: { primary: true }, value: 'amara@example.com', type: 'home', formattedType: 'Home' },
      ],
      phoneNumbers: [{ value: '(555) 010-2345', canonicalForm: '+15550102345', type: 'mobile', formattedType: 'Mobile' }, { value: '020 7946 0000', type: 'Studio' }],
    });
    const stored = fromProviderPerson(toPerson('people/c1', person));
    expect(stored).toEqual({
      personId: 'people/c1',
      displayName: 'Amara Castillo',
      givenName: 'Amara',
      familyName: 'Castillo',
      emails: [
        { value: 'amara@example.com', label: 'Home' },
        { value: 'amara@work.example', label: 'Work' },
      ],
      phones: [
        { value: '(555) 010-2345', label: 'Mobile', canonical: '+15550102345' },
        { value: '020 7946 0000', label: 'Studio', canonical: null },
      ],
      avatarUrl: null,
      providerUpdatedAt: '2026-11-20T08:30:00.123Z',
    });
  });
});
