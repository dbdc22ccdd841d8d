import { describe, expect, it } from 'vitest';
import { apiOrigin, curlLine, endOfDay, expiryWarning } from './script-words';

const DAY = 86_400_000;

describe('script access words', () => {
  it('warns about a token in its last week, not before', () => {
    const now = Date.UTC(2026, 11, 1);
    expect(expiryWarning({ expiresAt: now + 8 * DAY }, now)).toBeNull();
    expect(expiryWarning({ expiresAt: now + 7 * DAY }, now)).toBe('soon');
    expect(expiryWarning({ expiresAt: now + 60_000 }, now)).toBe('soon');
  });

  it('ends a chosen date at the end of that local day, and refuses text that is not one', () => {
    const end = endOfDay('2027-03-04')!;
    const d = new Date(end);
    expect([d.getFullYear(), d.getMonth(), d.getDate(), d.getHours(), d.getMinutes()]).toEqual([2027, 2, 4, 23, 59]);
    expect(endOfDay('04/03/2027')).toBeNull();
    expect(endOfDay('')).toBeNull();
  });

  it('gives a curl line for the server this page came from, on the route the token may read', () => {
    const origin = apiOrigin({ protocol: 'http:', origin: 'http://127.0.0.1:4610' });
    expect(curlLine('kith_p_abc', { abilities: ['friends:read'] }, origin)).toBe('curl -H "Authorization: Bearer kith_p_abc" "http://127.0.0.1:4610/api/v1/friends?limit=50"');
    expect(curlLine('kith_p_abc', { abilities: ['accounts:read'] }, origin)).toContain('/api/v1/accounts"');
    // The desktop window has no server of its own: the line names the one `kith serve --port 4610` starts.
    expect(apiOrigin({ protocol: 'app:', origin: 'null' })).toBe('http://127.0.0.1:4610');
  });
});
