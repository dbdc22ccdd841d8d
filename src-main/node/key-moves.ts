// Moving the open data key between its homes — a passphrase (scrypt-wrapped in
// vault.keymeta), the OS keyring, a key file — for the node cipher. Only the
// data key is rewrapped: nothing sealed with it changes. The new home is
// written and checked first, the key record second, and the old home is
// emptied last, so a crash at any step leaves a home the record points to
// (and the key never stays in a weaker place it was moved away from).
import { KithError, type ProtectorChange } from '../../src-contract/kith-api';
import type { Logger } from '../core/ports';
import { encodeKey, keyIdOf } from './aes-gcm-envelope';
import { readKeyFile, readOrCreateKeyFile, removeKeyFile } from './key-file';
import { DEFAULT_KEYRING_ACCOUNT, writeKeyMeta, type KeyMeta } from './key-meta';
import type { Keyring } from './os-keyring';
import { newScryptParams, wrapDataKey } from './passphrase-wrap';

export interface KeyHomes {
  dataDir: string;
  keyFile: string;
  keyring: Keyring | null;
  log: Logger;
  now(): number;
  scryptCost: { N: number; r: number; p: number };
}

/** A move as the key record names homes: safeStorage is the shell's keyring (node-cipher.ts maps it). */
export type KeyHomeChange = Exclude<ProtectorChange, { protector: 'safe-storage' }>;

/** Puts `key` in the home `change` names, records it, empties `previous`'s home; returns the new record. */
export async function moveDataKey(homes: KeyHomes, key: Uint8Array, previous: KeyMeta, change: KeyHomeChange): Promise<KeyMeta> {
  const keyId = keyIdOf(key);
  let next: KeyMeta;
  switch (change.protector) {
    case 'passphrase': {
      const kdf = newScryptParams(homes.scryptCost);
      next = { version: 1, protector: 'passphrase', keyId, kdf, wrapped: await wrapDataKey(key, change.passphrase, kdf), createdAt: homes.now() };
      break;
    }
    case 'keyring': {
      if (previous.protector === 'keyring') return previous;
      if (!homes.keyring) throw new KithError('E_STORAGE', 'No OS keyring is available to this Kith (none answers, or KITH_KEYRING=none). Nothing was changed.');
      // A new entry name: an entry left from earlier is never overwritten.
      const account = `${DEFAULT_KEYRING_ACCOUNT}-${homes.now()}`;
      const entry = homes.keyring.withAccount(account);
      try {
        await entry.set(encodeKey(key));
        if ((await entry.get()) !== encodeKey(key)) throw new Error('the keyring did not return the key it was given');
      } catch (error) {
        homes.log.warn('the OS keyring would not keep the vault key', { reason: reasonOf(error) });
        throw new KithError('E_STORAGE', `The ${homes.keyring.label} would not keep Kith's key (is it locked?). Nothing was changed.`);
      }
      next = { version: 1, protector: 'keyring', keyId, backend: homes.keyring.label, account, createdAt: homes.now() };
      break;
    }
    case 'key-file': {
      if (previous.protector === 'key-file') return previous;
      const existing = await readKeyFile(homes.keyFile, homes.log);
      if (existing && keyIdOf(existing) !== keyId) {
        throw new KithError('E_STORAGE', `A different key file is already at ${homes.keyFile}; move it away first, so Kith does not overwrite it.`);
      }
      await readOrCreateKeyFile(homes.keyFile, homes.log, () => key);
      next = { version: 1, protector: 'key-file', keyId, createdAt: homes.now(), chosen: true };
      break;
    }
  }
  await writeKeyMeta(homes.dataDir, next);
  await emptyOldHome(homes, previous, next);
  homes.log.info('vault key moved', { from: previous.protector, to: next.protector });
  return next;
}

async function emptyOldHome(homes: KeyHomes, previous: KeyMeta, next: KeyMeta): Promise<void> {
  if (previous.protector === 'key-file' && next.protector !== 'key-file') await removeKeyFile(homes.keyFile);
  if (previous.protector === 'keyring' && next.protector !== 'keyring' && homes.keyring) {
    const entry = previous.account === DEFAULT_KEYRING_ACCOUNT ? homes.keyring : homes.keyring.withAccount(previous.account);
    await entry.delete().catch((error: unknown) => homes.log.warn('could not remove the old keyring entry', { reason: reasonOf(error) }));
  }
}

/** The error's message only; keyring errors name the service, never the secret. */
function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message.slice(0, 300) : String(error).slice(0, 300);
}
