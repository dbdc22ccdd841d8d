// The empty friend list, each reason in its own words with the action that helps:
// connect an account, sync now, share the permission again, reconnect, clear the search.
import type { ReactNode } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { AccountSummary } from '../../../src-contract/kith-api';
import { providerName } from '../../../src-contract/provider-names';
import { errorWords } from '../../lib/error-words';
import { formatLastSynced } from '../../lib/format';
import { missingPermissionWords } from '../../lib/access-words';
import { accountPossessive, accountWithProvider } from '../../state/accounts-store';
import { useAppStore, useStores } from '../../state/stores-context';
import { runningSyncs } from '../../state/sync-store';
import { Button } from '../../ui/button';
import { useNow } from '../../ui/use-now';
import type { EmptyReason } from './empty-reason';

export function FriendsEmptyState({ reason, onClearSearch, onShowAll }: { reason: EmptyReason; onClearSearch(): void; onShowAll(): void }) {
  const stores = useStores();
  const now = useNow();
  const login = useAppStore('login', useShallow((s) => ({ connecting: s.connecting, reconnecting: s.reconnecting })));
  const syncing = useAppStore('sync', (s) => runningSyncs(s.progress).length > 0);
  const named = (accounts: readonly AccountSummary[]) => accounts.map(accountWithProvider).join(', ');

  switch (reason.kind) {
    case 'no_accounts':
      return (
        <EmptyCard title="No accounts connected">
          <p>Kith lists the contacts and friends of the accounts you connect.</p>
          <a className="btn btn-primary" href="#/accounts">
            Connect an account
          </a>
        </EmptyCard>
      );
    case 'no_match':
      return reason.search ? (
        <EmptyCard title={`No one matches “${reason.search}”`}>
          <p>Search looks at names, emails and phone numbers. Check the spelling, or clear the search to see everyone.</p>
          <Button onClick={onClearSearch}>Clear search</Button>
        </EmptyCard>
      ) : (
        <EmptyCard title="No one in this filter">
          <p>The accounts chosen hold no one. Your other accounts do.</p>
          <Button onClick={onShowAll}>Show all accounts</Button>
        </EmptyCard>
      );
    case 'never_synced':
      return (
        <EmptyCard title="Not synced yet">
          <p>
            {syncing
              ? `Kith is syncing ${named(reason.accounts)} for the first time. People appear here as soon as it finishes.`
              : `Kith has not synced ${named(reason.accounts)} yet. People appear here after the first sync.`}
          </p>
          {reason.accounts.map((account) =>
            account.lastSyncError && !syncing ? (
              <p key={account.id}>
                The last try failed: {errorWords(account.lastSyncError, { action: 'sync', provider: account.provider }) ?? account.lastSyncError.message}
              </p>
            ) : null,
          )}
          <Button variant="primary" busy={syncing} disabled={syncing} onClick={() => void stores.sync.getState().run()}>
            {syncing ? 'Syncing…' : 'Sync now'}
          </Button>
        </EmptyCard>
      );
    case 'synced_empty':
      return (
        <EmptyCard title="No one to show">
          {reason.accounts.map((account) => (
            <p key={account.id}>
              {accountPossessive(account)} has no {account.provider === 'google' ? 'contacts' : 'friends who also use Kith'} (
              {formatLastSynced(account.lastSyncedAt, now).toLowerCase()}).
            </p>
          ))}
          <Button busy={syncing} disabled={syncing} onClick={() => void stores.sync.getState().run()}>
            {syncing ? 'Syncing…' : 'Sync again'}
          </Button>
        </EmptyCard>
      );
    case 'permission':
      return (
        <EmptyCard title={reason.accounts.length === 1 ? missingPermissionWords(reason.accounts[0]!.provider).title : 'You didn’t share your contacts or friends with Kith'}>
          {reason.accounts.map((account) => {
            const words = missingPermissionWords(account.provider);
            return (
              <div key={account.id} className="empty-state-account">
                <p>
                  {accountWithProvider(account)}: when you signed in, {providerName(account.provider)} was not allowed to give Kith your{' '}
                  {account.provider === 'google' ? 'contacts' : 'friends list'}, so there is nothing to list.
                </p>
                <Button
                  variant="primary"
                  aria-label={reason.accounts.length > 1 ? `${words.action}: ${accountWithProvider(account)}` : undefined}
                  disabled={login.connecting !== null}
                  busy={login.reconnecting === account.id}
                  onClick={() => void stores.login.getState().requestPermission(account.id, account.provider, 'friends')}
                >
                  {words.action}
                </Button>
              </div>
            );
          })}
        </EmptyCard>
      );
    case 'reconnect':
      return (
        <EmptyCard title={reason.accounts.length === 1 ? `${accountWithProvider(reason.accounts[0]!)} needs reconnecting` : 'These accounts need reconnecting'}>
          {reason.accounts.map((account) => (
            <div key={account.id} className="empty-state-account">
              <p>
                {(account.statusError ? errorWords(account.statusError, { action: 'sync', provider: account.provider }) : null) ?? `Kith can no longer reach ${accountPossessive(account)}.`} Reconnect to
                see its people again.
              </p>
              <Button
                variant="primary"
                aria-label={`Reconnect ${accountPossessive(account)}`}
                disabled={login.connecting !== null}
                busy={login.reconnecting === account.id}
                onClick={() => void stores.login.getState().reconnect(account.id, account.provider)}
              >
                Reconnect
              </Button>
            </div>
          ))}
        </EmptyCard>
      );
  }
}

function EmptyCard({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="card empty-state friends-empty" aria-label={title}>
      <h2>{title}</h2>
      {children}
    </section>
  );
}
