// The friend list's query (account, search) and the pages fetched for it. Pages are
// requested as rows scroll into view and dropped once far away; a response for an
// older query is ignored, so typing fast never shows a stale result. A new query
// waits for the requests of the one it replaced to answer (there is no cancelling
// a request on the wire), and queries typed meanwhile collapse into the latest:
// each keystroke is sent at once when nothing is in flight, never a backlog.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { AccountId, KithApi, KithErrorInfo } from '../../src-contract/kith-api';
import { toErrorInfo } from '../lib/error-words';
import { evictPages, inWindow, keepWindow, needsFetch, PAGE_SIZE, pagesForRange, type PageMap, type PageWindow } from './friend-pages';

export interface FriendsState {
  readonly accountId: AccountId | null;
  readonly search: string;
  /** Rows matching the query; null until the first page of this query arrives. */
  readonly total: number | null;
  readonly pages: PageMap;
  /** Bumped when the cached data may have changed (sync, accounts changed): pages refetch in place. */
  readonly generation: number;
  readonly error: KithErrorInfo | null;
  setAccount(accountId: AccountId | null): void;
  setSearch(search: string): void;
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
      const { accountId, search, generation } = get();
      const key = `${queryVersion}:${generation}`;
      if (inFlight.get(page) === key) return;
      inFlight.set(page, key);
      const version = queryVersion;
      const query = {
        ...(accountId ? { accountId } : {}),
        ...(search.trim() ? { search: search.trim() } : {}),
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
          set({ pages, total: result.total, error: null });
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

    const restart = (patch: Partial<Pick<FriendsState, 'accountId' | 'search'>>) => {
      queryVersion += 1;
      inFlight.clear();
      set({ ...patch, pages: new Map(), total: null, error: null });
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
      search: '',
      total: null,
      pages: new Map(),
      generation: 0,
      error: null,
      setAccount: (accountId) => {
        if (accountId !== get().accountId) restart({ accountId });
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
