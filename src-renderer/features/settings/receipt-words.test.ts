import { describe, expect, it } from 'vitest';
import type { ReceiptAccount } from '../../../src-contract/kith-api';
import { deletedHereWords, endedElsewhereWords, receiptTitle, revocationWords } from './receipt-words';

const NOW = Date.UTC(2026, 11, 2, 10, 0);
const kofi = (revocation: Partial<ReceiptAccount['revocation']>): ReceiptAccount => ({
  accountId: 'acc_kofi0001',
  provider: 'facebook',
  displayName: 'Kofi Mensah',
  email: null,
  deleted: { tokens: true, cachedFriends: 30 },
  revocation: { state: 'pending', settledAt: null, attempts: 2, nextAttemptAt: NOW + 4 * 60_000, problem: 'E_PROVIDER', ...revocation },
});

describe('what a receipt says', () => {
  it('says a pending revocation in plain words: who waits for whom, and that Kith keeps trying', () => {
    const words = revocationWords(kofi({}), NOW);
    expect(words.text).toBe('Waiting for Facebook to confirm removing Kith from Kofi Mensah’s account — Kith retries every few minutes.');
    expect(words.detail).toBe('Last try: Facebook answered with an error, next try in 4 minutes.');
    expect(words.text).not.toMatch(/\(revocation\)|cannot be reached/);
    expect(revocationWords(kofi({ problem: 'E_OFFLINE' }), NOW).detail).toMatch(/^Last try: Facebook could not be reached/);
  });

  it('says when the provider confirmed, and what was deleted here', () => {
    const confirmed = kofi({ state: 'confirmed', settledAt: Date.UTC(2026, 11, 2, 9, 30), nextAttemptAt: null, problem: null });
    expect(revocationWords(confirmed, NOW).text).toMatch(/^Facebook confirmed removing Kith from Kofi Mensah’s account on 2 Dec 2026, \d\d:30\.$/);
    expect(deletedHereWords(confirmed)).toBe('Deleted here: the saved sign-in and 30 cached friends.');
    expect(receiptTitle({ scope: 'account', accounts: [confirmed] })).toBe('Disconnected Kofi Mensah’s Facebook account');
  });

  it('tells the person where to remove Kith themselves when Kith gave up, lost the request or could not ask', () => {
    expect(revocationWords(kofi({ state: 'failed' }), NOW)).toMatchObject({ tone: 'warning', detail: 'To be sure, remove Kith in Facebook’s Apps and Websites settings.' });
    expect(revocationWords(kofi({ state: 'failed', problem: 'E_STORAGE' }), NOW).text).toMatch(/lost its request/);
    const google = { ...kofi({ state: 'not_possible' }), provider: 'google' as const };
    expect(revocationWords(google, NOW).detail).toMatch(/myaccount\.google\.com\/connections/);
  });

  it('lists the script tokens and sessions a disconnect everywhere ended', () => {
    expect(endedElsewhereWords({ scriptTokensEnded: ['backup', 'crm sync'], sessionsEnded: 1 })).toEqual([
      'Script access ended: 2 tokens (backup, crm sync).',
      '1 browser session of kith serve ended.',
    ]);
    expect(endedElsewhereWords({ scriptTokensEnded: [], sessionsEnded: 0 })).toEqual([]);
  });
});
