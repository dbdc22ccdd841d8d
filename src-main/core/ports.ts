// The ports the core depends on. Each shell (Electron, host) wires real
// adapters; tests pass in-memory ones. The core never imports `electron`.
import type { Protection } from '../../src-contract/kith-api';

export type { Protection };

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

export interface CorePorts {
  cipher: Cipher;
  store: DocumentStore;
  browser: BrowserOpener;
  fetch: typeof globalThis.fetch;
  clock: Clock;
  randomBytes(size: number): Uint8Array;
  log: Logger;
}
