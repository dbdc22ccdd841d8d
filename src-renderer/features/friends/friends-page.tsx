import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { AccountSummary, FriendPage, FriendSort } from '../../../src-contract/kith-api';
import { accountLabel } from '../../state/accounts-store';
import { friendAt } from '../../state/friend-pages';
import { useAppStore, useStores } from '../../state/stores-context';
import { errorWords, toErrorInfo } from '../../lib/error-words';
import { formatFacebookShare, pluralize } from '../../lib/format';
import { Banner } from '../../ui/banner';
import { LoginPanel } from '../accounts/login-panel';
import { MissingPermissionBanner } from '../accounts/missing-permission-banner';
import { OtherPersonPrompt } from '../accounts/other-person-prompt';
import { PageHeader } from '../shell/page-header';
import { emptyReasonOf } from './empty-reason';
import { ExportMenu } from './export-menu';
import { FriendDetails } from './friend-details';
import { FriendList, type FriendListHandle } from './friend-list';
import { FriendSearchBox } from './friend-search-box';
import { FriendsEmptyState } from './friends-empty-state';
import { filterLabel, FriendsFilterMenu, FriendsSidebar } from './friends-filters';
import { loadFriendsPreferences, saveFriendsPreferences } from './friends-preferences';
import { LetterMenu, LetterStrip } from './letter-index';
import { fieldLabel, primaryFields, rowFields, type PersonField, type PrimaryFields } from './person-view';
import { useCopy } from './use-copy';
import { useMediaQuery } from './use-media-query';
import { usePersonDetails } from './use-person-details';
import './friends.css';

/** Wide enough for the filter sidebar beside the list (and the details pane). */
const SIDEBAR_QUERY = '(min-width: 1100px)';
/** Wide enough for the details as a pane beside the list; narrower, they cover it as a page. */
const PANE_QUERY = '(min-width: 900px)';

export function FriendsPage() {
  const stores = useStores();
  const accounts = useAppStore('accounts', (s) => s.accounts);
  const { accountId, provider, search, sort, view, total, counts, letters, empty: emptyPage, error, pages } = useAppStore(
    'friends',
    useShallow((s) => ({
      accountId: s.accountId,
      provider: s.provider,
      // The search the rows are for; the box's own text is the store's `search` (FriendSearchBox).
      search: s.shownSearch,
      sort: s.sort,
      view: s.view,
      total: s.total,
      counts: s.counts,
      letters: s.letters,
      empty: s.empty,
      error: s.error,
      pages: s.pages,
    })),
  );
  // The sort and view chosen last time, once; every later choice is saved.
  useEffect(() => {
    const saved = loadFriendsPreferences();
    const friends = stores.friends.getState();
    if (saved.sort) friends.setSort(saved.sort);
    if (saved.view) friends.setView(saved.view);
  }, [stores]);
  const choose = (patch: { sort?: FriendSort; view?: 'people' | 'entries' }) => {
    const friends = stores.friends.getState();
    if (patch.sort) friends.setSort(patch.sort);
    if (patch.view) friends.setView(patch.view);
    saveFriendsPreferences({ sort: patch.sort ?? sort, view: patch.view ?? view });
  };
  const login = useAppStore('login', useShallow((s) => ({ connecting: s.connecting, started: s.started, reconnecting: s.reconnecting })));
  const wide = useMediaQuery(SIDEBAR_QUERY);
  const paneFits = useMediaQuery(PANE_QUERY);

  const countId = useId();
  const sortId = useId();
  const selected = accounts?.find((a) => a.id === accountId) ?? null;
  const inScope = selected ? [selected] : (accounts ?? []).filter((a) => !provider || a.provider === provider);
  // Accounts whose person kept their contacts or friends list from Kith: nothing of theirs can appear below.
  const unshared = inScope.filter((a) => a.status === 'active' && a.missingPermissions.includes('friends'));
  const facebookNotes = inScope.filter(
    (a): a is AccountSummary & { friendTotal: number } => a.provider === 'facebook' && a.friendTotal !== null,
  );
  const empty = total === 0 ? emptyReasonOf(emptyPage, inScope, search) : null;

  // The row the keyboard is on and whether its details are open. A new query starts afresh.
  const queryKey = [accountId, provider, search, sort, view].join('\u0000');
  const [selection, setSelection] = useState<Selection>({ queryKey, active: null, open: false });
  const current = selection.queryKey === queryKey ? selection : { queryKey, active: null, open: false };
  const { active, open } = current;
  // The person in the details, read for the row in focus (the last one stays while the next loads).
  const person = usePersonDetails(open && active !== null ? friendAt(pages, active) : undefined, open, view);
  const select = (patch: Partial<Omit<Selection, 'queryKey'>>) => setSelection({ ...current, ...patch });

  const listHandle = useRef<FriendListHandle>(null);
  const detailsHeading = useRef<HTMLHeadingElement>(null);
  const focusDetails = useRef(false);
  useEffect(() => {
    // Once the details are on screen: they appear when their person has been read.
    if (open && focusDetails.current && detailsHeading.current) {
      focusDetails.current = false;
      detailsHeading.current.focus();
    }
  });

  const [copyState, copy] = useCopy();
  const copyField = (field: Pick<PersonField, 'kind' | 'value' | 'label'>) => void copy(`${field.kind}:${field.value}`, field.value, fieldLabel(field).toLowerCase());
  const openContact = (field: PersonField) => {
    stores.api.links.openContact({ kind: field.kind, value: field.value }).catch((cause: unknown) => {
      const words = errorWords(toErrorInfo(cause)) ?? 'Kith could not open it.';
      stores.notices.getState().push({ key: 'open-contact', tone: 'error', text: `${field.kind === 'email' ? 'Email' : 'Call'}: ${words}` });
    });
  };
  // E and P copy the first email and phone of the person in focus (a row or the details):
  // single-key shortcuts that work only while that person has focus (WCAG 2.1.4).
  const shortcut = (event: KeyboardEvent<HTMLElement>, target: PrimaryFields | null) => {
    if (!target || event.altKey || event.ctrlKey || event.metaKey) return;
    const key = event.key.toLowerCase();
    if (key !== 'e' && key !== 'p') return;
    const field = target[key === 'e' ? 'email' : 'phone'];
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

  const jump = (offset: number) => {
    select({ active: offset });
    listHandle.current?.focusRow(offset);
  };

  const layout = paneFits ? 'pane' : 'page';
  const filter = { accountId, provider };
  const filters = {
    accounts: accounts ?? [],
    filter,
    onFilter: (next: typeof filter) => stores.friends.getState().setFilter(next),
    view,
    onView: (next: 'people' | 'entries') => choose({ view: next }),
  };
  // Even one account can hold the same person twice (a shared phone), so the view setting is there from the first account.
  const showFilters = (accounts?.length ?? 0) > 0;
  const nameSort = sort !== 'recently_changed';

  return (
    <div className={`friends-page${wide ? ' friends-page-wide' : ''}${open && person ? ` friends-page-details-${layout}` : ''}`}>
      <PageHeader title="Friends" description="Everyone Kith has synced, readable even when you are offline." />

      <div className="friends-body">
        {wide && showFilters ? <FriendsSidebar {...filters} /> : null}

        <div className="friends-main" inert={open && person && layout === 'page' ? true : undefined}>
          <div className="friends-toolbar" role="search" aria-label="Filter friends">
            {!wide && showFilters ? <FriendsFilterMenu {...filters} /> : null}
            <FriendSearchBox />
            <div className="field friends-sort">
              <label htmlFor={sortId} className="visually-hidden">
                Sort by
              </label>
              <select id={sortId} value={sort} onChange={(event) => choose({ sort: event.target.value as FriendSort })}>
                <option value="first_name">Sort: first name</option>
                <option value="last_name">Sort: last name</option>
                <option value="recently_changed">Sort: recently changed</option>
              </select>
            </div>
            {!wide && nameSort && letters && letters.length > 1 ? <LetterMenu letters={letters} onJump={jump} /> : null}
            {accounts && accounts.length > 0 ? <ExportMenu accounts={accounts} /> : null}
          </div>

          <p id={countId} className="friend-count" aria-live="polite">
            {total === null ? 'Loading friends…' : countText(total, counts, view, search, accountId || provider ? filterLabel(filter, accounts ?? []) : null)}
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
            <FriendsEmptyState
              reason={empty}
              onClearSearch={() => stores.friends.getState().setSearch('')}
              onShowAll={() => stores.friends.getState().setFilter({ accountId: null, provider: null })}
            />
          ) : (
            <div className="friend-list-area">
              <FriendList
                queryKey={queryKey}
                describedBy={countId}
                active={active}
                onActiveChange={(index) => select({ active: index })}
                selected={open ? active : null}
                onOpen={openAt}
                onEscape={() => select({ open: false })}
                onRowKey={(event, index) => {
                  const row = friendAt(pages, index);
                  shortcut(event, row ? rowFields(row) : null);
                }}
                handle={listHandle}
              />
              {wide && nameSort && letters && letters.length > 1 ? <LetterStrip letters={letters} onJump={jump} /> : null}
            </div>
          )}
        </div>

        {open && person && active !== null && total !== null ? (
          <FriendDetails
            person={person}
            index={active}
            total={total}
            layout={layout}
            headingRef={detailsHeading}
            copyState={copyState}
            onCopy={copyField}
            onOpenContact={openContact}
            onMove={move}
            onClose={close}
            onShortcut={(event) => shortcut(event, primaryFields(person))}
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
}

/** "1,204 people (1,310 entries) in Ada Lovelace (Google)", or matching a search. */
function countText(total: number, counts: FriendPage['counts'] | null, view: 'people' | 'entries', search: string, where: string | null): string {
  const people = counts?.people ?? total;
  const entries = counts?.entries ?? total;
  const main = view === 'people' ? pluralize(people, 'person', 'people') : pluralize(entries, 'entry', 'entries');
  const other = view === 'people' ? (entries !== people ? ` (${pluralize(entries, 'entry', 'entries')})` : '') : people !== entries ? ` (${pluralize(people, 'person', 'people')})` : '';
  const query = search.trim();
  return `${main}${other}${query ? ` matching “${query}”` : ''}${where ? ` in ${where}` : ''}`;
}
