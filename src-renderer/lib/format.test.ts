import { describe, expect, it } from 'vitest';
import {
  formatCount,
  formatDate,
  formatFacebookShare,
  formatFriendCount,
  formatLastSynced,
  formatRelative,
  formatSyncProgress,
  initials,
  reconnectWarning,
} from './format';

const now = Date.UTC(2026, 10, 23, 15, 0, 0);
const minute = 60_000;
const day = 86_400_000;

describe('counts', () => {
  it('groups thousands and pluralises', () => {
    expect(formatCount(1234)).toBe('1,234');
    expect(formatFriendCount(0)).toBe('0 friends');
    expect(formatFriendCount(1)).toBe('1 friend');
    expect(formatFriendCount(25_000)).toBe('25,000 friends');
  });

  it('says how many Facebook friends use Kith, with the verb agreeing', () => {
    expect(formatFacebookShare(12, 340)).toBe('12 of 340 friends use Kith');
    expect(formatFacebookShare(1, 1_212)).toBe('1 of 1,212 friends uses Kith');
  });

  it('shows sync progress with or without a known total', () => {
    expect(formatSyncProgress(1200, 5000)).toBe('Syncing 1,200 of 5,000');
    expect(formatSyncProgress(6000, 5000)).toBe('Syncing 5,000 of 5,000');
    expect(formatSyncProgress(300, null)).toBe('Syncing 300 so far');
  });
});

describe('times', () => {
  it('reads recent past times as a person would say them', () => {
    expect(formatRelative(now - 10_000, now)).toBe('just now');
    expect(formatRelative(now - 5 * minute, now)).toBe('5 minutes ago');
    expect(formatRelative(now - 3 * 60 * minute, now)).toBe('3 hours ago');
    expect(formatRelative(now - day, now)).toBe('yesterday');
    expect(formatRelative(now + 30_000, now)).toBe('in 30 seconds');
    expect(formatRelative(now + 5 * day, now)).toBe('in 5 days');
  });

  it('says when an account has never synced', () => {
    expect(formatLastSynced(null, now)).toBe('Never synced');
    expect(formatLastSynced(now - 42 * minute, now)).toBe('Last synced 42 minutes ago');
  });

  it('formats dates in the given time zone', () => {
    expect(formatDate(now, 'UTC')).toBe('23 Nov 2026');
  });
});

describe('reconnect warning', () => {
  it('warns within seven days of reconnectBy, and after it lapsed', () => {
    expect(reconnectWarning(null, now)).toEqual({ kind: 'none' });
    expect(reconnectWarning(now + 30 * day, now)).toEqual({ kind: 'none' });
    expect(reconnectWarning(now + 5 * day, now)).toEqual({ kind: 'soon', at: now + 5 * day });
    expect(reconnectWarning(now - minute, now)).toEqual({ kind: 'lapsed', at: now - minute });
  });
});

describe('initials', () => {
  it('takes the first and last word', () => {
    expect(initials('Ada Lovelace')).toBe('AL');
    expect(initials('Guido van Rossum')).toBe('GR');
    expect(initials('cher')).toBe('C');
    expect(initials('  ')).toBe('?');
  });
});
