// Why the friend list is empty, told truthfully: the accounts in view say whether
// they were never synced, synced with nobody, kept their contacts from Kith, or
// lost access; a search says it matched no one. Only an empty list has a reason.
import type { AccountSummary } from '../../../src-contract/kith-api';

export type EmptyReason =
  | { kind: 'no_accounts' }
  | { kind: 'no_match'; search: string }
  | { kind: 'permission'; accounts: readonly AccountSummary[] }
  | { kind: 'reconnect'; accounts: readonly AccountSummary[] }
  | { kind: 'never_synced'; accounts: readonly AccountSummary[] }
  | { kind: 'synced_empty'; accounts: readonly AccountSummary[] };

/**
 * The reason for an empty list of the accounts `inScope` (all, or the one filtered to).
 * Most specific first: a search that matches nobody says so whatever the accounts; then
 * what stops accounts from having anyone (permission, access), then never synced.
 */
export function emptyReason(inScope: readonly AccountSummary[], search: string): EmptyReason {
  const query = search.trim();
  if (query) return { kind: 'no_match', search: query };
  if (inScope.length === 0) return { kind: 'no_accounts' };
  const unshared = inScope.filter((a) => a.missingPermissions.includes('friends'));
  if (unshared.length === inScope.length) return { kind: 'permission', accounts: unshared };
  const reconnect = inScope.filter((a) => a.status === 'needs_reconnect');
  const reachable = inScope.filter((a) => a.status !== 'needs_reconnect' && !a.missingPermissions.includes('friends'));
  if (reachable.length === 0) return reconnect.length > 0 ? { kind: 'reconnect', accounts: reconnect } : { kind: 'permission', accounts: unshared };
  const synced = reachable.filter((a) => a.lastSyncedAt !== null);
  if (synced.length === 0) return { kind: 'never_synced', accounts: reachable };
  return { kind: 'synced_empty', accounts: synced };
}
