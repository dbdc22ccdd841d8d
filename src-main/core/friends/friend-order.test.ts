import { describe, expect, it } from 'vitest';
import { compareTuples, firstNameKey, lastNameKey, letterOf, orderTuple } from './friend-order';

const p = (displayName: string, givenName: string | null = null, familyName: string | null = null) => ({ displayName, givenName, familyName });

describe('the orders of the Friends list', () => {
  it('sorts by last name from the family name, else the last word, accents and case aside', () => {
    expect(lastNameKey(p('Ada Lovelace', 'Ada', 'Lovelace'))).toBe('lovelace ada');
    expect(lastNameKey(p('Émile Zola'))).toBe('zola emile');
    expect(lastNameKey(p('Mary Ann de la Cruz', 'Mary Ann', 'de la Cruz'))).toBe('de la cruz mary ann');
    expect(lastNameKey(p('Cher'))).toBe('cher');
    expect(lastNameKey(p('ann@example.com'))).toBe('ann@example.com');
    expect(firstNameKey(p('  Zoë Park'))).toBe('zoe park');
  });

  it('files names under A–Z, and the rest under #', () => {
    expect([letterOf('emile'), letterOf('9 lives'), letterOf('łukasz'), letterOf('')]).toEqual(['E', '#', '#', '#']);
  });

  it('puts the newest change first and undated entries last', () => {
    const facts = (updated: number, firstKey: string) => ({ firstKey, lastKey: firstKey, updated, account: 1, personId: firstKey });
    const sorted = [facts(-1, 'a'), facts(1000, 'b'), facts(5000, 'c'), facts(-1, 'd')]
      .map((f) => ({ f, t: orderTuple('recently_changed', f) }))
      .sort((x, y) => compareTuples(x.t, y.t))
      .map((x) => x.f.firstKey);
    expect(sorted).toEqual(['c', 'b', 'a', 'd']);
  });
});
