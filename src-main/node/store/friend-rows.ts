// Row shapes of the friends tables (friends-schema.ts), shared by the
// writer, the search and the store that assembles them.
import type { ProviderId } from '../../../src-contract/kith-api';
import type { FriendSyncState } from './friends-store-port';
import { accountMarker, providerMarker } from './search-expression';

export interface AccountRow {
  account_no: number;
  account_id: string;
  provider: ProviderId;
  syncing: 'full' | 'incremental' | null;
  cursor: string | null;
  sync_token: string | null;
  last_synced_at: number | null;
  friend_count: number;
  friend_total: number | null;
}

/** A person as people holds it (the JSON text of serializePerson, and what orders it). */
export interface PeopleRow {
  position: number;
  account_no: number;
  person_id: string;
  sort_key: string;
  person: string;
}

export function stateOf(row: AccountRow): FriendSyncState {
  return {
    accountId: row.account_id,
    provider: row.provider,
    syncing: row.syncing,
    cursor: row.cursor,
    syncToken: row.sync_token,
    lastSyncedAt: row.last_synced_at,
    friendCount: row.friend_count,
    friendTotal: row.friend_total,
  };
}

/** The index tokens that filter by account and by provider. */
export const markersOf = (row: Pick<AccountRow, 'account_no' | 'provider'>) => [accountMarker(row.account_no), providerMarker(row.provider)];
