// When a toast is pushed and when it clears itself. Each failure is told in one
// place: the account card shows an account's lasting state ("Needs
// reconnecting", "Last sync failed"), the offline toast shows that the providers
// cannot be reached, and a toast adds only what is news (a sync that failed in
// a new way). A toast about a failure goes away when the failure does: the
// account synced, was reconnected or disconnected.
import type { AccountId, AccountSummary, KithErrorInfo, SyncResult } from '../../src-contract/kith-api';
import { errorWords, needsReconnect } from '../lib/error-words';
import { pluralize } from '../lib/format';
import { accountWithProvider, type AccountsStore } from './accounts-store';
import type { NoticeInput, NoticesStore } from './notices-store';

export interface NoticeRules {
  connected(account: AccountSummary): void;
  /** Remembers what the cards said before a sync, to tell news from repeats. */
  syncStarted(): void;
  /** `error` is set when sync.run itself failed (no results). */
  syncFinished(results: readonly SyncResult[] | null, error: KithErrorInfo | null): void;
  /** Stops following the accounts store. */
  stop(): void;
}

export const syncFailedKey = (accountId: AccountId) => `sync-failed:${accountId}`;
const SYNC_RUN_FAILED = 'sync-run-failed';

export function createNoticeRules(notices: NoticesStore, accounts: AccountsStore): NoticeRules {
  const push = (notice: NoticeInput | null) => {
    if (notice) notices.getState().push(notice);
  };
  let before: readonly AccountSummary[] = [];

  // A failure toast outlives nothing: once the account is healthy again, or gone, it clears.
  const unsubscribe = accounts.subscribe((state) => {
    const list = state.accounts;
    if (!list) return;
    for (const notice of notices.getState().notices) {
      if (!notice.key.startsWith('sync-failed:')) continue;
      const account = list.find((a) => syncFailedKey(a.id) === notice.key);
      if (!account || isHealthy(account)) notices.getState().clear(notice.key);
    }
  });

  return {
    connected(account) {
      notices.getState().clear(syncFailedKey(account.id));
      push({ key: 'connected', text: `Connected ${accountWithProvider(account)}.`, tone: 'success' });
    },
    syncStarted() {
      before = accounts.getState().accounts ?? [];
    },
    syncFinished(results, error) {
      if (error) {
        push({ key: SYNC_RUN_FAILED, text: `Sync failed. ${errorWords(error, { action: 'sync' }) ?? ''}`.trim(), tone: 'error' });
        return;
      }
      notices.getState().clear(SYNC_RUN_FAILED);
      if (!results) return;
      const known = accounts.getState().accounts ?? [];
      for (const result of results) {
        if (result.ok) notices.getState().clear(syncFailedKey(result.accountId));
        else push(syncFailureNotice(result, before.find((a) => a.id === result.accountId) ?? null, known.find((a) => a.id === result.accountId) ?? null));
      }
      push(syncSummary(results));
    },
    stop: unsubscribe,
  };
}

/**
 * The toast for one account's failed sync, or null when it is not news: the offline
 * toast already says the providers cannot be reached, and the card already said
 * this failure before the sync ran.
 */
export function syncFailureNotice(result: SyncResult, before: AccountSummary | null, account: AccountSummary | null): NoticeInput | null {
  const error = result.error;
  if (result.ok || !error || error.code === 'E_OFFLINE') return null;
  if (before && cardAlreadySays(before, error)) return null;
  const words = errorWords(error, { provider: account?.provider ?? before?.provider ?? null, action: 'sync' });
  const who = account ?? before;
  return { key: syncFailedKey(result.accountId), text: `Could not sync ${who ? accountWithProvider(who) : 'an account'}.${words ? ` ${words}` : ''}`, tone: 'error' };
}

/** Usable and not failing: a reconnected account's old "no longer has access" no longer holds. */
function isHealthy(account: AccountSummary): boolean {
  return account.status === 'active' && (account.lastSyncError === null || needsReconnect(account.lastSyncError.code));
}

function cardAlreadySays(account: AccountSummary, error: KithErrorInfo): boolean {
  if (needsReconnect(error.code)) return account.status === 'needs_reconnect' || (account.lastSyncError !== null && needsReconnect(account.lastSyncError.code));
  return account.lastSyncError?.code === error.code;
}

/** One line after "Sync now" when every account synced; failures have their own toasts or cards. */
export function syncSummary(results: readonly SyncResult[]): NoticeInput | null {
  if (results.length === 0) return null;
  const synced = results.filter((r) => r.ok).length;
  if (synced === results.length) return { key: 'synced', text: `Synced ${pluralize(synced, 'account')}.`, tone: 'success' };
  if (synced === 0) return null;
  return { key: 'synced', text: `Synced ${synced} of ${pluralize(results.length, 'account')}.`, tone: 'info' };
}
