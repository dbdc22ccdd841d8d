// Where each account stands for the Friends list, and why a list is empty,
// from what Kith knows without the network: the granted scopes (a person may
// sign in and not share their contacts or friends), the account's status, the
// last completed sync and what the store holds. Each state has its own words
// and action in the UI; this module never says "no friends synced yet" about
// an account that synced, or that was never allowed to.
import type { FriendAccountState, FriendEmptyReason, Permission, ProviderId } from '../../../src-contract/kith-api';
import { missingPermissions } from '../providers/permission-scopes';

export interface AccountFacts {
  accountId: string;
  provider: ProviderId;
  scopes: readonly string[];
  status: 'active' | 'needs_reconnect';
  lastSyncedAt: number | null;
  /** A sync has begun and not finished (the store's sync state). */
  syncing: boolean;
  /** Entries the store holds for the account. */
  entries: number;
}

export interface AccountStanding {
  accountId: string;
  state: FriendAccountState;
  entries: number;
  missingPermissions: Permission[];
}

export function accountStanding(facts: AccountFacts): AccountStanding {
  const missing = missingPermissions(facts.provider, facts.scopes);
  const state: FriendAccountState = missing.includes('friends')
    ? 'permission_missing'
    : facts.status === 'needs_reconnect'
      ? 'needs_reconnect'
      : facts.entries > 0
        ? 'ready'
        : facts.lastSyncedAt === null
          ? facts.syncing
            ? 'first_sync_running'
            : 'never_synced'
          : 'synced_empty';
  return { accountId: facts.accountId, state, entries: facts.entries, missingPermissions: missing };
}

/** Most actionable first: a button that asks again beats waiting for a sync. */
const PRIORITY: readonly FriendEmptyReason[] = ['permission_missing', 'needs_reconnect', 'first_sync_running', 'never_synced', 'synced_empty'];

/**
 * Why a query matched no one. `accounts` are the accounts the query covers (one when filtered
 * by account, a provider's when filtered by provider). Null when it matched someone.
 */
export function emptyReason(accounts: readonly AccountStanding[], matched: number): { reason: FriendEmptyReason; accountIds: string[] } | null {
  if (matched > 0) return null;
  if (accounts.length === 0) return { reason: 'no_accounts', accountIds: [] };
  // The accounts hold people, so the search or filter is what left none.
  if (accounts.some((a) => a.entries > 0)) return { reason: 'no_match', accountIds: [] };
  for (const reason of PRIORITY) {
    const about = accounts.filter((a) => a.state === reason).map((a) => a.accountId);
    if (about.length > 0) return { reason, accountIds: about };
  }
  return { reason: 'synced_empty', accountIds: accounts.map((a) => a.accountId) };
}
