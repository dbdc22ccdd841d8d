import { useCallback, useId } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { AccountId, AccountSummary } from '../../../src-contract/kith-api';
import { accountLabel, accountWithProvider } from '../../state/accounts-store';
import { useAppStore, useStores } from '../../state/stores-context';
import { errorWords } from '../../lib/error-words';
import { formatFacebookShare, formatFriendCount } from '../../lib/format';
import { Banner } from '../../ui/banner';
import { useSearchInput } from '../../ui/use-search-input';
import { LoginPanel } from '../accounts/login-panel';
import { MissingPermissionBanner } from '../accounts/missing-permission-banner';
import { OtherPersonPrompt } from '../accounts/other-person-prompt';
import { PageHeader } from '../shell/page-header';
import { FriendList } from './friend-list';

/**
 * Every keystroke is searched at once (the store's full-text index answers in a few ms); the
 * friends store sends a new query only when the previous one has answered, and then only the
 * latest, so fast typing never queues a backlog.
 */
const SEARCH_DELAY_MS = 0;

export function FriendsPage() {
  const stores = useStores();
  const accounts = useAppStore('accounts', (s) => s.accounts);
  const { accountId, search, total, error } = useAppStore(
    'friends',
    useShallow((s) => ({ accountId: s.accountId, search: s.search, total: s.total, error: s.error })),
  );
  const applySearch = useCallback((value: string) => stores.friends.getState().setSearch(value), [stores]);
  const searchInput = useSearchInput(search, applySearch, SEARCH_DELAY_MS);
  const login = useAppStore('login', useShallow((s) => ({ connecting: s.connecting, started: s.started, reconnecting: s.reconnecting })));

  const countId = useId();
  const searchId = useId();
  const accountSelectId = useId();
  const selected = accounts?.find((a) => a.id === accountId) ?? null;
  const inScope = selected ? [selected] : (accounts ?? []);
  // Accounts whose person kept their contacts or friends list from Kith: nothing of theirs can appear below.
  const unshared = inScope.filter((a) => a.status === 'active' && a.missingPermissions.includes('friends'));
  const facebookNotes = inScope.filter(
    (a): a is AccountSummary & { friendTotal: number } => a.provider === 'facebook' && a.friendTotal !== null,
  );

  return (
    <div className="friends-page">
      <PageHeader title="Friends" description="Everyone Kith has synced, readable even when you are offline." />

      <div className="friends-toolbar" role="search" aria-label="Filter friends">
        <div className="field">
          <label htmlFor={accountSelectId}>Account</label>
          <select
            id={accountSelectId}
            value={accountId ?? ''}
            onChange={(event) => stores.friends.getState().setAccount((event.target.value || null) as AccountId | null)}
          >
            <option value="">All accounts</option>
            {(accounts ?? []).map((account) => (
              <option key={account.id} value={account.id}>
                {accountWithProvider(account)}
              </option>
            ))}
          </select>
        </div>
        <div className="field field-grow">
          <label htmlFor={searchId}>Search friends</label>
          <input
            id={searchId}
            type="search"
            placeholder="Name, email or phone"
            autoComplete="off"
            spellCheck={false}
            value={searchInput.value}
            onChange={(event) => searchInput.onChange(event.target.value)}
          />
        </div>
      </div>

      <p id={countId} className="friend-count" aria-live="polite">
        {total === null ? 'Loading friends…' : countText(total, search, selected)}
      </p>

      {facebookNotes.map((account) => (
        <p key={account.id} className="facebook-note">
          <span className="provider-mark provider-mark-facebook" aria-hidden="true" />
          Facebook only shares friends who also use Kith: {formatFacebookShare(account.friendCount, account.friendTotal)}
          {facebookNotes.length > 1 ? ` (${accountLabel(account)})` : ''}.
        </p>
      ))}

      {login.connecting ? <LoginPanel provider={login.connecting} started={login.started} onCancel={() => void stores.login.getState().cancel()} /> : null}

      <OtherPersonPrompt />

      {unshared.map((account) => (
        <MissingPermissionBanner
          key={account.id}
          account={account}
          named={inScope.length > 1}
          canAsk={login.connecting === null}
          busy={login.reconnecting === account.id}
          onShare={() => void stores.login.getState().requestPermission(account.id, account.provider, 'friends')}
        />
      ))}

      {error ? (
        <Banner tone="error" title="Could not load friends">
          {errorWords(error, { action: 'load' })}
        </Banner>
      ) : null}

      {total === 0 ? (
        <div className="card empty-state">
          {search.trim() ? (
            <p>No friends match “{search.trim()}”.</p>
          ) : accounts && accounts.length === 0 ? (
            <p>
              No friends yet. <a href="#/accounts">Connect an account</a> to see them here.
            </p>
          ) : unshared.length > 0 && unshared.length === inScope.length ? (
            <p>Nothing to show until you share them with Kith.</p>
          ) : (
            <p>No friends synced yet. They appear here after the first sync.</p>
          )}
        </div>
      ) : (
        <FriendList queryKey={`${accountId ?? ''}\u0000${search}`} describedBy={countId} />
      )}
    </div>
  );
}

function countText(total: number, search: string, account: AccountSummary | null): string {
  const where = account ? ` in ${accountWithProvider(account)}` : '';
  const query = search.trim();
  return query ? `${formatFriendCount(total)} matching “${query}”${where}` : `${formatFriendCount(total)}${where}`;
}
