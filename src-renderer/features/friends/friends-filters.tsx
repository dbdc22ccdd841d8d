// Which accounts the list shows: a sidebar on wide windows (as Thunderbird lists its
// address books), the same choices in a menu on narrow ones.
import { useId, useRef } from 'react';
import type { AccountId, AccountSummary } from '../../../src-contract/kith-api';
import { accountLabel, accountWithProvider } from '../../state/accounts-store';
import { formatCount } from '../../lib/format';
import { ProviderMark } from '../../ui/provider-badge';

export interface FriendsFiltersProps {
  accounts: readonly AccountSummary[];
  accountId: AccountId | null;
  onChange(accountId: AccountId | null): void;
}

function FilterChoices({ accounts, accountId, onChange, onChosen }: FriendsFiltersProps & { onChosen?: () => void }) {
  const choose = (id: AccountId | null) => {
    onChange(id);
    onChosen?.();
  };
  const total = accounts.reduce((sum, a) => sum + a.friendCount, 0);
  return (
    <ul className="friend-filter-list">
      <li>
        <button type="button" className="friend-filter" aria-pressed={accountId === null} onClick={() => choose(null)}>
          <span className="friend-filter-name">All accounts</span>
          <span className="friend-filter-count" aria-hidden="true">
            {formatCount(total)}
          </span>
        </button>
      </li>
      {accounts.map((account) => (
        <li key={account.id}>
          <button
            type="button"
            className="friend-filter"
            aria-pressed={accountId === account.id}
            aria-label={`${accountWithProvider(account)}, ${formatCount(account.friendCount)}`}
            onClick={() => choose(account.id)}
          >
            <ProviderMark provider={account.provider} />
            <span className="friend-filter-name">{accountLabel(account)}</span>
            <span className="friend-filter-count" aria-hidden="true">
              {formatCount(account.friendCount)}
            </span>
          </button>
        </li>
      ))}
    </ul>
  );
}

export function FriendsSidebar(props: FriendsFiltersProps) {
  const headingId = useId();
  return (
    <nav className="friends-sidebar" aria-labelledby={headingId}>
      <h2 id={headingId} className="friends-sidebar-title">
        Show
      </h2>
      <FilterChoices {...props} />
    </nav>
  );
}

export function FriendsFilterMenu(props: FriendsFiltersProps) {
  const menu = useRef<HTMLDetailsElement>(null);
  const current = props.accounts.find((a) => a.id === props.accountId);
  return (
    <details ref={menu} className="friends-filter-menu">
      <summary className="btn btn-secondary">Show: {current ? accountLabel(current) : 'All accounts'}</summary>
      <div className="friends-filter-popover">
        <FilterChoices {...props} onChosen={() => menu.current?.removeAttribute('open')} />
      </div>
    </details>
  );
}
