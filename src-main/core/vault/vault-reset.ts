// Starting over when the data key is lost for good: a new key, the documents
// sealed with the old one renamed aside (never deleted: the old key may turn
// up, and then they can be restored by hand), every account record kept and
// marked "needs reconnecting", so reconnecting each one brings it back.
// The friends database is encrypted with a key sealed by the old data key, so
// it is set aside too; each account's people come back with its next sync.
import { KithError, type VaultResetResult } from '../../../src-contract/kith-api';
import type { AccountRepository } from '../accounts/account-repository';
import type { FriendsStoreAccess } from '../friends/friends-store-access';
import type { Cipher, DocumentStore, Logger } from '../ports';

/** The documents whose every entry is sealed with the data key. */
export const SEALED_DOCUMENTS = ['vault', 'revocations', 'store-key'] as const;

export interface VaultResetDeps {
  cipher: Cipher;
  store: DocumentStore;
  repo: AccountRepository;
  friends: Pick<FriendsStoreAccess, 'setAside'>;
  log: Logger;
  onAccountChanged(): void;
}

export function createVaultReset(deps: VaultResetDeps): () => Promise<VaultResetResult> {
  return async () => {
    if (!deps.store.moveAside) throw new KithError('E_INTERNAL', 'This Kith cannot set its files aside, so it will not start over.');
    // The database first, then the documents: should a later step fail, the old key still
    // opens what is left, and the database can be renamed back by hand.
    const movedAside: string[] = [...(await deps.friends.setAside())];
    for (const name of SEALED_DOCUMENTS) {
      if ((await deps.store.read(name)).kind === 'missing') continue;
      movedAside.push(await deps.store.moveAside(name, 'sealed with a key Kith started over from'));
    }
    movedAside.push(...((await deps.cipher.reset?.()) ?? []));
    const message = 'Kith started over with a new encryption key, so this account’s saved sign-in is gone. Reconnect it to sign in again.';
    let accountsToReconnect = 0;
    for (const record of await deps.repo.all()) {
      await deps.repo.update(record.id, (r) => ({ ...r, status: 'needs_reconnect', statusError: { code: 'E_NEEDS_RECONNECT', message } }));
      accountsToReconnect += 1;
    }
    deps.log.warn('vault started over with a new key', { movedAside: movedAside.length, accountsToReconnect });
    deps.onAccountChanged();
    const vault = (await deps.cipher.state?.()) ?? { state: 'open' as const, reason: null, message: null, canUnlock: false, protector: null };
    return { movedAside, accountsToReconnect, vault };
  };
}
