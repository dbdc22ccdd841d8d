// Opens the friends store once per process, with its key, and says in words
// why it cannot be used when it cannot.
//
// The key: 32 random bytes, sealed by the Cipher into the `store-key`
// document the first time a database is made. While a database exists and
// that key cannot be had (document missing or damaged, Cipher unable to
// unseal it), no new key is ever made: the store is unavailable, the files
// stay as they are, and status says why; putting the key back makes it work
// again on the next request. A wrong key is not damage (the adapter tells
// them apart by its key check). A damaged database is moved aside (kept),
// reported, and a fresh one is made and filled by the next sync.
// JSON caches of earlier versions are imported on first open
// (legacy-friends-import.ts).
import { z } from 'zod';
import { KithError } from '../../../src-contract/kith-api';
import type { AccountRepository } from '../accounts/account-repository';
import type { AccessLogStore, Cipher, FriendsDatabase, FriendsStore, Logger } from '../ports';
import { defineDocument, errorSummary, type TypedDocumentStore } from '../storage/typed-document-store';
import { SealedBox } from '../vault/sealed-box';
import { isVaultLocked } from '../vault/vault-locked';
import { importLegacyFriends } from './legacy-friends-import';

const StoreKeyDocumentSchema = z
  .object({
    version: z.literal(1),
    /** The Cipher's output (base64) over the key's 64 hex digits. */
    sealedKey: z.string().min(1),
  })
  .strict();
export const storeKeyDocument = defineDocument('store-key', StoreKeyDocumentSchema);
const KeyHexSchema = z.string().regex(/^[0-9a-f]{64}$/);

export interface FriendsProblem {
  document: string;
  message: string;
}

export interface FriendsStoreAccess {
  /** The open store; rejects with E_STORAGE (in words) while it cannot be used. */
  get(): Promise<FriendsStore>;
  /** The access log kept in the same database (null where the adapter keeps none); rejects as get() does. */
  accessLog(): Promise<AccessLogStore | null>;
  /** What keeps the store from working, or happened to it, since this process started. */
  problems(): FriendsProblem[];
  /**
   * Starting over gave up the key the database was made with: moves the database and its
   * key aside (renamed, never deleted) so the next request makes a new one; returns the new
   * names. The people come back with the next sync of each reconnected account.
   */
  setAside(): Promise<string[]>;
  close(): void;
}

export interface FriendsStoreAccessDeps {
  database: FriendsDatabase;
  documents: TypedDocumentStore;
  cipher: Cipher;
  repo: AccountRepository;
  randomBytes(size: number): Uint8Array;
  log: Logger;
  /** A damaged database was replaced by an empty one: the caller syncs every account again. */
  onRecreated?(): void;
  /** A problem to keep until the person acts (the database moved aside). */
  onLastingProblem?(problem: FriendsProblem): void;
}

export function createFriendsStoreAccess(deps: FriendsStoreAccessDeps): FriendsStoreAccess {
  const box = new SealedBox(deps.cipher);
  const lasting: FriendsProblem[] = [];
  /** Why the store is unavailable right now (cleared when it opens). */
  let unavailable: FriendsProblem | null = null;
  let opening: Promise<FriendsStore> | null = null;
  let accessLog: AccessLogStore | null = null;
  const name = 'kith.db';

  const refuse = (message: string): never => {
    unavailable = { document: name, message };
    deps.log.warn('friends store unavailable', { reason: message });
    throw new KithError('E_STORAGE', message);
  };

  async function key(): Promise<Uint8Array> {
    const read = await deps.documents.read(storeKeyDocument);
    if (read.kind === 'ok') {
      let opened;
      try {
        opened = await box.openDetailed(read.value.sealedKey, KeyHexSchema);
      } catch (error) {
        // A locked vault is not an unreadable key: pass the one true reason on.
        if (isVaultLocked(error)) throw error;
        return refuse(
          `Kith cannot unlock its contacts database: the key that opens it (sealed in "store-key") cannot be decrypted with the current protection. Nothing was deleted; ${deps.database.location} is left as it was.`,
        );
      }
      if (opened.shouldReEncrypt) {
        await deps.documents.write(storeKeyDocument, { version: 1, sealedKey: await box.seal(opened.value) });
      }
      return new Uint8Array(Buffer.from(opened.value, 'hex'));
    }
    if (await deps.database.exists()) {
      return refuse(
        `Kith’s contacts database exists but the key that opens it ("store-key") is ${read.kind === 'missing' ? 'missing' : 'damaged'}; Kith will not make a new key over it. Nothing was deleted; put the key back to read ${deps.database.location} again.`,
      );
    }
    const fresh = Buffer.from(deps.randomBytes(32));
    if (fresh.length !== 32) throw new KithError('E_INTERNAL', 'The random source gave a short key.');
    await deps.documents.write(storeKeyDocument, { version: 1, sealedKey: await box.seal(fresh.toString('hex')) });
    return new Uint8Array(fresh);
  }

  async function open(): Promise<FriendsStore> {
    const storeKey = await key();
    let opened = await deps.database.open(storeKey);
    if (opened.kind === 'damaged' || opened.kind === 'unreadable') {
      const movedTo = await deps.database.moveAside(opened.kind);
      const message = `${opened.message} It was moved aside to ${movedTo} (not deleted); friends will be synced again.`;
      lasting.push({ document: name, message });
      deps.onLastingProblem?.({ document: name, message });
      deps.log.warn('friends database moved aside', { reason: opened.kind, movedTo });
      opened = await deps.database.open(storeKey);
      if (opened.kind === 'open') queueMicrotask(() => deps.onRecreated?.());
    }
    if (opened.kind !== 'open') return refuse(`${opened.message} Nothing was deleted; ${deps.database.location} is left as it was.`);
    unavailable = null;
    accessLog = opened.accessLog ?? null;
    try {
      await importLegacyFriends({ store: opened.store, documents: deps.documents, box, repo: deps.repo, log: deps.log });
    } catch (error) {
      // The old caches stay where they are and are tried again at the next start.
      deps.log.warn('could not import the friends caches of an earlier version', { error: errorSummary(error) });
    }
    // An account disconnected while the store could not be opened leaves nothing behind once it can.
    const held = new Set((await deps.repo.all()).map((r) => r.id));
    for (const accountId of await opened.store.accountIds()) if (!held.has(accountId)) await opened.store.forgetAccount(accountId);
    return opened.store;
  }

  const access: FriendsStoreAccess = {
    get() {
      if (!opening) {
        opening = open();
        // A store that could not be opened is tried again on the next request (the key may be back).
        opening.catch(() => {
          opening = null;
        });
      }
      return opening;
    },
    accessLog: async () => {
      await access.get();
      return accessLog;
    },
    problems: () => [...lasting, ...(unavailable ? [unavailable] : [])],
    async setAside() {
      await opening?.catch(() => {});
      opening = null;
      unavailable = null;
      const moved: string[] = [];
      if (await deps.database.exists()) moved.push(await deps.database.moveAside('started-over'));
      return moved;
    },
    close() {
      opening = null;
      deps.database.close();
    },
  };
  return access;
}
