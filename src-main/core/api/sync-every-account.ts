// `sync.run` without an account, and the periodic sync: every account, one
// after another, which is gentler on provider rate limits than all at once.
import type { SyncResult } from '../../../src-contract/kith-api';
import type { AccountRepository } from '../accounts/account-repository';
import type { FriendsSync } from '../friends/friends-sync';
import { toCoreError } from './core-error';

export function createSyncEveryAccount(repo: AccountRepository, friendsSync: FriendsSync): () => Promise<SyncResult[]> {
  return async () => {
    const results: SyncResult[] = [];
    for (const record of await repo.all()) {
      try {
        results.push(await friendsSync.sync(record.id));
      } catch (error) {
        // Disconnected meanwhile: nothing to report for it.
        if (toCoreError(error).code !== 'E_UNKNOWN_ACCOUNT') throw error;
      }
    }
    return results;
  };
}
