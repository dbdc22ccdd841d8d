// The friend list's query (account or provider, search, sort, people or entries) and the pages fetched for it. Pages are
// requested as rows scroll into view and dropped once far away; a response for an
// older query is ignored, so typing fast never shows a stale result. A new query
// waits for the requests of the one it replaced to answer (there is no cancelling
// a request on the wire), and queries typed meanwhile collapse into the latest:
// each keystroke is sent at once when nothing is in flight, never a backlog.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { AccountId, FriendPage, FriendSort, FriendView, KithApi, KithErrorInfo, ProviderId } from '../../src-contract/kith-api';
import { toErrorInfo } from '../lib/error-words';
import { evictPages, inWindow, keepWindow, needsFetch, PAGE_SIZE, pagesForRange, type PageMap, type PageWindow } from './friend-pages';

/** Which accounts the list covers: all, one provider's, or one account's. */
export type FriendFilter = { readonly accountId: AccountId | null; readonly provider: ProviderId | null };

export interface FriendsState {
  readonly accountId: AccountId | null;
  readonly provider: ProviderId | null;
  readonly search: string;
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
  const inFlight = new Map<number, string>();
  let lastRange: [number, number] = [0, 0];
  let window: PageWindow = { from: 0, to: 1 };
  /** Requests on the wire, of any query. */
  let outstanding = 0;
  /** A query changed while requests of an older one were on the wire: load once they answer. */
  let waiting = false;

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
      };
      outstanding += 1;
      const settled = () => {
        outstanding -= 1;
        if (waiting && outstanding === 0) {
          waiting = false;
          load(...lastRange);
        }
      };
      api.friends.list(query).then(
        (result) => {
          settled();
          if (inFlight.get(page) === key) inFlight.delete(page);
          if (version !== queryVersion) return;
          const state = get();
          const pages = evictPages(state.pages, window);
          if (inWindow(page, window)) pages.set(page, { items: result.items, generation });
          set({
            pages,
            total: result.total,
            counts: result.counts,
            empty: result.empty,
            accountStates: result.accounts,
            ...(page === 0 ? { letters: result.letters } : {}),
            error: null,
          });
        },
        (error: unknown) => {
          settled();
          if (inFlight.get(page) === key) inFlight.delete(page);
          if (version !== queryVersion) return;
          set({ error: toErrorInfo(error), total: get().total ?? 0 });
        },
      );
    };

    const load = (start: number, end: number) => {
      lastRange = [start, end];
      if (waiting) return;
      const { total, pages, generation } = get();
      // An empty result still needs its first page asked again after a refresh: friends may have arrived.
      const wanted = pagesForRange(start, end, total === 0 ? null : total, pageSize);
      window = keepWindow(wanted);
      for (const page of wanted) if (needsFetch(pages, page, generation)) fetchPage(page);
    };

    const restart = (patch: Partial<Pick<FriendsState, 'accountId' | 'provider' | 'search' | 'sort' | 'view'>>) => {
      queryVersion += 1;
      inFlight.clear();
      set({ ...patch, pages: new Map(), total: null, counts: null, letters: null, empty: null, error: null });
      const span = lastRange[1] - lastRange[0];
      if (outstanding > 0) {
        lastRange = [0, span];
        waiting = true;
        return;
      }
      load(0, span);
    };

    return {
      accountId: null,
      provider: null,
      search: '',
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
