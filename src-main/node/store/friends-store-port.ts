// The port the core's friends sync and queries would depend on, in place of
// FriendsCache + FriendIndex + FriendsQuery. It belongs in src-main/core/ports.ts
// (with StoredPerson and its schema in the core); it sits here until the core
// is wired to it, so that wiring is a move, not a rewrite.
// sqlite-friends-store.ts implements it over the encrypted database.
import type { ProviderId } from '../../../src-contract/kith-api';
import type { StoredPerson } from './stored-person';

export type { StoredPerson };

/** Where an account's sync stands, as the last committed page left it. */
export interface FriendSyncState {
  accountId: string;
  provider: ProviderId;
  /** A sync in progress (its pages committed so far are staged or applied), or null. */
  syncing: 'full' | 'incremental' | null;
  /** The provider's page token for the next page of the sync in progress (resume point), or null. */
  cursor: string | null;
  /** People's nextSyncToken of the last completed sync; null for Facebook or before one. */
  syncToken: string | null;
  /** When the last sync completed (ms since the epoch), or null. */
  lastSyncedAt: number | null;
  /** People held for the account (the last completed sync's, plus incremental pages since). */
  friendCount: number;
  /** The provider's own total when it says one (Facebook summary.total_count). */
  friendTotal: number | null;
}

/** One provider page, committed in one transaction together with the sync state it leads to. */
export interface SyncPage {
  upserts: StoredPerson[];
  /** Person ids removed since the last sync (incremental syncs). */
  deletes: string[];
  syncState: {
    /** The next page's token; null marks this page as the last one, which completes the sync. */
    cursor: string | null;
    /** On the last page: the token for the next incremental sync (null when the provider gives none). */
    syncToken?: string | null;
    friendTotal?: number | null;
    /** On the last page: when the sync completed. */
    syncedAt?: number;
  };
}

export interface FriendsSearch {
  /** Words matched as prefixes in any order against names, emails and phones; case and accents ignored. */
  text?: string;
  accountId?: string;
  provider?: ProviderId;
  limit: number;
  /** The `nextCursor` of the previous page of the same search. */
  after?: string | null;
}

export interface StoredFriend extends StoredPerson {
  /** Unique across accounts: `${accountId}:${personId}` (the contract's Friend.id). */
  id: string;
  accountId: string;
  provider: ProviderId;
}

export interface FriendsSearchPage {
  /** In name order (case and accents ignored), ties by account and person id. */
  items: StoredFriend[];
  /** Passed back as `after` for the next page; null when this page is the last. */
  nextCursor: string | null;
  /** How many people match the search (all pages). */
  total: number;
}

export interface FriendsStorePort {
  syncState(accountId: string): Promise<FriendSyncState | null>;
  /**
   * Starts a sync. A full sync stages its pages apart: searches keep seeing the previous
   * content until its last page commits, which replaces it in one step (a crash leaves the
   * old or the new list). An earlier full sync that never finished is dropped.
   */
  beginSync(accountId: string, provider: ProviderId, mode: 'full' | 'incremental'): Promise<void>;
  /** Commits one page and its sync state in one transaction. */
  applyPage(accountId: string, page: SyncPage): Promise<FriendSyncState>;
  /** Drops a full sync's staged pages (the listing failed); the held people stay as they were. */
  abandonSync(accountId: string): Promise<void>;
  search(query: FriendsSearch): Promise<FriendsSearchPage>;
  /** Forgets the account: its people, staged pages and sync state. */
  forgetAccount(accountId: string): Promise<void>;
}
