// The per-account offline caches: each document is read at most once into a
// FriendIndex and then served from memory; a sync replaces it in one step.
import type { ProviderId } from '../../../src-contract/kith-api';
import type { Cipher, Logger } from '../ports';
import type { ProviderPerson } from '../providers/provider';
import { FriendIndex, makeEntry, sameAsEntry, type FriendEntry } from './friend-index';
import { SealedBox } from '../vault/sealed-box';
import { z } from 'zod';
import type { TypedDocumentStore } from '../storage/typed-document-store';
import { friendsDocument, type FriendsDocument, type PersonTuple } from './friends-document';

export interface CachedFriends {
  index: FriendIndex;
  syncedAt: number | null;
  friendTotal: number | null;
  sealedSyncToken: string | null;
}

export interface FriendsCommit {
  /** The full new content: unchanged people keep their entries (no rework for them). */
  people: Iterable<ProviderPerson>;
  syncedAt: number;
  friendTotal: number | null;
  syncToken: string | null;
}

export interface FriendsCache {
  /**
   * The account's cache, read from disk the first time only, or again when the account
   * record says another process (the CLI beside `kith serve`) synced it since (`syncedAt`).
   */
  load(accountId: string, provider: ProviderId, syncedAt?: number | null): Promise<CachedFriends>;
  /** Decrypts the stored sync token (sync only; it never leaves the core). */
  syncToken(cached: CachedFriends): Promise<string | null>;
  /** Writes the document, then swaps the in-memory index. */
  commit(accountId: string, provider: ProviderId, commit: FriendsCommit): Promise<CachedFriends>;
  /** Forgets the account's cache, in memory and on disk. */
  wipe(accountId: string): Promise<void>;
}

export function createFriendsCache(documents: TypedDocumentStore, cipher: Cipher, log: Logger): FriendsCache {
  const loaded = new Map<string, Promise<CachedFriends>>();
  let versions = 0;
  const box = new SealedBox(cipher);

  async function read(accountId: string, provider: ProviderId): Promise<CachedFriends> {
    const read = await documents.read(friendsDocument(accountId));
    const doc = read.kind === 'ok' ? read.value : null;
    const byId = new Map<string, FriendEntry>();
    if (doc && doc.accountId === accountId) {
      for (const [personId, name, email, phone, avatarUrl] of doc.people) {
        byId.set(personId, makeEntry(accountId, provider, { personId, name, email, phone, avatarUrl }));
      }
    }
    return {
      index: new FriendIndex(accountId, provider, byId, ++versions),
      syncedAt: doc?.syncedAt ?? null,
      friendTotal: doc?.friendTotal ?? null,
      sealedSyncToken: doc?.sealedSyncToken ?? null,
    };
  }

  return {
    async load(accountId, provider, syncedAt) {
      let pending = loaded.get(accountId);
      if (pending && syncedAt !== undefined && syncedAt !== null && (await pending).syncedAt !== syncedAt) pending = undefined;
      if (!pending) {
        pending = read(accountId, provider);
        loaded.set(accountId, pending);
        pending.catch(() => loaded.delete(accountId));
      }
      return pending;
    },
    async syncToken(cached) {
      if (!cached.sealedSyncToken) return null;
      try {
        return await box.open(cached.sealedSyncToken, z.string());
      } catch {
        // An unreadable sync token only costs a full sync.
        log.warn('friends sync token could not be decrypted; running a full sync', { accountId: cached.index.accountId });
        return null;
      }
    },
    async commit(accountId, provider, commit) {
      const previous = await this.load(accountId, provider);
      const byId = new Map<string, FriendEntry>();
      const tuples: PersonTuple[] = [];
      for (const person of commit.people) {
        const old = previous.index.byId.get(person.personId);
        byId.set(person.personId, old && sameAsEntry(old, person) ? old : makeEntry(accountId, provider, person));
        tuples.push([person.personId, person.name, person.email, person.phone, person.avatarUrl]);
      }
      const sealedSyncToken = commit.syncToken ? await box.seal(commit.syncToken) : null;
      const doc: FriendsDocument = {
        version: 1,
        accountId,
        provider,
        syncedAt: commit.syncedAt,
        friendTotal: commit.friendTotal,
        sealedSyncToken,
        people: tuples,
      };
      await documents.write(friendsDocument(accountId), doc);
      const next: CachedFriends = {
        index: new FriendIndex(accountId, provider, byId, ++versions),
        syncedAt: commit.syncedAt,
        friendTotal: commit.friendTotal,
        sealedSyncToken,
      };
      loaded.set(accountId, Promise.resolve(next));
      return next;
    },
    async wipe(accountId) {
      loaded.delete(accountId);
      await documents.remove(friendsDocument(accountId));
    },
  };
}

/** The people of a cached index, as the provider listed them (for incremental merges). */
export function* peopleOf(index: FriendIndex): Iterable<ProviderPerson> {
  for (const entry of index.byId.values()) {
    const f = entry.friend;
    yield { personId: entry.personId, name: f.name, email: f.email, phone: f.phone, avatarUrl: f.avatarUrl };
  }
}
