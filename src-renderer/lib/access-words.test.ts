import { describe, expect, it } from 'vitest';
import { accessEndsWords, firstName, missingPermissionWords } from './access-words';

const now = Date.UTC(2026, 11, 1, 9, 0);

describe('access words', () => {
  it('says when Kith’s access ends and why, in the person’s words', () => {
    expect(accessEndsWords(Date.UTC(2026, 11, 8, 14, 0), 'time_limited', 'google', now, 'UTC')).toBe(
      'Kith’s access ends on 8 Dec, 14:00 — you chose time-limited access',
    );
    expect(accessEndsWords(Date.UTC(2027, 0, 30, 8, 5), 'token_expires', 'facebook', now, 'UTC')).toBe(
      'Kith’s access ends on 30 Jan 2027, 08:05 — Facebook gives Kith no way to renew it',
    );
    expect(accessEndsWords(now - 60_000, 'app_in_testing', 'google', now, 'UTC')).toMatch(/^Kith’s access ended on 1 Dec, 08:59 — .*testing/);
    expect(accessEndsWords(null, null, 'google', now)).toBeNull();
  });

  it('names what was not shared and the button that asks again, per provider', () => {
    expect(missingPermissionWords('google')).toMatchObject({ title: "You didn't share your contacts with Kith", action: 'Share contacts' });
    expect(missingPermissionWords('facebook')).toMatchObject({ title: "You didn't share your friends list with Kith", action: 'Share friends list' });
  });

  it('takes a first name for a button, or the whole label', () => {
    expect(firstName('Ada Lovelace')).toBe('Ada');
    expect(firstName('ada@example.com')).toBe('ada@example.com');
  });
});
