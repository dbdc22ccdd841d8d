// Why the friend list is empty, told truthfully: the accounts in view say whether
// they were never synced, synced with nobody, kept their contacts from Kith, or
// lost access; a search says it matched no one. Only an empty list has a reason.
import type { AccountSummary, FriendPage } from '../../../src-contract/kith-api';

export type EmptyReason =
  | { kind: 'no_accounts' }
  | { kind: 'no_match'; search: string }
  | { kind: 'permission'; accounts: readonly AccountSummary[] }
  | { kind: 'reconnect'; accounts: readonly AccountSummary[] }
  | { kind: 'never_synced'; accounts: readonly AccountSummary[] }
  | { kind: 'synced_empty'; accounts: readonly AccountSummary[] };

/**
 * The reason the core gave with the empty page (friends.list's `empty`), with its accounts
 * looked up; a search or filter that matches no one keeps the words the person typed.
 * Without one (a page from before the core said why), the accounts decide (`emptyReason`).
 */
export function emptyReasonOf(empty: FriendPage['empty'], inScope: readonly AccountSummary[], search: string): EmptyReason {
  if (!empty) return emptyReason(inScope, search);
  const named = inScope.filter((a) => empty.accountIds.includes(a.id));
  const about = named.length > 0 ? named : inScope;
  switch (empty.reason) {
    case 'no_accounts':
      return { kind: 'no_accounts' };
    case 'no_match':
      return { kind: 'no_match', search: search.trim() };
    case 'permission_missing':
      return { kind: 'permission', accounts: about };
    case 'needs_reconnect':
      return { kind: 'reconnect', accounts: about };
    case 'first_sync_running':
    case 'never_synced':
      return { kind: 'never_synced', accounts: about };
    case 'synced_empty':
      return { kind: 'synced_empty', accounts: about };
  }
}

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
