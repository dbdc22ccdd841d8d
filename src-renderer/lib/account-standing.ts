// Where an account stands, in one short label and the one action that helps,
// for lists that show many accounts at once (Settings): needs reconnecting,
// access about to end or ended, a permission kept back, a failed last sync, or
// simply connected. The account card on the Accounts page says the same at
// length. Pure, tested without a DOM.
import type { AccountSummary } from '../../src-contract/kith-api';
import { missingPermissionWords } from './access-words';
import { needsReconnect } from './error-words';
import { formatDate, reconnectWarning } from './format';

export type StandingAction = { kind: 'reconnect'; label: 'Reconnect' } | { kind: 'share-friends'; label: string } | { kind: 'sync'; label: 'Sync now' };

export interface AccountStanding {
  label: string;
  tone: 'ok' | 'warn' | 'bad';
  /** The one thing that fixes it, or null when nothing needs doing. */
  action: StandingAction | null;
}

export function accountStanding(account: AccountSummary, now: number, options: { offline?: boolean } = {}): AccountStanding {
  if (account.status === 'needs_reconnect') return { label: 'Needs reconnecting', tone: 'bad', action: { kind: 'reconnect', label: 'Reconnect' } };
  const warning = reconnectWarning(account.reconnectBy, now);
  if (warning.kind === 'lapsed') return { label: 'Access ended', tone: 'bad', action: { kind: 'reconnect', label: 'Reconnect' } };
  if (warning.kind === 'soon') return { label: `Access ends ${formatDate(warning.at)}`, tone: 'warn', action: { kind: 'reconnect', label: 'Reconnect' } };
  if (account.missingPermissions.includes('friends')) {
    const words = missingPermissionWords(account.provider, 'friends');
    return { label: account.provider === 'google' ? 'Contacts not shared' : 'Friends list not shared', tone: 'warn', action: { kind: 'share-friends', label: words.action } };
  }
  const syncError = account.lastSyncError;
  // Offline is said once, by the offline notice; a reconnect-type error turns the status above.
  if (syncError && !needsReconnect(syncError.code) && !(options.offline && syncError.code === 'E_OFFLINE')) {
    return { label: 'Last sync failed', tone: 'warn', action: { kind: 'sync', label: 'Sync now' } };
  }
  return { label: 'Connected', tone: 'ok', action: null };
}
