// The ports the core depends on. Each shell (Electron, host) wires real
// adapters; tests pass in-memory ones. The core never imports `electron`.
import type { ProviderId, Protection } from '../../src-contract/kith-api';
import type { StoredPerson } from './friends/stored-person';

export type { Protection, StoredPerson };

/** Encrypts secrets before they touch disk. */
export interface Cipher {
  encrypt(plaintext: string): Promise<Uint8Array>;
  /** `shouldReEncrypt` is true when the backend rotated its key (safeStorage) and the caller should store a fresh ciphertext. */
  decrypt(ciphertext: Uint8Array): Promise<{ plaintext: string; shouldReEncrypt: boolean }>;
  protection(): Promise<Protection>;
}

/** A document name: lower-case letters, digits, dashes and underscores ("accounts", "vault", "friends-acc_x"). */
export type DocumentName = string;

export type StoreReadResult =
  | { kind: 'missing' }
  | { kind: 'ok'; value: unknown }
  /** The file could not be parsed; it was moved aside to `movedTo` (never silently dropped). */
  | { kind: 'corrupt'; movedTo: string; reason: string };

/** JSON documents on disk, each written atomically with mode 0600. */
export interface DocumentStore {
  read(name: DocumentName): Promise<StoreReadResult>;
  write(name: DocumentName, value: unknown): Promise<void>;
  remove(name: DocumentName): Promise<void>;
  /**
   * Renames a document that parsed but failed validation out of the way (e.g. to
   * `<name>.invalid-<timestamp>.json`) and returns where it went, so a bad file is
   * kept for inspection instead of being overwritten. Optional: the typed document
   * layer (core/storage) copies the value aside through `write` when it is absent.
   */
  moveAside?(name: DocumentName, reason: string): Promise<string>;
  /**
   * Takes an exclusive lock on a document across processes (the CLI and `kith serve`
   * can run at once) for one read-modify-write; resolves with its release. Optional:
   * a store used by one process only needs none.
   */
  lock?(name: DocumentName): Promise<() => Promise<void>>;
  /** The folder the documents live in, for status and messages. */
  readonly location: string;
}

/** Opens a URL in the system browser (never an embedded webview). */
export interface BrowserOpener {
  open(url: string): Promise<void>;
}

export interface Clock {
  now(): number;
}

/** Logging that must never receive a token; callers pass redacted, structured data. */
export interface Logger {
  info(message: string, data?: Record<string, unknown>): void;
  warn(message: string, data?: Record<string, unknown>): void;
  error(message: string, data?: Record<string, unknown>): void;
}

// ---- The friends store: people, sync state and search, in one database. ----

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
  /** Rows of the search to skip (the contract's offset paging); with `after`, counted after it. */
  offset?: number;
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

export interface FriendsStore {
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
  /** Every account the store holds anything for. */
  accountIds(): Promise<string[]>;
  /** Bulk reads for the people index (friends/friends-index.ts). */
  readonly entries: FriendEntriesReader;
}

/** An account as the people index sees it: `stamp` changes whenever its list may have changed. */
export interface StoredAccountStamp {
  accountId: string;
  provider: ProviderId;
  /** Stable while the store holds the account, rising in the order accounts were first synced: ties in a sort go by it. */
  order: number;
  stamp: string;
}

export interface EntryRef {
  accountId: string;
  personId: string;
}

/** Reads of whole lists, for the people index; any order unless said. */
export interface FriendEntriesReader {
  /**
   * Each account the store holds people for, with a stamp that changes when a sync begins,
   * commits a page that adds or removes people, or completes (in any process). In-place
   * changes of an incremental sync still running show once it completes.
   */
  stamps(): Promise<StoredAccountStamp[]>;
  /** Every person the account holds. */
  ofAccount(accountId: string): Promise<StoredPerson[]>;
  /** The entries named that still exist. */
  byRefs(refs: readonly EntryRef[]): Promise<StoredFriend[]>;
  /** Every entry matching the search text (FriendsSearch.text's rules), within one account or provider if given. */
  matching(text: string, scope: { accountId?: string; provider?: ProviderId }): Promise<EntryRef[]>;
}

/** Why the friends database could not be opened (the adapter's words are safe to show). */
export type FriendsDatabaseFailure = 'wrong-key' | 'damaged' | 'unreadable' | 'newer-schema' | 'busy' | 'io';

export type FriendsDatabaseOpening = { kind: 'open'; store: FriendsStore } | { kind: FriendsDatabaseFailure; message: string };

/**
 * The database file the friends store lives in, encrypted with a 32-byte key the core keeps
 * sealed by the Cipher (friends/friends-store-key.ts). Opening never deletes or replaces the
 * file; moveAside does, on request, keeping the old one under a new name.
 */
export interface FriendsDatabase {
  /** The database file, for messages. */
  readonly location: string;
  /** Whether a database was made here before (a key was used for it). */
  exists(): Promise<boolean>;
  open(key: Uint8Array): Promise<FriendsDatabaseOpening>;
  /** Closes the open store (if any) and moves its files aside; returns the new name. */
  moveAside(reason: 'damaged' | 'unreadable'): Promise<string>;
  close(): void;
}

export interface CorePorts {
  cipher: Cipher;
  store: DocumentStore;
  /** Friends and their sync state (an encrypted SQLite file in both shells). */
  friendsDatabase: FriendsDatabase;
  browser: BrowserOpener;
  fetch: typeof globalThis.fetch;
  clock: Clock;
  randomBytes(size: number): Uint8Array;
  log: Logger;
}
