// Which accounts the list shows and how: a sidebar on wide windows (as Thunderbird lists
// its address books: all, each provider, each account under it), the same choices in a
// menu on narrow ones; and whether the same person across accounts is shown once.
import { useId, useRef, type ReactNode } from 'react';
import type { AccountSummary, FriendView, ProviderId } from '../../../src-contract/kith-api';
import { providerName } from '../../../src-contract/provider-names';
import { accountLabel, accountWithProvider } from '../../state/accounts-store';
import type { FriendFilter } from '../../state/friends-store';
import { formatCount } from '../../lib/format';
import { ProviderMark } from '../../ui/provider-badge';

export interface FriendsFiltersProps {
  accounts: readonly AccountSummary[];
  filter: FriendFilter;
  onFilter(filter: FriendFilter): void;
  view: FriendView;
  onView(view: FriendView): void;
}

const PROVIDERS: readonly ProviderId[] = ['google', 'facebook'];

/** "All accounts", "Google", "Ada Lovelace (Google)": what the filter shows, for the menu's button and the count. */
export function filterLabel(filter: FriendFilter, accounts: readonly AccountSummary[]): string {
  const account = accounts.find((a) => a.id === filter.accountId);
  if (account) return accountWithProvider(account);
  if (filter.provider) return `${providerName(filter.provider)} accounts`;
  return 'All accounts';
}

/** A filter button named by what it shows ("Ada Lovelace (Google)"), described by how many it holds. */
function Choice({ pressed, count, onChoose, children }: { pressed: boolean; count: number; onChoose(): void; children: ReactNode }) {
  const countId = useId();
  return (
    <li>
      <button type="button" className="friend-filter" aria-pressed={pressed} aria-describedby={countId} onClick={onChoose}>
        {children}
        <span className="friend-filter-count" id={countId} aria-hidden="true">
          {formatCount(count)}
        </span>
      </button>
    </li>
  );
}

function FilterChoices({ accounts, filter, onFilter, view, onView, onChosen }: FriendsFiltersProps & { onChosen?: () => void }) {
  const choose = (next: FriendFilter) => {
    onFilter(next);
    onChosen?.();
  };
  const viewId = useId();
  const sum = (list: readonly AccountSummary[]) => list.reduce((n, a) => n + a.friendCount, 0);
  const all = filter.accountId === null && filter.provider === null;
  return (
    <>
      <ul className="friend-filter-list">
        <Choice pressed={all} count={sum(accounts)} onChoose={() => choose({ accountId: null, provider: null })}>
          <span className="friend-filter-name">All accounts</span>
        </Choice>
      </ul>
      {PROVIDERS.map((provider) => {
        const of = accounts.filter((a) => a.provider === provider);
        if (of.length === 0) return null;
        return (
          <ul key={provider} className="friend-filter-list friend-filter-provider">
            <Choice
              pressed={filter.accountId === null && filter.provider === provider}
              count={sum(of)}
              onChoose={() => choose({ accountId: null, provider })}
            >
              <ProviderMark provider={provider} />
              <span className="friend-filter-name">
                {providerName(provider)}
                <span className="visually-hidden"> accounts</span>
              </span>
            </Choice>
            {of.map((account) => (
              <Choice
                key={account.id}
                pressed={filter.accountId === account.id}
                count={account.friendCount}
                onChoose={() => choose({ accountId: account.id, provider: null })}
              >
                <span className="friend-filter-name friend-filter-account">
                  {accountLabel(account)}
                  <span className="visually-hidden"> ({providerName(account.provider)})</span>
                </span>
              </Choice>
            ))}
          </ul>
        );
      })}
      <div className="friend-view-setting">
        <input
          id={viewId}
          type="checkbox"
          checked={view === 'entries'}
          onChange={(event) => onView(event.target.checked ? 'entries' : 'people')}
        />
        <label htmlFor={viewId}>Show each account’s entries separately</label>
      </div>
    </>
  );
}

export function FriendsSidebar(props: FriendsFiltersProps) {
  const headingId = useId();
  return (
    <nav className="friends-sidebar" aria-labelledby={headingId}>
      <h2 id={headingId} className="friends-sidebar-title">
        Address books
      </h2>
      <FilterChoices {...props} />
    </nav>
  );
}

export function FriendsFilterMenu(props: FriendsFiltersProps) {
  const menu = useRef<HTMLDetailsElement>(null);
  return (
    <details
      ref={menu}
      className="friends-filter-menu"
      onKeyDown={(event) => {
        if (event.key === 'Escape' && menu.current?.open) {
          menu.current.removeAttribute('open');
          menu.current.querySelector('summary')?.focus();
        }
      }}
    >
      <summary className="btn btn-secondary">
        <span className="friends-filter-menu-label">Show: {filterLabel(props.filter, props.accounts)}</span>
      </summary>
      <div className="friends-filter-popover">
        <FilterChoices {...props} onChosen={() => menu.current?.removeAttribute('open')} />
      </div>
    </details>
  );
}
