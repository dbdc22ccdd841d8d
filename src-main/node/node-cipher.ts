// The host's Cipher: AES-256-GCM (aes-gcm-envelope.ts) with a random 256-bit
// key kept in the OS keyring when one answers, else in a 0600 key file next to
// the data, which is reported as weak protection with advice in plain words.
//
// Key moves: a key file found while a keyring answers is moved into the
// keyring (and the file deleted) when the keyring holds no key yet. When both
// hold different keys (the keyring was away for a while), both decrypt, the
// keyring's encrypts, and blobs sealed with the file's key ask to be
// re-encrypted.
//
// A small marker file (vault.keyring: where the key lives and its id, never
// the key) remembers that the key is in the keyring. When that keyring then
// fails to answer (locked, its service not running), Kith reports an error
// instead of quietly starting a weak key file that would make existing
// sign-ins unreadable and new ones weakly protected.
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { KithError } from '../../src-contract/kith-api';
import type { Cipher, Logger, Protection } from '../core/ports';
import { decodeKey, encodeKey, envelopeKeyId, KEY_BYTES, keyIdOf, open, seal } from './aes-gcm-envelope';
import { writeFileAtomic } from './atomic-write';
import { ensureDataDir } from './data-dir';
import { readKeyFile, readOrCreateKeyFile, removeKeyFile } from './key-file';
import type { Keyring } from './os-keyring';

export const KEY_FILE_NAME = 'vault.key';
export const KEY_MARKER_NAME = 'vault.keyring';

const KeyMarkerSchema = z.object({ location: z.literal('keyring'), backend: z.string(), keyId: z.string() }).strict();
type KeyMarker = z.infer<typeof KeyMarkerSchema>;

export const WEAK_KEY_FILE_ADVICE =
  'Your tokens are encrypted with a key stored in a file next to them, so anyone who can read your files can read them. ' +
  'Install or unlock a keyring such as GNOME Keyring or KWallet (any Secret Service keyring) and restart Kith; it will move the key there.';

export interface NodeCipherOptions {
  dataDir: string;
  /** The OS keyring, or null to use the key file only (tests, or KITH_KEYRING=none). */
  keyring: Keyring | null;
  log: Logger;
  /** For the key only; IVs always come from node:crypto. */
  randomBytes?: (size: number) => Uint8Array;
}

interface Keys {
  primary: Uint8Array;
  /** Every key that can decrypt, by key id. */
  byId: Map<string, Uint8Array>;
  protection: Protection;
}

export interface NodeCipher extends Cipher {
  /** Loads (or creates) the key now, e.g. at startup so the first request is not slowed by the keyring probe. */
  ready(): Promise<void>;
}

export function createNodeCipher(options: NodeCipherOptions): NodeCipher {
  const keyFile = path.join(options.dataDir, KEY_FILE_NAME);
  const markerFile = path.join(options.dataDir, KEY_MARKER_NAME);
  const random = options.randomBytes ?? ((size: number) => new Uint8Array(randomBytes(size)));
  const { log } = options;
  let loading: Promise<Keys> | null = null;

  const keys = () => {
    loading ??= loadKeys().catch((error: unknown) => {
      loading = null; // let a later call retry (e.g. after the person fixes the key file)
      throw error;
    });
    return loading;
  };

  async function loadKeys(): Promise<Keys> {
    await ensureDataDir(options.dataDir, log);
    const marker = await readMarker(markerFile);
    const fromKeyring = options.keyring ? await tryKeyring(options.keyring, marker) : null;
    if (fromKeyring) return fromKeyring;
    if (marker && !options.keyring) {
      log.warn('the vault key is in the OS keyring but the keyring is turned off; sign-ins saved with it cannot be read', { keyring: marker.backend });
    }
    const key = await readOrCreateKeyFile(keyFile, log, random);
    return {
      primary: key,
      byId: new Map([[keyIdOf(key), key]]),
      protection: { level: 'weak', backend: `key file (${keyFile})`, advice: WEAK_KEY_FILE_ADVICE },
    };
  }

  /** The keys when the keyring answers, or null to fall back to the key file. */
  async function tryKeyring(keyring: Keyring, marker: KeyMarker | null): Promise<Keys | null> {
    let stored: string | null;
    try {
      stored = await keyring.get();
    } catch (error) {
      if (marker) {
        throw new KithError(
          'E_STORAGE',
          `Kith keeps its encryption key in the ${marker.backend}, which did not answer (${reasonOf(error)}). Unlock it, or start it, and try again.`,
        );
      }
      // Info, not warn: the protection report already tells the person, in words, what this means.
      log.info('no OS keyring answered; using the key file', { reason: reasonOf(error) });
      return null;
    }
    const fileKey = await readKeyFile(keyFile, log);
    const protection: Protection = { level: 'strong', backend: keyring.label, advice: null };
    if (stored !== null) {
      const key = decodeKey(stored);
      if (!key) {
        throw new KithError(
          'E_STORAGE',
          `The vault key Kith keeps in the ${keyring.label} is damaged. Kith will not replace it, because your saved sign-ins are encrypted with it.`,
        );
      }
      const byId = new Map([[keyIdOf(key), key]]);
      if (fileKey && keyIdOf(fileKey) !== keyIdOf(key)) {
        // Written while the keyring was away: keep it readable until re-encrypted.
        byId.set(keyIdOf(fileKey), fileKey);
        log.warn('a key file exists beside the keyring key; data sealed with it will be re-encrypted', { file: keyFile });
      } else if (fileKey) {
        await removeKeyFile(keyFile);
      }
      if (marker?.keyId !== keyIdOf(key)) await writeMarker(markerFile, { location: 'keyring', backend: keyring.label, keyId: keyIdOf(key) });
      return { primary: key, byId, protection };
    }
    if (marker) log.warn('the vault key is missing from the OS keyring; sign-ins saved with it cannot be read', { keyring: keyring.label });
    // The keyring is empty: move the key file's key there, or make a new key.
    const key = fileKey ?? random(KEY_BYTES);
    const encoded = encodeKey(key);
    try {
      await keyring.set(encoded);
      if ((await keyring.get()) !== encoded) throw new Error('the keyring did not return the key it was given');
    } catch (error) {
      log.warn('the OS keyring would not keep the vault key; using the key file', { reason: reasonOf(error) });
      return null;
    }
    await writeMarker(markerFile, { location: 'keyring', backend: keyring.label, keyId: keyIdOf(key) });
    if (fileKey) {
      await removeKeyFile(keyFile);
      log.info('moved the vault key from the key file into the OS keyring', { keyring: keyring.label });
    }
    return { primary: key, byId: new Map([[keyIdOf(key), key]]), protection };
  }

  return {
    async ready() {
      await keys();
    },
    async encrypt(plaintext) {
      return seal((await keys()).primary, plaintext);
    },
    async decrypt(ciphertext) {
      const loaded = await keys();
      const key = loaded.byId.get(envelopeKeyId(ciphertext));
      if (!key) {
        throw new KithError(
          'E_STORAGE',
          'This data was encrypted with a different key than the one Kith has now (the keyring entry or key file changed), so it cannot be decrypted.',
        );
      }
      return { plaintext: open(key, ciphertext), shouldReEncrypt: key !== loaded.primary };
    },
    async protection() {
      try {
        return (await keys()).protection;
      } catch (error) {
        return { level: 'weak', backend: 'unavailable', advice: error instanceof KithError ? error.message : 'Kith could not load its encryption key.' };
      }
    },
  };
}

async function readMarker(file: string): Promise<KeyMarker | null> {
  try {
    const parsed = KeyMarkerSchema.safeParse(JSON.parse(await readFile(file, 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null; // missing or unreadable: behave as before the marker existed
  }
}

async function writeMarker(file: string, marker: KeyMarker): Promise<void> {
  await writeFileAtomic(file, `${JSON.stringify(marker)}\n`, 0o600);
}

/** The error's message only; keyring errors name the service, never the secret. */
function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message.slice(0, 300) : String(error).slice(0, 300);
}
