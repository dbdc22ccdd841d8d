import { useCallback, useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { AccountSummary } from '../../../src-contract/kith-api';
import { accountLabel, accountWithProvider } from '../../state/accounts-store';
import { friendAt } from '../../state/friend-pages';
import { useAppStore, useStores } from '../../state/stores-context';
import { errorWords, toErrorInfo } from '../../lib/error-words';
import { formatFacebookShare, formatFriendCount } from '../../lib/format';
import { Banner } from '../../ui/banner';
import { useSearchInput } from '../../ui/use-search-input';
import { LoginPanel } from '../accounts/login-panel';
import { MissingPermissionBanner } from '../accounts/missing-permission-banner';
import { OtherPersonPrompt } from '../accounts/other-person-prompt';
import { PageHeader } from '../shell/page-header';
import { emptyReason } from './empty-reason';
import { FriendDetails } from './friend-details';
import { FriendList, type FriendListHandle } from './friend-list';
import { FriendsEmptyState } from './friends-empty-state';
import { FriendsFilterMenu, FriendsSidebar } from './friends-filters';
import { fieldLabel, personFromFriend, primaryFields, type PersonField, type PersonView } from './person-view';
import { accountsById } from './source-label';
import { useCopy } from './use-copy';
import { useMediaQuery } from './use-media-query';
import './friends.css';

/**
 * Every keystroke is searched at once (the store's full-text index answers in a few ms); the
 * friends store sends a new query only when the previous one has answered, and then only the
 * latest, so fast typing never queues a backlog.
 */
const SEARCH_DELAY_MS = 0;
/** Wide enough for the filter sidebar beside the list (and the details pane). */
const SIDEBAR_QUERY = '(min-width: 1100px)';
/** Wide enough for the details as a pane beside the list; narrower, they cover it as a page. */
const PANE_QUERY = '(min-width: 900px)';

export function FriendsPage() {
  const stores = useStores();
  const accounts = useAppStore('accounts', (s) => s.accounts);
  const { accountId, search, total, error, pages } = useAppStore(
    'friends',
    useShallow((s) => ({ accountId: s.accountId, search: s.search, total: s.total, error: s.error, pages: s.pages })),
  );
  const applySearch = useCallback((value: string) => stores.friends.getState().setSearch(value), [stores]);
  const searchInput = useSearchInput(search, applySearch, SEARCH_DELAY_MS);
  const login = useAppStore('login', useShallow((s) => ({ connecting: s.connecting, started: s.started, reconnecting: s.reconnecting })));
  const wide = useMediaQuery(SIDEBAR_QUERY);
  const paneFits = useMediaQuery(PANE_QUERY);

  const countId = useId();
  const searchId = useId();
  const byId = useMemo(() => accountsById(accounts), [accounts]);
  const selected = accounts?.find((a) => a.id === accountId) ?? null;
  const inScope = selected ? [selected] : (accounts ?? []);
  // Accounts whose person kept their contacts or friends list from Kith: nothing of theirs can appear below.
  const unshared = inScope.filter((a) => a.status === 'active' && a.missingPermissions.includes('friends'));
  const facebookNotes = inScope.filter(
    (a): a is AccountSummary & { friendTotal: number } => a.provider === 'facebook' && a.friendTotal !== null,
  );
  const empty = total === 0 ? emptyReason(inScope, search) : null;

  // The row the keyboard is on, whether its details are open, and the person last shown there
  // (kept on screen while the page holding the next one loads). A new query starts afresh.
  const queryKey = `${accountId ?? ''}\u0000${search}`;
  const [selection, setSelection] = useState<Selection>({ queryKey, active: null, open: false, person: null });
  const current = selection.queryKey === queryKey ? selection : { queryKey, active: null, open: false, person: null };
  const { active, open } = current;
  const loaded = open && active !== null ? friendAt(pages, active) : undefined;
  const person = loaded ? personFromFriend(loaded) : open ? current.person : null;
  const select = (patch: Partial<Omit<Selection, 'queryKey' | 'person'>>) => {
    const next = { ...current, ...patch };
    const friend = next.active !== null ? friendAt(pages, next.active) : undefined;
    setSelection({ ...next, person: friend ? personFromFriend(friend) : (person ?? null) });
  };

  const listHandle = useRef<FriendListHandle>(null);
  const detailsHeading = useRef<HTMLHeadingElement>(null);
  const focusDetails = useRef(false);
  useEffect(() => {
    if (open && focusDetails.current) {
      focusDetails.current = false;
      detailsHeading.current?.focus();
    }
  });

  const [copyState, copy] = useCopy();
  const copyField = (field: PersonField) => void copy(`${field.kind}:${field.value}`, field.value, fieldLabel(field).toLowerCase());
  const openContact = (field: PersonField) => {
    stores.api.links.openContact({ kind: field.kind, value: field.value }).catch((cause: unknown) => {
      const words = errorWords(toErrorInfo(cause)) ?? 'Kith could not open it.';
      stores.notices.getState().push({ key: 'open-contact', tone: 'error', text: `${field.kind === 'email' ? 'Email' : 'Call'}: ${words}` });
    });
  };
  // E and P copy the first email and phone of the person in focus (a row or the details):
  // single-key shortcuts that work only while that person has focus (WCAG 2.1.4).
  const shortcut = (event: KeyboardEvent<HTMLElement>, target: PersonView | null) => {
    if (!target || event.altKey || event.ctrlKey || event.metaKey) return;
    const key = event.key.toLowerCase();
    if (key !== 'e' && key !== 'p') return;
    const field = primaryFields(target)[key === 'e' ? 'email' : 'phone'];
    if (!field) return;
    event.preventDefault();
    copyField(field);
  };

  const openAt = (index: number, via: 'pointer' | 'keyboard') => {
    focusDetails.current = via === 'keyboard';
    select({ active: index, open: true });
  };
  const close = () => {
    select({ open: false });
    if (active !== null) listHandle.current?.focusRow(active);
  };
  const move = (delta: -1 | 1) => {
    if (active === null || total === null) return;
    select({ active: Math.max(0, Math.min(total - 1, active + delta)) });
  };

  const layout = paneFits ? 'pane' : 'page';
  const filters = { accounts: accounts ?? [], accountId, onChange: (id: typeof accountId) => stores.friends.getState().setAccount(id) };

  return (
    <div className={`friends-page${wide ? ' friends-page-wide' : ''}${open && person ? ` friends-page-details-${layout}` : ''}`}>
      <PageHeader title="Friends" description="Everyone Kith has synced, readable even when you are offline." />

      <div className="friends-body">
        {wide && accounts && accounts.length > 1 ? <FriendsSidebar {...filters} /> : null}

        <div className="friends-main" inert={open && person && layout === 'page' ? true : undefined}>
          <div className="friends-toolbar" role="search" aria-label="Filter friends">
            {!wide && accounts && accounts.length > 1 ? <FriendsFilterMenu {...filters} /> : null}
            <div className="field field-grow">
              <label htmlFor={searchId} className="visually-hidden">
                Search friends
              </label>
              <input
                id={searchId}
                type="search"
                placeholder="Search names, emails and phones"
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

          {empty?.kind === 'permission'
            ? null
            : unshared.map((account) => (
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

          {empty ? (
            <FriendsEmptyState reason={empty} onClearSearch={() => searchInput.onChange('')} />
          ) : (
            <FriendList
              queryKey={queryKey}
              describedBy={countId}
              accounts={byId}
              active={active}
              onActiveChange={(index) => select({ active: index })}
              selected={open ? active : null}
              onOpen={openAt}
              onEscape={() => select({ open: false })}
              onRowKey={(event, index) => {
                const friend = friendAt(pages, index);
                shortcut(event, friend ? personFromFriend(friend) : null);
              }}
              handle={listHandle}
            />
          )}
        </div>

        {open && person && active !== null && total !== null ? (
          <FriendDetails
            person={person}
            accounts={byId}
            index={active}
            total={total}
            layout={layout}
            headingRef={detailsHeading}
            copyState={copyState}
            onCopy={copyField}
            onOpenContact={openContact}
            onMove={move}
            onClose={close}
            onShortcut={(event) => shortcut(event, person)}
          />
        ) : null}
      </div>
    </div>
  );
}

interface Selection {
  readonly queryKey: string;
  readonly active: number | null;
  readonly open: boolean;
  readonly person: PersonView | null;
}

function countText(total: number, search: string, account: AccountSummary | null): string {
  const where = account ? ` in ${accountWithProvider(account)}` : '';
  const query = search.trim();
  return query ? `${formatFriendCount(total)} matching “${query}”${where}` : `${formatFriendCount(total)}${where}`;
}
