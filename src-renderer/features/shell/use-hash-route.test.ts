import { describe, expect, it } from 'vitest';
import { routeFromHash } from './use-hash-route';

describe('routeFromHash', () => {
  it('reads the page from the hash and falls back to Accounts', () => {
    expect(routeFromHash('#/friends')).toBe('friends');
    expect(routeFromHash('#settings')).toBe('settings');
    expect(routeFromHash('')).toBe('accounts');
    expect(routeFromHash('#/nope')).toBe('accounts');
  });
});
