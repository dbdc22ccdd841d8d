// The ports the core depends on. Each shell (Electron, host) wires real
// adapters; tests pass in-memory ones. The core never imports `electron`.
import type { ProtectorChange, ProtectorChoice, ProviderId, Protection, VaultState } from '../../src-contract/kith-api';
import type { StoredPerson } from './friends/stored-person';

export type { Protection, StoredPerson, VaultState };

/** Encrypts secrets before they touch disk. */
export interface Cipher {
  encrypt(plaintext: string): Promise<Uint8Array>;
  /** `shouldReEncrypt` is true when the backend rotated its key (safeStorage) and the caller should store a fresh ciphertext. */
  decrypt(ciphertext: Uint8Array): Promise<{ plaintext: string; shouldReEncrypt: boolean }>;
  protection(): Promise<Protection>;
  /**
   * Whether the key can be had now, and when not, why in words. A cipher that cannot
   * lock (tests' ciphers) leaves it out and counts as open. While locked, encrypt and
   * decrypt reject with E_VAULT_LOCKED and nothing on disk is changed.
   */
  state?(): Promise<VaultState>;
  /**
   * Starts over with a new data key, setting the old key aside (renamed, never deleted or
   * overwritten); returns what was renamed. A cipher without a key of its own leaves it out:
   * starting over then only sets the sealed documents aside.
   */
  reset?(): Promise<string[]>;
  /** Opens a passphrase-wrapped data key; E_WRONG_PASSPHRASE (after a growing delay) when it is not the one. */
  unlock?(passphrase: string): Promise<VaultState>;
  /** Forgets an unlocked passphrase key (idle auto-lock); false when there was none to forget. */
  lock?(): boolean;
  /** Moves the data key to another protector, rewrapping only the key. */
  moveKey?(change: ProtectorChange): Promise<VaultState>;
  /** The protectors the key can be moved to now. */
  protectors?(): Promise<ProtectorChoice[]>;
}

/** A document name: lower-case letters, digits, dashes and underscores ("accounts", "vault", "friends-acc_x"). */
export type DocumentName = string;

export type StoreReadResult =
  | { kind: 'missing' }
  | { kind: 'ok'; value: unknown }
  /** The file could not be parsed; it was moved aside to `movedTo` (never silently dropped). */
  | { kind: 'corrupt'; movedTo: string; reason: string; /** The damaged bytes as text, for a document that can salvage entries from them; never shown or logged. */ text?: string };

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
  /**
   * A cheap marker of the document's current version, whoever wrote it (another process
   * too): equal markers mean the document did not change, 'missing' when there is none.
   * Lets a reader keep a parsed copy without re-reading the file on every request.
   * Optional: without it, readers read every time.
   */
  stamp?(name: DocumentName): Promise<string>;
  /** The folder the documents live in, for status and messages. */
  readonly location: string;
}

/** Opens a URL in the system browser (never an embedded webview). */
export interface BrowserOpener {
  open(url: string): Promise<void>;
}

/** Opens a folder of Kith's own in the system's file manager; false when it could not. */
export interface FolderOpener {
  open(folder: string): Promise<boolean>;
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
  /** Only people of these accounts (a script token limited to some accounts); with accountId, both apply. */
  accountIds?: readonly string[];
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
  /**
   * Folds what full syncs left in the store's log back into its file, which the syncs
   * themselves leave undone (their pages commit sooner). Optional: a store without such a
   * log has none; skipping it only leaves the fold to the store's next write.
   */
  checkpoint?(): Promise<void>;
  /** Bulk reads for the people index (friends/friends-index.ts). */
  readonly entries: FriendEntriesReader;
  /**
   * A marker that changes whenever anything was written, by this process or another (equal
   * markers: searches answer the same). Optional: without it, nothing is kept between searches.
   */
  version?(): Promise<string>;
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
  /**
   * Every person the account holds, a page at a time (for the index, which keeps a few facts of
   * each and need not hold them all at once), all pages read from one snapshot of the store.
   */
  eachOfAccount(accountId: string, visit: (people: readonly StoredPerson[]) => void): Promise<void>;
  /** The entries named that still exist. */
  byRefs(refs: readonly EntryRef[]): Promise<StoredFriend[]>;
  /**
   * The words the search index holds for each of the account's people, folded as it folds them
   * (lower case, accents removed), space-separated: a page of people in position order (after
   * `after`, the `next` of the page before; from the first without it), with the account's stamp
   * when that page was read, and `next` null on the last page. Pages read at one stamp are one
   * state of the account. null when the store holds no such account. What `matching` finds, a
   * prefix of one of these words per search word (search-words.ts) finds too.
   */
  indexedWords(accountId: string, after?: number): Promise<{ stamp: string; people: { personId: string; words: string }[]; next: number | null } | null>;
  /** Every entry matching the search text (FriendsSearch.text's rules), within one account or provider if given. */
  matching(text: string, scope: { accountId?: string; provider?: ProviderId }): Promise<EntryRef[]>;
  /**
   * One half of the people index a process last saved (friends/index-snapshot.ts's texts; SavedHalf:
   * the lead, what a first page reads, or the rest); whatever part is missing is absent.
   */
  savedIndex(half?: SavedHalf): Promise<SavedPeopleIndex>;
  /** The merge keys saved with an account's facts, when saved at this stamp; else null. */
  savedMergeKeys(accountId: string, stamp: string): Promise<string | null>;
  /**
   * Keeps the index in place of the one saved before, in one transaction; false (nothing written) when
   * another process holds the write lock: a save never waits for a sync to finish.
   */
  saveIndex(index: PeopleIndexToSave): Promise<boolean>;
  /** The search's words saved with the build made at `stamps` (SavedPeopleIndex.build.stamps), or null. */
  savedWords(stamps: string): Promise<string | null>;
  /** Saves them with that build, if it is the one saved; false when nothing was written (as saveIndex). */
  saveWords(stamps: string, words: string): Promise<boolean>;
}

/**
 * The saved people index is read in two halves, each of a save made whole in one transaction: the
 * lead (what a first page in first-name order reads) and the later rest, read after it.
 */
export type SavedHalf = 'lead' | 'later';

/** The people index as saved (one half of it): per account, facts read at its stamp; for all, the build at `build.stamps`. */
export interface SavedPeopleIndex {
  accounts: { accountId: string; stamp: string; facts: string }[];
  /** `stamps`: each account's id and stamp the build was made from, one per line, in order. */
  build: { stamps: string; text: string } | null;
}

export interface PeopleIndexToSave {
  /** `facts` and `build.text` are the lead halves, `later` the rest (SavedHalf). */
  accounts: { accountId: string; stamp: string; facts: string; later: string; merge: string }[];
  build: { stamps: string; text: string; later: string };
}

/** Why the friends database could not be opened (the adapter's words are safe to show). */
export type FriendsDatabaseFailure = 'wrong-key' | 'damaged' | 'unreadable' | 'newer-schema' | 'busy' | 'io';

export type FriendsDatabaseOpening =
  /** `accessLog`: the script access log, kept in the same database (absent in stores that keep none). */
  | { kind: 'open'; store: FriendsStore; accessLog?: AccessLogStore }
  | { kind: FriendsDatabaseFailure; message: string };

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
  /**
   * Closes the open store (if any) and moves its files aside; returns the new name.
   * `started-over`: its key was given up with the data key (vault.reset).
   */
  moveAside(reason: 'damaged' | 'unreadable' | 'started-over'): Promise<string>;
  close(): void;
}

export interface CorePorts {
  cipher: Cipher;
  store: DocumentStore;
  /** Friends and their sync state (an encrypted SQLite file in both shells). */
  friendsDatabase: FriendsDatabase;
  browser: BrowserOpener;
  /** The data folder's Open button; absent where nothing can be opened (one-shot CLI commands, tests). */
  folderOpener?: FolderOpener;
  fetch: typeof globalThis.fetch;
  clock: Clock;
  randomBytes(size: number): Uint8Array;
  log: Logger;
}

// ---- The access log: what scripts did with Kith access tokens. ----

/** One request made with a personal token, as recorded (the path has no secret in it). */
export interface AccessLogEntry {
  at: number;
  tokenId: string;
  method: string;
  /** Path and query, secret-looking parameter values replaced. */
  path: string;
  status: number;
  durationMs: number;
  bytes: number;
}

/** Failed authentications from one source (an address); never what was sent. */
export interface FailedAuthCount {
  source: string;
  count: number;
  lastAt: number;
}

export interface AccessLogQuery {
  /** Newest first; at most this many. */
  limit: number;
  /** Inclusive status range (4xx: 400..499). */
  status?: { min: number; max: number };
}

/**
 * Where the access log lives: append-only batches, bounded to the newest `maxEntries` and
 * nothing older than `maxAgeMs` (pruned as batches land), read per token.
 */
export interface AccessLogStore {
  append(entries: readonly AccessLogEntry[], failures: readonly FailedAuthCount[], bounds: { now: number; maxEntries: number; maxAgeMs: number }): Promise<void>;
  entries(tokenId: string, query: AccessLogQuery): Promise<AccessLogEntry[]>;
  /** Requests kept per token id. */
  counts(): Promise<Map<string, number>>;
  failures(): Promise<FailedAuthCount[]>;
}
