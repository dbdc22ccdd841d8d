// The OS keyring (macOS Keychain, Windows Credential Manager, the Secret
// Service on Linux: GNOME Keyring, KWallet) through @napi-rs/keyring, behind a
// small interface so the cipher can be tested with a fake. The native addon
// loads at the first keyring call, so a process that never asks (KITH_KEYRING=none,
// the CLI's --help) does not pay for loading it.
import type { AsyncEntry } from '@napi-rs/keyring';

export interface Keyring {
  /**
   * Where the secret lives, for the protection report ("macOS Keychain"). It is recorded
   * with the key, so a key sealed by another store is told apart from a lost one.
   */
  readonly label: string;
  /**
   * False while the store cannot say which backend answers (safeStorage before its
   * encryptor starts): the label is then no evidence of a changed backend. Absent: true.
   */
  knowsBackend?(): boolean;
  /** The stored secret, or null when there is none. Rejects when no keyring answers. */
  get(): Promise<string | null>;
  set(secret: string): Promise<void>;
  delete(): Promise<void>;
  /** The same keyring's entry under another account name (a start-over keeps the old entry untouched). */
  withAccount(account: string): Keyring;
}

/** The part of @napi-rs/keyring's AsyncEntry used here. */
export interface KeyringEntry {
  getPassword(signal?: AbortSignal | null): Promise<string | null>;
  setPassword(password: string, signal?: AbortSignal | null): Promise<void>;
  deletePassword(signal?: AbortSignal | null): Promise<boolean>;
}

type EntryOptions = ConstructorParameters<typeof AsyncEntry>[2];

export interface OsKeyringOptions {
  service?: string;
  account?: string;
  /** A locked or absent keyring can hang instead of failing; give up after this long. */
  timeoutMs?: number;
  platform?: NodeJS.Platform;
  /** Opens the native entry; tests pass a fake. */
  openEntry?: (service: string, account: string, options: EntryOptions) => KeyringEntry | Promise<KeyringEntry>;
}

export function createOsKeyring(options: OsKeyringOptions = {}): Keyring {
  const service = options.service ?? 'Kith';
  const account = options.account ?? 'vault-key';
  const timeoutMs = options.timeoutMs ?? 3_000;
  const platform = options.platform ?? process.platform;
  const openEntry =
    options.openEntry ??
    (async (s: string, a: string, o: EntryOptions) => {
      const { AsyncEntry } = await import('@napi-rs/keyring');
      return new AsyncEntry(s, a, o);
    });
  let entry: KeyringEntry | null = null;
  const open = async () => {
    // On Linux, require the Secret Service: the library would otherwise fall back to
    // the kernel keyring (keyutils), which forgets the key at logout or reboot and
    // would leave every saved sign-in unreadable. Without a Secret Service this throws.
    entry ??= await openEntry(service, account, platform === 'linux' ? { linux: { store: 'secret-service' } } : undefined);
    return entry;
  };
  const bounded = async <T>(what: string, run: (signal: AbortSignal) => Promise<T>): Promise<T> => {
    const signal = AbortSignal.timeout(timeoutMs);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`the OS keyring did not answer ${what} within ${timeoutMs} ms`)), timeoutMs);
    });
    try {
      return await Promise.race([run(signal), timeout]);
    } finally {
      clearTimeout(timer);
    }
  };
  return {
    withAccount: (other) => createOsKeyring({ ...options, account: other }),
    label: platform === 'darwin' ? 'macOS Keychain' : platform === 'win32' ? 'Windows Credential Manager' : 'OS keyring (Secret Service)',
    get: () => bounded('a read', async (signal) => (await open()).getPassword(signal)),
    set: (secret) => bounded('a write', async (signal) => (await open()).setPassword(secret, signal)),
    delete: async () => {
      await bounded('a delete', async (signal) => (await open()).deletePassword(signal));
    },
  };
}
