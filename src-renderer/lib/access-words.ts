// What Kith may read from an account, and until when, in words: a permission the
// person did not share at the provider, and the end of Kith's access with the
// reason the provider gave. Pure functions, tested without a DOM.
import type { Permission, ProviderId, ReconnectReason } from '../../src-contract/kith-api';
import { providerName } from '../../src-contract/provider-names';

export interface PermissionWords {
  /** "You didn't share your contacts with Kith" */
  title: string;
  /** What it means and what the button does. */
  detail: string;
  /** The button that asks the provider again: "Share contacts". */
  action: string;
}

export function missingPermissionWords(provider: ProviderId, _permission: Permission = 'friends'): PermissionWords {
  const who = providerName(provider);
  if (provider === 'google') {
    return {
      title: "You didn't share your contacts with Kith",
      detail: `The account is connected, but ${who} did not give Kith your contacts, so there is nothing to sync. Share them to see them here.`,
      action: 'Share contacts',
    };
  }
  return {
    title: "You didn't share your friends list with Kith",
    detail: `The account is connected, but ${who} did not give Kith your friends list, so there is nothing to sync. Share it to see your friends here.`,
    action: 'Share friends list',
  };
}

function reasonWords(reason: ReconnectReason, provider: ProviderId): string {
  switch (reason) {
    case 'time_limited':
      return 'you chose time-limited access';
    case 'app_in_testing':
      return 'Kith’s Google project is still in testing, which limits access to 7 days';
    case 'token_expires':
      return `${providerName(provider)} gives Kith no way to renew it`;
  }
}

/** "8 Dec, 14:00" (the year only when it is not this year's). */
export function formatDayTime(at: number, now: number, timeZone?: string): string {
  const sameYear = new Date(at).getUTCFullYear() === new Date(now).getUTCFullYear();
  return new Intl.DateTimeFormat('en-GB', {
    day: 'numeric',
    month: 'short',
    ...(sameYear ? {} : { year: 'numeric' }),
    hour: '2-digit',
    minute: '2-digit',
    timeZone,
  }).format(at);
}

/** "Kith’s access ends on 8 Dec, 14:00 — you chose time-limited access"; null when access has no end. */
export function accessEndsWords(reconnectBy: number | null, reason: ReconnectReason | null, provider: ProviderId, now: number, timeZone?: string): string | null {
  if (reconnectBy === null) return null;
  const when = formatDayTime(reconnectBy, now, timeZone);
  const verb = reconnectBy <= now ? 'ended' : 'ends';
  return `Kith’s access ${verb} on ${when}${reason ? ` — ${reasonWords(reason, provider)}` : ''}`;
}

/** "Ada" from "Ada Lovelace", for button labels; the whole label when it is one word (an email). */
export function firstName(displayName: string): string {
  const first = displayName.trim().split(/\s+/)[0];
  return first && first.length > 0 ? first : displayName;
}
