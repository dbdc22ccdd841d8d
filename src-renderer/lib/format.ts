// Numbers and times as a person reads them. Pure functions of their inputs (and of
// `now`, passed in) so they can be tested without a clock or a DOM.

const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** 1234 -> "1,234". */
export function formatCount(n: number): string {
  return integer.format(n);
}

/** Singular or plural with a grouped count: "1 friend", "1,234 friends". */
export function pluralize(n: number, singular: string, plural = `${singular}s`): string {
  return `${formatCount(n)} ${n === 1 ? singular : plural}`;
}

export function formatFriendCount(n: number): string {
  return pluralize(n, 'friend');
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const relative = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });

/** "just now", "5 minutes ago", "in 3 days", "yesterday". */
export function formatRelative(at: number, now: number): string {
  const diff = at - now;
  const abs = Math.abs(diff);
  if (diff <= 0 ? abs < 45_000 : abs < 5_000) return 'just now';
  if (abs < 45_000) return relative.format(Math.round(diff / 1000), 'second');
  if (abs < HOUR) return relative.format(Math.round(diff / MINUTE), 'minute');
  if (abs < DAY) return relative.format(Math.round(diff / HOUR), 'hour');
  if (abs < 30 * DAY) return relative.format(Math.round(diff / DAY), 'day');
  return relative.format(Math.round(diff / (30 * DAY)), 'month');
}

/** A full local date and time, for tooltips and the offline banner: "23 Nov 2026, 14:05". */
export function formatDateTime(at: number, timeZone?: string): string {
  return new Intl.DateTimeFormat('en-GB', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone,
  }).format(at);
}

/** A local date: "28 Nov 2026". */
export function formatDate(at: number, timeZone?: string): string {
  return new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone }).format(at);
}

/** "Last synced 5 minutes ago" or "Never synced". */
export function formatLastSynced(lastSyncedAt: number | null, now: number): string {
  // `now` ticks every 30 s, so a sync that just finished can look a few seconds ahead of it.
  return lastSyncedAt === null ? 'Never synced' : `Last synced ${formatRelative(Math.min(lastSyncedAt, now), now)}`;
}

/** "Syncing 1,200 of 5,000" when the provider said how many, else "Syncing 1,200 so far". */
export function formatSyncProgress(fetched: number, total: number | null): string {
  if (total === null) return `Syncing ${formatCount(fetched)} so far`;
  return `Syncing ${formatCount(Math.min(fetched, total))} of ${formatCount(total)}`;
}

/** Facebook lists only friends who also granted the app access: "12 of 340 friends use Kith". */
export function formatFacebookShare(friendCount: number, friendTotal: number): string {
  return `${formatCount(friendCount)} of ${pluralize(friendTotal, 'friend')} ${friendCount === 1 ? 'uses' : 'use'} Kith`;
}

/** Up to two initials for an avatar placeholder: "Ada Lovelace" -> "AL". */
export function initials(name: string): string {
  const words = name
    .trim()
    .split(/\s+/)
    .filter((w) => w.length > 0);
  const first = words[0]?.[0] ?? '?';
  const last = words.length > 1 ? (words[words.length - 1]?.[0] ?? '') : '';
  return (first + last).toUpperCase();
}

/** How many days before `reconnectBy` Kith starts warning. */
export const RECONNECT_WARNING_MS = 7 * DAY;

export type ReconnectWarning = { kind: 'none' } | { kind: 'soon'; at: number } | { kind: 'lapsed'; at: number };

export function reconnectWarning(reconnectBy: number | null, now: number, windowMs = RECONNECT_WARNING_MS): ReconnectWarning {
  if (reconnectBy === null) return { kind: 'none' };
  if (reconnectBy <= now) return { kind: 'lapsed', at: reconnectBy };
  if (reconnectBy - now <= windowMs) return { kind: 'soon', at: reconnectBy };
  return { kind: 'none' };
}
