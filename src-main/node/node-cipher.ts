// The host's Cipher: AES-256-GCM (aes-gcm-envelope.ts) with a random 256-bit
// data key kept in the OS keyring when one answers, else in a 0600 key file
// next to the data, which is reported as weak protection with advice in plain
// words.
//
// Never a silent new key: vault.keymeta (key-meta.ts) records which protector
// holds the key and its id. When that key cannot be had — the key file or
// keyring entry is gone or holds another key, the keyring does not answer or
// is turned off — or when sealed data exists with no record of its key, the
// cipher is locked: encrypt and decrypt reject with E_VAULT_LOCKED and a
// reason in words, and nothing on disk is changed. Each call tries again, so
// putting the original key back (or unlocking the keyring) opens it.
//
// Key moves: a key file found while a keyring answers is moved into the
// keyring (and the file deleted) when the keyring holds no key yet. When both
// hold different keys (the keyring was away for a while), both decrypt, the
// keyring's encrypts, and blobs sealed with the file's key ask to be
// re-encrypted.
//
// A changed backend: the record names the store that holds the key (the
// keyring's label, "safeStorage (KWallet 6)" in the Electron shell). When the
// store that answers now is another one and does not hold the key, Kith opens
// locked as "backend-changed", naming both, and changes nothing, so starting
// Kith where the first store answers again opens everything.
import { randomBytes } from 'node:crypto';
import { rename } from 'node:fs/promises';
import path from 'node:path';
import { KithError, type ProtectorChange, type ProtectorChoice } from '../../src-contract/kith-api';
import type { Cipher, Logger, Protection, VaultState } from '../core/ports';
import { VaultLockedError } from '../core/vault/vault-locked';
import { decodeKey, encodeKey, ENVELOPE_VERSION, envelopeKeyId, KEY_BYTES, keyIdOf, open, seal } from './aes-gcm-envelope';
import { ensureDataDir } from './data-dir';
import { readKeyFile, readOrCreateKeyFile, removeKeyFile } from './key-file';
import { DEFAULT_KEYRING_ACCOUNT, LEGACY_KEY_MARKER_NAME, moveKeyMetaAside, readKeyMeta, writeKeyMeta, type KeyMeta } from './key-meta';
import { moveDataKey, type KeyHomeChange, type KeyHomes } from './key-moves';
import { SECRET_SERVICE_LABEL, type Keyring } from './os-keyring';
import { DEFAULT_SCRYPT, newScryptParams, unwrapDataKey, wrapDataKey } from './passphrase-wrap';
import { clearFailures, passphraseDelayMs, readFailures, recordFailure } from './unlock-attempts';
import { sealedDataExists } from './sealed-data-probe';

export const KEY_FILE_NAME = 'vault.key';
/** Written by earlier versions; read as key meta. */
export const KEY_MARKER_NAME = LEGACY_KEY_MARKER_NAME;

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
  /** For the key meta's timestamps and the names of files moved aside. */
  now?: () => number;
  /** scrypt's cost for a passphrase set from now on (tests pass a cheap one). */
  scryptCost?: { N: number; r: number; p: number };
  /** How a wrong passphrase's growing delay waits (tests pass one that records). */
  sleep?: (ms: number) => Promise<void>;
  /**
   * What the keyring is called outside: 'safe-storage' where it is Electron's safeStorage
   * (safe-storage-keyring.ts). The key record still says 'keyring', with the backend.
   */
  keyringProtector?: 'keyring' | 'safe-storage';
  /**
   * Blobs sealed before there was a data key, by another cipher that still reads them
   * (the Electron shell's safeStorage seals). They are read with it once the data key is
   * open, and asked to be re-encrypted; they never count as data that forbids a new key.
   */
  legacy?: { decrypt(ciphertext: Uint8Array): Promise<string> };
  /** Runs before a new data key is made; rejects (VaultLockedError) to keep Kith locked instead. */
  beforeNewKey?: () => Promise<void>;
}

/** Blobs the envelope did not write: another cipher's, from before the data key. */
function isLegacyBlob(blob: Uint8Array): boolean {
  return blob[0] !== ENVELOPE_VERSION;
}

export { passphraseDelayMs };

const PASSPHRASE_PROTECTION: Protection = { level: 'strong', backend: 'passphrase (scrypt)', advice: null };

interface Keys {
  primary: Uint8Array;
  /** Every key that can decrypt, by key id. */
  byId: Map<string, Uint8Array>;
  protection: Protection;
  meta: KeyMeta;
}

export interface NodeCipher extends Cipher {
  /** Loads (or creates) the key now, e.g. at startup so the first request is not slowed by the keyring probe. */
  ready(): Promise<void>;
  state(): Promise<VaultState>;
  /**
   * Starts over with a new data key: the key file and key meta are renamed aside with a
   * timestamp and a keyring entry is left as it is (the new key goes under a new account
   * name), so the old key can still be put back by hand. Returns the names moved aside.
   */
  reset(): Promise<string[]>;
  /** Opens a passphrase-protected key; a wrong passphrase rejects with E_WRONG_PASSPHRASE, and each one makes the next try wait longer. */
  unlock(passphrase: string): Promise<VaultState>;
  /**
   * Moves the open data key to a passphrase (or a new one), the OS keyring or a key file
   * (key-moves.ts); only the data key is rewrapped. Leaving or changing a passphrase needs
   * the current one.
   */
  moveKey(change: ProtectorChange): Promise<VaultState>;
  /** Forgets an unlocked passphrase key (idle auto-lock); false when there was none to forget. */
  lock(): boolean;
  protectors(): Promise<ProtectorChoice[]>;
}

export function createNodeCipher(options: NodeCipherOptions): NodeCipher {
  const { dataDir, log } = options;
  const keyFile = path.join(dataDir, KEY_FILE_NAME);
  const random = options.randomBytes ?? ((size: number) => new Uint8Array(randomBytes(size)));
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const scryptCost = options.scryptCost ?? DEFAULT_SCRYPT;
  let loading: Promise<Keys> | null = null;
  /** The data key a passphrase unwrapped, held in memory only. */
  let unlocked: Uint8Array | null = null;
  const homes: KeyHomes = { dataDir, keyFile, keyring: options.keyring, log, now, scryptCost };
  const systemProtector = options.keyringProtector ?? 'keyring';
  const outward = (protector: KeyMeta['protector']) => (protector === 'keyring' ? systemProtector : protector);
  const probeSealedData = () => sealedDataExists(dataDir, options.legacy ? isLegacyBlob : undefined);
  const beforeNewKey = options.beforeNewKey ?? (() => Promise.resolve());

  const keys = () => {
    loading ??= loadKeys().catch((error: unknown) => {
      loading = null; // let a later call retry (e.g. after the person puts the key back)
      throw error;
    });
    return loading;
  };

  const keyFileProtection = (): Protection => ({ level: 'weak', backend: `key file (${keyFile})`, advice: WEAK_KEY_FILE_ADVICE });

  async function loadKeys(): Promise<Keys> {
    await ensureDataDir(dataDir, log);
    const read = await readKeyMeta(dataDir);
    if (read.kind === 'damaged') {
      throw new VaultLockedError(
        'key-damaged',
        `Kith's key record ${path.join(dataDir, 'vault.keymeta')} is damaged, so Kith cannot tell which key sealed your data. Restore it from a backup, or start over.`,
        null,
      );
    }
    const meta = read.kind === 'ok' ? read.meta : null;
    if (meta?.protector === 'passphrase') {
      if (unlocked && keyIdOf(unlocked) === meta.keyId) return { primary: unlocked, byId: new Map([[meta.keyId, unlocked]]), protection: PASSPHRASE_PROTECTION, meta };
      throw new VaultLockedError('passphrase-required', 'Kith’s data is protected by a passphrase. Enter it to unlock.', 'passphrase');
    }
    // A key file the person chose stays one; else a keyring that answers takes the key over.
    if (options.keyring && !(meta?.protector === 'key-file' && meta.chosen)) {
      const fromKeyring = await tryKeyring(options.keyring, meta);
      if (fromKeyring) return fromKeyring;
    } else if (meta?.protector === 'keyring') {
      throw new VaultLockedError(
        'keyring-unavailable',
        `Kith's key is in the ${meta.backend}, but the keyring is turned off (KITH_KEYRING=none). Turn it back on and try again.`,
        systemProtector,
      );
    }
    return fromKeyFile(meta);
  }

  async function readFileKeyOrLock(protector: 'key-file' | 'keyring'): Promise<Uint8Array | null> {
    try {
      return await readKeyFile(keyFile, log);
    } catch (error) {
      if (error instanceof KithError && /damaged/.test(error.message)) throw new VaultLockedError('key-damaged', error.message, outward(protector));
      throw error;
    }
  }

  async function fromKeyFile(meta: KeyMeta | null): Promise<Keys> {
    const fileKey = await readFileKeyOrLock('key-file');
    if (fileKey) {
      if (meta && meta.keyId !== keyIdOf(fileKey)) {
        throw new VaultLockedError(
          'key-changed',
          `The key file ${keyFile} holds a different key than the one that sealed your saved sign-ins (it was replaced). Put the original file back, or start over.`,
          'key-file',
        );
      }
      const current: KeyMeta = meta ?? { version: 1, protector: 'key-file', keyId: keyIdOf(fileKey), createdAt: now() };
      if (!meta) await writeKeyMeta(dataDir, current);
      return { primary: fileKey, byId: new Map([[keyIdOf(fileKey), fileKey]]), protection: keyFileProtection(), meta: current };
    }
    if (meta || (await probeSealedData())) {
      throw new VaultLockedError(
        'key-missing',
        `The key file ${keyFile} that sealed your saved sign-ins is gone. Kith did not make a new one, so nothing was lost: put the file back, or start over.`,
        'key-file',
      );
    }
    await beforeNewKey();
    const key = await readOrCreateKeyFile(keyFile, log, random);
    const created: KeyMeta = { version: 1, protector: 'key-file', keyId: keyIdOf(key), createdAt: now() };
    await writeKeyMeta(dataDir, created);
    return { primary: key, byId: new Map([[keyIdOf(key), key]]), protection: keyFileProtection(), meta: created };
  }

  /** The keys when the keyring answers, or null to fall back to the key file. */
  async function tryKeyring(keyring: Keyring, meta: KeyMeta | null): Promise<Keys | null> {
    const account = meta?.protector === 'keyring' ? meta.account : DEFAULT_KEYRING_ACCOUNT;
    const entry = account === DEFAULT_KEYRING_ACCOUNT ? keyring : keyring.withAccount(account);
    const recorded = meta?.protector === 'keyring' ? meta : null;
    /** The key's store is not the one answering now: that, not damage or loss, is why the key is not here. */
    const changedBackend = () =>
      recorded !== null && !(keyring.mayHold ? keyring.mayHold(recorded.backend) : recorded.backend === keyring.label)
        ? new VaultLockedError(
            'backend-changed',
            `Kith's key was sealed by ${recorded.backend}, but what keeps keys here now is ${keyring.label}, which does not hold it. ` +
              `Nothing was deleted or overwritten. Start Kith where ${recorded.backend} answers again (the same computer and desktop session, with its keyring running), then try again; or start over.`,
            systemProtector,
          )
        : null;
    let stored: string | null;
    try {
      stored = await entry.get();
    } catch (error) {
      if (recorded) {
        throw (
          changedBackend() ??
          new VaultLockedError(
            'keyring-unavailable',
            `Kith keeps its encryption key in the ${recorded.backend}, which did not answer (${reasonOf(error)}). Unlock it, or start it, and try again.`,
            systemProtector,
          )
        );
      }
      // Info, not warn: the protection report already tells the person, in words, what this means.
      log.info('no OS keyring answered; using the key file', { reason: reasonOf(error) });
      return null;
    }
    const fileKey = await readFileKeyOrLock('keyring');
    const protection: Protection = { level: 'strong', backend: keyring.label, advice: null };
    if (stored !== null) {
      const key = decodeKey(stored);
      if (!key) {
        throw (
          changedBackend() ??
          new VaultLockedError(
            'key-damaged',
            `The vault key Kith keeps in the ${keyring.label} is damaged. Kith will not replace it, because your saved sign-ins are encrypted with it.`,
            systemProtector,
          )
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
      if (meta && !byId.has(meta.keyId)) {
        throw (
          changedBackend() ??
          new VaultLockedError(
            'key-changed',
            `The ${keyring.label} holds a different Kith key than the one that sealed your saved sign-ins. Put the original entry back, or start over.`,
            systemProtector,
          )
        );
      }
      // The key was found here: a record naming this store more exactly than the label can now (the provider unknown this time) stays.
      const backend = recorded && recorded.backend !== SECRET_SERVICE_LABEL && keyring.mayHold?.(recorded.backend) ? recorded.backend : keyring.label;
      const current: KeyMeta = { version: 1, protector: 'keyring', keyId: keyIdOf(key), backend, account, createdAt: meta?.createdAt ?? now() };
      if (meta?.protector !== 'keyring' || meta.keyId !== current.keyId || meta.backend !== current.backend || meta.createdAt === 0) await writeKeyMeta(dataDir, current);
      return { primary: key, byId, protection, meta: current };
    }
    // The keyring holds no key: move the key file's key there, or make a new key — but never
    // a new key while data sealed with another one exists.
    const known = meta ? fileKey !== null && keyIdOf(fileKey) === meta.keyId : fileKey !== null || !(await probeSealedData());
    if (!known) {
      const changed = changedBackend();
      if (changed) throw changed;
      const where = meta?.protector === 'keyring' ? `The ${meta.backend} no longer holds Kith's key` : `The key file ${keyFile} that sealed your saved sign-ins is gone`;
      throw new VaultLockedError(
        'key-missing',
        `${where}. Kith did not make a new one, so nothing was lost: put the key back, or start over.`,
        meta?.protector === 'keyring' ? systemProtector : 'key-file',
      );
    }
    if (!fileKey) await beforeNewKey();
    const key = fileKey ?? random(KEY_BYTES);
    const encoded = encodeKey(key);
    try {
      await entry.set(encoded);
      if ((await entry.get()) !== encoded) throw new Error('the keyring did not return the key it was given');
    } catch (error) {
      log.warn('the OS keyring would not keep the vault key; using the key file', { reason: reasonOf(error) });
      return null;
    }
    const current: KeyMeta = { version: 1, protector: 'keyring', keyId: keyIdOf(key), backend: keyring.label, account, createdAt: now() };
    await writeKeyMeta(dataDir, current);
    if (fileKey) {
      await removeKeyFile(keyFile);
      log.info('moved the vault key from the key file into the OS keyring', { keyring: keyring.label });
    }
    return { primary: key, byId: new Map([[keyIdOf(key), key]]), protection, meta: current };
  }

  async function currentState(): Promise<VaultState> {
    try {
      const { meta } = await keys();
      return { state: 'open', reason: null, message: null, canUnlock: false, protector: outward(meta.protector) };
    } catch (error) {
      if (error instanceof VaultLockedError) return error.toState();
      const message = error instanceof KithError ? error.message : 'Kith could not load its encryption key.';
      return { state: 'locked', reason: 'key-damaged', message, canUnlock: false, protector: null };
    }
  }

  /** The data key the passphrase unwraps, after the growing delay; E_WRONG_PASSPHRASE (and a longer next wait) otherwise. */
  async function unwrapWith(meta: Extract<KeyMeta, { protector: 'passphrase' }>, passphrase: string): Promise<Uint8Array> {
    const failures = await readFailures(dataDir);
    const wait = passphraseDelayMs(failures);
    if (wait > 0) await sleep(wait);
    const key = await unwrapDataKey(meta.wrapped, passphrase, meta.kdf);
    if (!key || keyIdOf(key) !== meta.keyId) {
      await recordFailure(dataDir, failures + 1, now());
      throw new KithError(
        'E_WRONG_PASSPHRASE',
        `That is not the passphrase Kith’s data is protected with. Nothing was changed. Try again; the next try waits ${passphraseDelayMs(failures + 1) / 1000} s.`,
      );
    }
    if (failures > 0) await clearFailures(dataDir);
    return key;
  }

  async function unlock(passphrase: string): Promise<VaultState> {
    const read = await readKeyMeta(dataDir);
    if (read.kind !== 'ok' || read.meta.protector !== 'passphrase') {
      throw new KithError('E_INVALID_INPUT', 'Kith’s key is not protected by a passphrase, so there is nothing to unlock with one.');
    }
    const { meta } = read;
    const key = await unwrapWith(meta, passphrase);
    unlocked = key;
    loading = null;
    if (meta.kdf.N < scryptCost.N || meta.kdf.r < scryptCost.r || meta.kdf.p < scryptCost.p) {
      // Stored parameters weaker than today's: rewrap the same key with the stronger ones.
      const kdf = newScryptParams(scryptCost);
      await writeKeyMeta(dataDir, { ...meta, kdf, wrapped: await wrapDataKey(key, passphrase, kdf) });
      log.info('passphrase key rewrapped with stronger scrypt parameters', { N: kdf.N });
    }
    return currentState();
  }

  async function moveKey(requested: ProtectorChange): Promise<VaultState> {
    const offered = requested.protector === 'keyring' || requested.protector === 'safe-storage' ? requested.protector === systemProtector : true;
    if (!offered) throw new KithError('E_INVALID_INPUT', `This Kith keeps keys with ${systemProtector === 'safe-storage' ? 'safeStorage' : 'the OS keyring'}, so it cannot move the key there. Nothing was changed.`);
    const change: KeyHomeChange = requested.protector === 'safe-storage' ? { ...requested, protector: 'keyring' } : requested;
    const read = await readKeyMeta(dataDir);
    if (read.kind === 'ok' && read.meta.protector === 'passphrase') {
      // Leaving or changing a passphrase proves the person knows it, locked or not.
      if (change.currentPassphrase === undefined) throw new KithError('E_WRONG_PASSPHRASE', 'Type your current passphrase first. Nothing was changed.');
      unlocked = await unwrapWith(read.meta, change.currentPassphrase);
      loading = null;
    }
    const current = await keys(); // only an open key can be moved
    const next = await moveDataKey(homes, current.primary, current.meta, change);
    unlocked = next.protector === 'passphrase' ? current.primary : null;
    loading = null;
    return currentState();
  }

  async function keyringAnswers(): Promise<boolean> {
    if (!options.keyring) return false;
    try {
      await options.keyring.get();
      return true;
    } catch {
      return false;
    }
  }

  async function reset(): Promise<string[]> {
    loading = null;
    unlocked = null;
    await clearFailures(dataDir);
    const stamp = String(now());
    const moved = await moveKeyMetaAside(dataDir, stamp);
    try {
      await rename(keyFile, `${keyFile}.old-${stamp}`);
      moved.push(`${KEY_FILE_NAME}.old-${stamp}`);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    // A keyring that answers gets the new key under a new account name; the old entry stays.
    if (options.keyring) {
      const account = `${DEFAULT_KEYRING_ACCOUNT}-${stamp}`;
      const key = random(KEY_BYTES);
      const encoded = encodeKey(key);
      const entry = options.keyring.withAccount(account);
      try {
        await entry.set(encoded);
        if ((await entry.get()) === encoded) {
          await writeKeyMeta(dataDir, { version: 1, protector: 'keyring', keyId: keyIdOf(key), backend: options.keyring.label, account, createdAt: now() });
          return moved;
        }
      } catch (error) {
        log.info('no OS keyring kept the new key; using a key file', { reason: reasonOf(error) });
      }
    }
    const key = await readOrCreateKeyFile(keyFile, log, random);
    await writeKeyMeta(dataDir, { version: 1, protector: 'key-file', keyId: keyIdOf(key), createdAt: now() });
    return moved;
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
      if (options.legacy && isLegacyBlob(ciphertext)) {
        // Sealed before there was a data key; sealed again with it by whoever asked.
        return { plaintext: await options.legacy.decrypt(ciphertext), shouldReEncrypt: true };
      }
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
    state: currentState,
    unlock,
    moveKey,
    lock() {
      if (!unlocked) return false;
      unlocked = null;
      loading = null;
      return true;
    },
    async protectors() {
      return [
        { protector: 'passphrase', available: true, level: 'strong' },
        { protector: systemProtector, available: await keyringAnswers(), level: 'strong' },
        { protector: 'key-file', available: true, level: 'weak' },
      ];
    },
    reset,
  };
}

/** The error's message only; keyring errors name the service, never the secret. */
function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message.slice(0, 300) : String(error).slice(0, 300);
}
