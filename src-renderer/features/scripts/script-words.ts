// The words and small calculations of the "Script access" page: what each
// ability lets a script do, when a token needs a warning, and the ready curl
// line shown with a new secret.
import type { ScriptToken, ScriptTokenAbility } from '../../../src-contract/kith-api';

const DAY = 86_400_000;

/** One sentence per ability, shown beside its checkbox and in the list. */
export const abilityWords: Record<ScriptTokenAbility, { label: string; sentence: string }> = {
  'friends:read': { label: 'Read friends', sentence: 'Read the names, emails and phone numbers of your contacts and friends.' },
  'accounts:read': { label: 'Read accounts', sentence: 'See which accounts are connected (names and emails, never their passwords or tokens).' },
  app: { label: 'Everything', sentence: 'Do everything this window can do, including connecting and disconnecting accounts.' },
};

/** The abilities offered when creating a token here (`app` is only made on the command line). */
export const creatableAbilities = ['friends:read', 'accounts:read'] as const;

export const expiryChoices = [7, 30, 90] as const;

/** A token expiring within this long shows a warning. */
export const EXPIRY_WARNING_MS = 7 * DAY;

export function expiryWarning(token: Pick<ScriptToken, 'expiresAt'>, now: number): 'soon' | null {
  return token.expiresAt - now <= EXPIRY_WARNING_MS ? 'soon' : null;
}

/** yyyy-mm-dd in local time, for <input type="date"> bounds. */
export function dateInputValue(at: number): string {
  const d = new Date(at);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** The end of the chosen local day (23:59:59.999), as ms; null when the text is not a date. */
export function endOfDay(value: string): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return null;
  const at = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]), 23, 59, 59, 999).getTime();
  return Number.isNaN(at) ? null : at;
}

/** The API's origin: this page's when the host server serves it, else the one `kith serve` prints. */
export function apiOrigin(location: Pick<Location, 'protocol' | 'origin'>): string {
  return location.protocol === 'http:' || location.protocol === 'https:' ? location.origin : 'http://127.0.0.1:4610';
}

export function curlLine(secret: string, token: Pick<ScriptToken, 'abilities'>, origin: string): string {
  const path = token.abilities.includes('friends:read') || token.abilities.includes('app') ? '/api/v1/friends?limit=50' : '/api/v1/accounts';
  return `curl -H "Authorization: Bearer ${secret}" "${origin}${path}"`;
}
