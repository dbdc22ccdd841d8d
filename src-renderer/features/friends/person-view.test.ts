import { describe, expect, it } from 'vitest';
import { toFriendRow, type Friend } from '../../../src-contract/kith-api';
import { sampleFriend } from '../../../src-contract/testing/stub-kith-api';
import { fieldLabel, mergeExplanation, personFromFriend, primaryFields, rowFields } from './person-view';

const facebookSource = {
  ...sampleFriend.sources[0]!,
  id: 'acc_kofi001:9001',
  accountId: 'acc_kofi001',
  provider: 'facebook' as const,
  accountName: 'Kofi Mensah',
  accountEmail: null,
  emails: [],
  phones: [],
  sameAs: { kind: 'name' as const, value: 'Bob Example', withSourceId: sampleFriend.id },
};
const merged: Friend = { ...sampleFriend, sources: [...sampleFriend.sources, facebookSource] };

describe('a person as the details view shows them', () => {
  it('lists every email and phone with its label and the sources holding it', () => {
    const person = personFromFriend(sampleFriend);
    expect(person.fields.map((f) => [fieldLabel(f), f.value, f.sourceKeys])).toEqual([
      ['Home email', 'bob@example.com', [sampleFriend.id]],
      ['Mobile phone', '+1 555 0100', [sampleFriend.id]],
    ]);
    expect(primaryFields(person).phone?.value).toBe('+1 555 0100');
  });

  it('gives a row the same first email and phone as its details, labels included, for the E and P shortcuts', () => {
    const bare = (field: { kind: string; value: string; label: string | null } | null) => field && { kind: field.kind, value: field.value, label: field.label };
    for (const friend of [sampleFriend, merged]) {
      const details = primaryFields(personFromFriend(friend));
      expect(rowFields(toFriendRow(friend))).toEqual({ email: bare(details.email), phone: bare(details.phone) });
    }
    expect(rowFields(toFriendRow(sampleFriend)).email).toEqual({ kind: 'email', value: 'bob@example.com', label: 'Home' });
    expect(rowFields(toFriendRow({ ...sampleFriend, emails: [], phones: [], email: null, phone: null }))).toEqual({ email: null, phone: null });
  });

  it('says why entries from two accounts are one person', () => {
    const person = personFromFriend(merged);
    expect(person.sources.map((s) => s.accountName)).toEqual(['Alice Example', 'Kofi Mensah']);
    expect(mergeExplanation(person)).toEqual(['Also in Kofi Mensah’s Facebook: the same name, Bob Example.']);
    expect(mergeExplanation(personFromFriend(sampleFriend))).toEqual([]);
  });

  it('names a field by its label, without repeating the noun or Google’s "*" for the primary one', () => {
    expect(fieldLabel({ kind: 'email', label: null })).toBe('Email');
    expect(fieldLabel({ kind: 'phone', label: 'mobile' })).toBe('Mobile phone');
    expect(fieldLabel({ kind: 'email', label: '* Work' })).toBe('Work email');
    expect(fieldLabel({ kind: 'phone', label: 'Work Phone' })).toBe('Work phone');
  });
});
