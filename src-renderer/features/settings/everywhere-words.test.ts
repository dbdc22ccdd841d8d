import { describe, expect, it } from 'vitest';
import { everywhereLines } from './everywhere-words';

const plan = {
  accounts: [
    { accountId: 'acc_ada00001', provider: 'google' as const, displayName: 'Ada Lovelace', email: 'ada@example.com', cachedFriends: 40 },
    { accountId: 'acc_kofi0001', provider: 'facebook' as const, displayName: 'Kofi Mensah', email: null, cachedFriends: 1 },
  ],
  scriptTokens: [{ name: 'backup', expiresAt: Date.UTC(2026, 11, 30) }],
  sessions: 2,
};

describe('the disconnect everywhere confirmation', () => {
  it('names every grant at its provider, every cache here and every script token', () => {
    const lines = everywhereLines(plan, 'electron');
    expect(lines.providers).toEqual([
      'Google: Kith’s access to Ada Lovelace’s account is revoked on every device.',
      'Facebook: Kith is removed from Kofi Mensah’s apps.',
    ]);
    expect(lines.here).toEqual(['Ada Lovelace (Google): the saved sign-in and 40 cached friends.', 'Kofi Mensah (Facebook): the saved sign-in and 1 cached friend.']);
    expect(lines.scripts).toEqual(['backup (would have expired 30 Dec 2026)']);
    expect(lines.sessions).toBe('2 browser sessions of kith serve.');
  });

  it('warns in the host shell that this window’s session ends too', () => {
    expect(everywhereLines(plan, 'host').sessions).toMatch(/this window’s included: afterwards, open a new link/);
    expect(everywhereLines({ ...plan, sessions: 0 }, 'host').sessions).toBeNull();
  });
});
