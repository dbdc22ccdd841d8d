// The OS keyring (macOS Keychain, Windows Credential Manager, the Secret
// Service on Linux: GNOME Keyring, KWallet) through @napi-rs/keyring, behind a
// small interface so the cipher can be tested with a fake. The native addon
// loads at the first keyring call, so a process that never asks (KITH_KEYRING=none,
// the CLI's --help) does not pay for loading it.
import type { AsyncEntry } from '@napi-rs/keyring';
import { secretServiceProvider } from './secret-service-provider';

export interface Keyring {
  /**
   * Where the secret lives, for the protection report ("macOS Keychain"). It is recorded
   * with the key, so a key sealed by another store is told apart from a lost one.
   */
  readonly label: string;
  /**
   * Whether a key recorded under `backend` (an earlier label) may be in this store. False
   * means it was sealed by another store, so its absence here is a changed backend, not a
   * lost key. Absent: only when the labels are the same. A store that cannot tell which
   * backend answers (yet) says true.
   */
  mayHold?(backend: string): boolean;
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
  /** Linux: names the Secret Service provider (secret-service-provider.ts); tests pass a fake. */
  identifyProvider?: () => Promise<string | null>;
}

/** Linux, while the Secret Service provider is not known. */
export const SECRET_SERVICE_LABEL = 'OS keyring (Secret Service)';

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
  // Asked once per process, after the keyring first answered (D-Bus starts the provider on demand).
  const provider = { name: null as string | null, asked: null as Promise<void> | null };
  const identifyProvider = options.identifyProvider ?? (() => secretServiceProvider());
  const identify = async () => {
    if (platform !== 'linux') return;
    provider.asked ??= identifyProvider().then((name) => void (provider.name = name));
    await provider.asked;
  };
  const label = () =>
    platform === 'darwin' ? 'macOS Keychain' : platform === 'win32' ? 'Windows Credential Manager' : provider.name ? `${provider.name} (Secret Service)` : SECRET_SERVICE_LABEL;
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
    withAccount: (other) => createOsKeyring({ ...options, account: other, identifyProvider: async () => (await identify(), provider.name) }),
    get label() {
      return label();
    },
    // A Secret Service record without its provider (earlier versions, or none could be named) may be any of them.
    mayHold: (backend) => backend === label() || (platform === 'linux' && (backend === SECRET_SERVICE_LABEL || label() === SECRET_SERVICE_LABEL)),
    get: async () => {
      const secret = await bounded('a read', async (signal) => (await open()).getPassword(signal));
      await identify();
      return secret;
    },
    set: async (secret) => {
      await bounded('a write', async (signal) => (await open()).setPassword(secret, signal));
      await identify();
    },
    delete: async () => {
      await bounded('a delete', async (signal) => (await open()).deletePassword(signal));
    },
  };
}
