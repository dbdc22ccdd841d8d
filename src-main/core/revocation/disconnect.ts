// Disconnect, local first: the tokens are sealed into the revocation queue,
// then the account, its vault entry and its friends go at once, and only
// then is the provider asked to revoke. The network never holds a disconnect
// for longer than a short bound: past it, the revocation carries on queued.
// Tokens that cannot be read never block a disconnect: the account still goes,
// and the answer says Kith could not revoke. Every disconnect leaves a receipt
// (disconnect-history.ts), written before the provider is asked.
import { KithError, type DisconnectResult } from '../../../src-contract/kith-api';
import { hasCode } from '../../../src-contract/errors';
import type { AccountRepository } from '../accounts/account-repository';
import type { TokenStore } from '../accounts/token-store';
import type { Scheduler } from '../api/scheduler';
import { toCoreError } from '../api/core-error';
import type { FriendsStoreAccess } from '../friends/friends-store-access';
import type { FriendsSync } from '../friends/friends-sync';
import type { Logger } from '../ports';
import type { TokenSet } from '../providers/provider';
import type { DisconnectHistory, NewReceipt } from './disconnect-history';
import type { RevocationQueue } from './revocation-queue';
import type { ScriptAccess } from './script-access';

/** How long disconnect waits for the provider before answering 'queued'. */
export const DISCONNECT_WAIT_MS = 3_000;

export interface DisconnectDeps {
  repo: AccountRepository;
  vault: TokenStore;
  friends: FriendsStoreAccess;
  sync: FriendsSync;
  queue: RevocationQueue;
  history: DisconnectHistory;
  /** Script tokens limited to the account end with it (when the token service can say which). */
  scriptAccess?: ScriptAccess;
  scheduler: Scheduler;
  log: Logger;
  onAccountChanged(): void;
  waitMs?: number;
}

export type Disconnect = (accountId: string) => Promise<DisconnectResult>;

/** One account gone from this computer, its revocation queued (or not possible): what its receipt needs. */
export interface AccountRemoved {
  receipt: NewReceipt['accounts'][number];
}

export function createDisconnect(deps: DisconnectDeps): Disconnect {
  const remove = createAccountRemoval(deps);
  return async (accountId) => {
    const removed = await remove(accountId);
    const scriptTokensEnded = (await deps.scriptAccess?.endForAccount?.(accountId)) ?? [];
    await deps.history.record({ scope: 'account', accounts: [removed.receipt], scriptTokensEnded, sessionsEnded: 0 });
    const revocationId = removed.receipt.revocationId;
    // Nothing Kith could revoke with: say so rather than claim the grant is gone.
    if (!revocationId) return { accountId, revocation: 'not_possible' };
    const [revoked] = await waitForRevocations(deps, [revocationId]);
    return { accountId, revocation: revoked ? 'revoked' : 'queued' };
  };
}

/**
 * Tries the revocations now and waits for them a short while; true for each the provider
 * confirmed within it. The rest carry on queued; a confirmation within the wait is part of
 * the answer, so the history does not announce it as news.
 */
export async function waitForRevocations(deps: Pick<DisconnectDeps, 'queue' | 'history' | 'scheduler' | 'waitMs'>, ids: readonly string[]): Promise<boolean[]> {
  const answered = deps.history.answering(ids);
  let cancelWait = () => {};
  const waited = new Promise<false>((resolve) => {
    cancelWait = deps.scheduler.schedule(() => resolve(false), deps.waitMs ?? DISCONNECT_WAIT_MS);
  });
  try {
    return await Promise.all(ids.map((id) => Promise.race([deps.queue.attempt(id), waited])));
  } finally {
    cancelWait();
    answered();
  }
}

/** Removes one account from this computer (tokens sealed into the queue first); asks the provider nothing yet. */
export function createAccountRemoval(deps: DisconnectDeps): (accountId: string) => Promise<AccountRemoved> {
  return async (accountId) => {
    const record = await deps.repo.get(accountId);
    if (!record) throw new KithError('E_UNKNOWN_ACCOUNT', `There is no account ${accountId}.`);
    const tokens = await readTokens(deps, accountId);
    // Queued (sealed, on disk) before anything is deleted: a crash in between never loses a grant that still needs revoking.
    const revocationId = tokens
      ? await deps.queue.enqueue({
          provider: record.provider,
          subject: record.subject,
          accountLabel: record.email ?? record.displayName,
          tokens,
        })
      : null;
    deps.sync.abandon(accountId);
    await deps.repo.remove(accountId);
    await deps.vault.delete(accountId);
    try {
      await (await deps.friends.get()).forgetAccount(accountId);
    } catch (error) {
      // The store cannot be opened (its key is missing): the account is gone all the same; its rows stay
      // encrypted in the database until the store opens again and forgets accounts Kith no longer has.
      deps.log.warn('could not forget the account in the friends store', { accountId, code: toCoreError(error).code });
    }
    deps.onAccountChanged();
    deps.log.info('account disconnected', { accountId, provider: record.provider });
    return {
      receipt: {
        accountId,
        provider: record.provider,
        displayName: record.displayName,
        email: record.email,
        // The vault entry goes even when it could not be read.
        deleted: { tokens: true, cachedFriends: record.friendCount },
        revocationId,
      },
    };
  };
}

/**
 * The account's tokens, or null when there are none or they cannot be decrypted (the key
 * changed, the keyring is gone, the entry is damaged): a disconnect must still remove the
 * account, so an unreadable entry only means Kith cannot revoke.
 */
async function readTokens(deps: Pick<DisconnectDeps, 'vault' | 'log'>, accountId: string): Promise<TokenSet | null> {
  try {
    return await deps.vault.get(accountId);
  } catch (error) {
    if (!hasCode(error, 'E_STORAGE')) throw error;
    deps.log.warn('saved sign-in unreadable; disconnecting without revoking', { accountId });
    return null;
  }
}
