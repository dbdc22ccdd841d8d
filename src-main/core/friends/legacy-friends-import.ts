// Brings the JSON friends caches of earlier versions (`friends-<accountId>`
// documents, friends-document.ts) into the friends store on first open, with
// everything they held: people, the sealed sync token (so the next sync stays
// incremental), when they were synced and the provider's total. Each import is
// one staged full sync, so a crash half-way leaves the store without the
// account and the document in place to import again. Once the store holds the
// account, the document is renamed aside (kept, never deleted).
import { z } from 'zod';
import type { AccountRepository } from '../accounts/account-repository';
import type { FriendsStore, Logger } from '../ports';
import type { TypedDocumentStore } from '../storage/typed-document-store';
import type { SealedBox } from '../vault/sealed-box';
import { friendsDocument } from './friends-document';
import { fromProviderPerson } from './stored-person';

/** People per committed page of an import (the store takes up to 10,000). */
const IMPORT_PAGE = 5_000;

export interface LegacyImportDeps {
  store: FriendsStore;
  documents: TypedDocumentStore;
  box: SealedBox;
  repo: AccountRepository;
  log: Logger;
}

export async function importLegacyFriends(deps: LegacyImportDeps): Promise<number> {
  let imported = 0;
  for (const record of await deps.repo.all()) {
    const definition = friendsDocument(record.id);
    const read = await deps.documents.read(definition);
    if (read.kind !== 'ok') continue;
    const doc = read.value;
    if (doc.accountId === record.id && doc.provider === record.provider && !(await deps.store.syncState(record.id))?.lastSyncedAt) {
      let syncToken: string | null = null;
      if (doc.sealedSyncToken) {
        // An unreadable sync token only costs a full sync next time.
        syncToken = await deps.box.open(doc.sealedSyncToken, z.string()).catch(() => null);
      }
      await deps.store.beginSync(record.id, record.provider, 'full');
      const people = doc.people.map(([personId, name, email, phone, avatarUrl]) => fromProviderPerson({ personId, name, email, phone, avatarUrl }));
      for (let start = 0; start < people.length || start === 0; start += IMPORT_PAGE) {
        const last = start + IMPORT_PAGE >= people.length;
        await deps.store.applyPage(record.id, {
          upserts: people.slice(start, start + IMPORT_PAGE),
          deletes: [],
          syncState: last ? { cursor: null, syncToken, friendTotal: doc.friendTotal, syncedAt: doc.syncedAt } : { cursor: 'import', friendTotal: doc.friendTotal },
        });
      }
      imported += 1;
      deps.log.info('imported the friends cache of an earlier version', { accountId: record.id, count: people.length });
    }
    await keepAside(deps.documents, definition.name);
  }
  return imported;
}

/** Keeps the imported document under a new name (`<name>-imported-<time>`), then removes the old name. */
async function keepAside(documents: TypedDocumentStore, name: string): Promise<void> {
  const raw = documents.store;
  const read = await raw.read(name);
  if (read.kind !== 'ok') return;
  let copy = `${name}-imported-${Date.now()}`;
  while ((await raw.read(copy)).kind !== 'missing') copy += '_';
  await raw.write(copy, read.value);
  await raw.remove(name);
}
