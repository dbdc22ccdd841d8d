import { describe, expect, it } from 'vitest';
import type { ProviderId } from '../../../src-contract/kith-api';
import type { StoredPerson } from '../ports';
import { mergeKeysOf, mergePeople, sameAsOf, type MergeInput } from './merge-people';
import { nameKey } from './person-keys';

const person = (personId: string, displayName: string, emails: string[] = [], phones: string[] = []): StoredPerson => ({
  personId,
  displayName,
  givenName: null,
  familyName: null,
  emails: emails.map((value) => ({ value, label: null })),
  phones: phones.map((value) => ({ value, label: null })),
  avatarUrl: null,
  providerUpdatedAt: null,
});
const input = (provider: ProviderId, p: StoredPerson): MergeInput => ({ provider, personId: p.personId, keys: mergeKeysOf(provider, p), name: nameKey(p.displayName) });
const groups = (entries: [ProviderId, StoredPerson][]) => [...mergePeople(entries.map(([provider, p]) => input(provider, p)))];

describe('one person across accounts', () => {
  it('joins entries that share an email, whatever its case and spaces', () => {
    expect(groups([
      ['google', person('c1', 'Amara Castillo', ['Amara@Example.com'])],
      ['google', person('c9', 'Amara C.', [' amara@example.com'])],
      ['google', person('c2', 'Bo Berg', ['bo@example.com'])],
    ])).toEqual([0, 0, 2]);
  });

  it('joins entries that share a phone number written nationally and internationally', () => {
    expect(groups([
      ['google', person('c1', 'Kofi Mensah', [], ['(555) 010-2345'])],
      ['google', person('c2', 'Kofi', [], ['+1 555 010 2345'])],
      ['google', person('c5', 'Neighbour', [], ['+1 (655) 010-2345'])],
      ['google', person('c3', 'Front desk', [], ['2345'])],
      ['google', person('c4', 'Other desk', [], ['2345'])],
    ])).toEqual([0, 0, 2, 3, 4]);
  });

  it('joins transitively: a work email links one entry, a phone the next', () => {
    expect(groups([
      ['google', person('c1', 'Ann Lee', ['ann@home.example'])],
      ['google', person('c7', 'Ann Lee', ['ann@work.example'], ['+44 20 7946 0000'])],
      ['google', person('c3', 'Ann', ['ann@home.example', 'ann@work.example'])],
      ['google', person('c4', 'A. Lee', [], ['020 7946 0000'])],
    ])).toEqual([0, 0, 0, 0]);
  });

  it('joins a Facebook friend to the one contact with the same name, and never two namesakes', () => {
    expect(groups([
      ['google', person('c1', 'Amara Castillo', ['amara@example.com'])],
      ['facebook', person('2001', 'Amara Castillo')],
      ['google', person('c2', 'John Smith', ['john@a.example'])],
      ['google', person('c3', 'John Smith', ['john@b.example'])],
      ['facebook', person('2002', 'John Smith')],
      ['facebook', person('2003', 'Zoë Park')],
      ['facebook', person('2004', 'Zoe Park')],
      ['google', person('c5', 'Zoe Park')],
    ])).toEqual([0, 0, 2, 3, 4, 5, 6, 7]);
  });

  it('joins one Facebook friend seen from two Facebook accounts (one app-scoped id)', () => {
    expect(groups([
      ['facebook', person('2001', 'Lars Berg')],
      ['facebook', person('2001', 'Lars Berg')],
      ['google', person('c1', 'Lars Berg', ['lars@example.com'])],
    ])).toEqual([0, 0, 0]);
  });

  it('never joins on a one-word name', () => {
    expect(groups([
      ['google', person('c1', 'Mum', ['mum@example.com'])],
      ['facebook', person('2001', 'Mum')],
    ])).toEqual([0, 1]);
  });
});

describe('why a source is part of a person', () => {
  it('names the shared email, phone or name, and the source it is shared with', () => {
    const members = [
      { id: 'acc_g1xxxx:c1', provider: 'google' as const, person: person('c1', 'Amara Castillo', ['amara@example.com'], ['555 010 2345']) },
      { id: 'acc_g2xxxx:c8', provider: 'google' as const, person: person('c8', 'Amara', ['AMARA@example.com']) },
      { id: 'acc_g3xxxx:c2', provider: 'google' as const, person: person('c2', 'A Castillo', [], ['+1 (555) 010-2345']) },
      { id: 'acc_fbxxxx:2001', provider: 'facebook' as const, person: person('2001', 'Amara Castillo') },
    ];
    expect(sameAsOf(members)).toEqual([
      null,
      { kind: 'email', value: 'AMARA@example.com', withSourceId: 'acc_g1xxxx:c1' },
      { kind: 'phone', value: '+1 (555) 010-2345', withSourceId: 'acc_g1xxxx:c1' },
      { kind: 'name', value: 'Amara Castillo', withSourceId: 'acc_g1xxxx:c1' },
    ]);
  });
});
