// The friend list's query (account or provider, search, sort, people or entries) and the pages fetched for it. Pages are
// requested as rows scroll into view and dropped once far away; a response for an
// older query is ignored, so typing fast never shows a stale result. While a new
// search is on its way the previous search's rows stay on screen (and say which
// search they are for), replaced in one step by the first page of the new one: a
// keystroke costs one render of the rows, not an empty list and then the rows.
// Each keystroke is sent at once, and cancels the requests of the query it replaced
// (their answers are no longer wanted, and the host drops what it has not started):
// only the latest query is ever in flight, never a backlog.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { AccountId, FriendPage, FriendSort, FriendView, KithApi, KithErrorInfo, ProviderId } from '../../src-contract/kith-api';
import { toErrorInfo } from '../lib/error-words';
import { evictPages, inWindow, keepWindow, needsFetch, PAGE_SIZE, pagesForRange, type PageEntry, type PageMap, type PageWindow } from './friend-pages';

const NO_PAGES: PageMap = new Map();

/** Which accounts the list covers: all, one provider's, or one account's. */
export type FriendFilter = { readonly accountId: AccountId | null; readonly provider: ProviderId | null };

export interface FriendsState {
  readonly accountId: AccountId | null;
  readonly provider: ProviderId | null;
  /** The search asked for (what the search box holds). */
  readonly search: string;
  /**
   * The search the rows, `total`, `counts`, `letters` and `empty` are for. It trails `search`
   * until the first page of a new search arrives; the rows of the previous one stay meanwhile.
   */
  readonly shownSearch: string;
  readonly sort: FriendSort;
  readonly view: FriendView;
  /** Rows matching the query; null until the first page of this query arrives. */
  readonly total: number | null;
  /** People and entries matching the query, from the latest page. */
  readonly counts: FriendPage['counts'] | null;
  /** "Jump to" offsets of a name sort, from the query's first page. */
  readonly letters: FriendPage['letters'];
  /** Why the list is empty, when it is. */
  readonly empty: FriendPage['empty'];
  /** Where each account of the query stands. */
  readonly accountStates: FriendPage['accounts'];
  readonly pages: PageMap;
  /** Bumped when the cached data may have changed (sync, accounts changed): pages refetch in place. */
  readonly generation: number;
  readonly error: KithErrorInfo | null;
  setAccount(accountId: AccountId | null): void;
  setFilter(filter: FriendFilter): void;
  setSearch(search: string): void;
  setSort(sort: FriendSort): void;
  setView(view: FriendView): void;
  /** Refetches the rows in view, keeping the old ones on screen until the new ones arrive. */
  refresh(): void;
  /** Makes sure the pages covering rows [start, end] are loaded or on their way. */
  ensureRange(start: number, end: number): void;
}

export type FriendsStore = StoreApi<FriendsState>;

export function createFriendsStore(api: KithApi, pageSize = PAGE_SIZE): FriendsStore {
  // Bumped on every query change; responses carrying an older value are dropped.
  let queryVersion = 0;
  // The query version the pages held (and total, counts, letters, empty) belong to.
  let shownVersion = 0;
  const inFlight = new Map<number, string>();
  let lastRange: [number, number] = [0, 0];
  let window: PageWindow = { from: 0, to: 1 };
  /** Cancels the requests of the current query, once another replaces it. */
  let queryCalls = new AbortController();

  return createStore<FriendsState>()((set, get) => {
    const fetchPage = (page: number) => {
      const { accountId, provider, search, sort, view, generation } = get();
      const key = `${queryVersion}:${generation}`;
      if (inFlight.get(page) === key) return;
      inFlight.set(page, key);
      const version = queryVersion;
      const query = {
        ...(accountId ? { accountId } : provider ? { provider } : {}),
        ...(search.trim() ? { search: search.trim() } : {}),
        sort,
        view,
        offset: page * pageSize,
        limit: pageSize,
        // Only what a row shows: the answer a keystroke waits for is read, checked and parsed whole.
        shape: 'row' as const,
      };
      api.friends.list(query, { signal: queryCalls.signal }).then(
        (result) => {
          if (inFlight.get(page) === key) inFlight.delete(page);
          if (version !== queryVersion) return;
          // The first page of a new search replaces the previous search's rows in one step.
          const fresh = shownVersion !== version;
          shownVersion = version;
          const pages = fresh ? new Map<number, PageEntry>() : evictPages(get().pages, window);
          if (inWindow(page, window)) pages.set(page, { items: result.items, generation });
          set({
            pages,
            shownSearch: search,
            total: result.total,
            counts: result.counts,
            empty: result.empty,
            accountStates: result.accounts,
            ...(page === 0 ? { letters: result.letters } : fresh ? { letters: null } : {}),
            error: null,
          });
        },
        (error: unknown) => {
          if (inFlight.get(page) === key) inFlight.delete(page);
          if (version !== queryVersion) return;
          if (shownVersion !== version) {
            // The rows on screen are another search's: none of them answer this one.
            shownVersion = version;
            set({ error: toErrorInfo(error), pages: new Map(), shownSearch: search, total: 0, counts: null, letters: null, empty: null });
            return;
          }
          set({ error: toErrorInfo(error), total: get().total ?? 0 });
        },
      );
    };

    const load = (start: number, end: number) => {
      // Until a new search answers, the rows in view are the previous one's: its results start at the top.
      if (shownVersion !== queryVersion) [start, end] = [0, Math.abs(end - start)];
      lastRange = [start, end];
      const shown = shownVersion === queryVersion;
      const { generation } = get();
      const pages = shown ? get().pages : NO_PAGES;
      const total = shown ? get().total : null;
      // An empty result still needs its first page asked again after a refresh: friends may have arrived.
      const wanted = pagesForRange(start, end, total === 0 ? null : total, pageSize);
      window = keepWindow(wanted);
      for (const page of wanted) if (needsFetch(pages, page, generation)) fetchPage(page);
    };

    /**
     * A new query. A new search keeps the rows of the previous one until its first page
     * answers; any other change (account, sort, view) empties the list at once, since the
     * rows on screen would be in another order or of other accounts.
     */
    const restart = (patch: Partial<Pick<FriendsState, 'accountId' | 'provider' | 'search' | 'sort' | 'view'>>) => {
      queryVersion += 1;
      inFlight.clear();
      queryCalls.abort();
      queryCalls = new AbortController();
      if (Object.keys(patch).every((field) => field === 'search')) {
        set(patch);
      } else {
        shownVersion = queryVersion;
        set({ ...patch, shownSearch: patch.search ?? get().search, pages: new Map(), total: null, counts: null, letters: null, empty: null, error: null });
      }
      load(0, lastRange[1] - lastRange[0]);
    };

    return {
      accountId: null,
      provider: null,
      search: '',
      shownSearch: '',
      sort: 'first_name',
      view: 'people',
      total: null,
      counts: null,
      letters: null,
      empty: null,
      accountStates: [],
      pages: new Map(),
      generation: 0,
      error: null,
      setAccount: (accountId) => {
        if (accountId !== get().accountId || get().provider !== null) restart({ accountId, provider: null });
      },
      setFilter: ({ accountId, provider }) => {
        if (accountId !== get().accountId || provider !== get().provider) restart({ accountId, provider: accountId ? null : provider });
      },
      setSort: (sort) => {
        if (sort !== get().sort) restart({ sort });
      },
      setView: (view) => {
        if (view !== get().view) restart({ view });
      },
      setSearch: (search) => {
        if (search !== get().search) restart({ search });
      },
      refresh: () => {
        set({ generation: get().generation + 1 });
        load(...lastRange);
      },
      ensureRange: (start, end) => load(start, end),
    };
  });
}
