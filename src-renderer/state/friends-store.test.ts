import { describe, expect, it } from 'vitest';
import type { KithApi, KithCallOptions, KithMethodInput, KithMethodOutput } from '../../src-contract/kith-api';
import { createScriptedKith } from '../testing/scripted-kith-api';
import { friendAt, heldRows } from './friend-pages';
import { createFriendsStore } from './friends-store';

/** A KithApi whose friends.list answers only when the test says so. */
function controlledApi(base: KithApi) {
  const calls: { input: KithMethodInput<'friends.list'>; signal: AbortSignal | undefined; release: () => Promise<void> }[] = [];
  const api: KithApi = {
    ...base,
    friends: {
      ...base.friends,
      // (Cast: one function stands for each of friends.list's overloads.)
      list: ((input: KithMethodInput<'friends.list'> = {}, options?: KithCallOptions) =>
        new Promise<KithMethodOutput<'friends.list'>>((resolve, reject) => {
          calls.push({
            input,
            signal: options?.signal,
            release: async () => {
              await base.friends.list(input).then(resolve, reject);
              await Promise.resolve();
            },
          });
        })) as KithApi['friends']['list'],
    },
  };
  return { api, calls };
}

const seed = [{ provider: 'google' as const, name: 'Ada Lovelace', email: 'ada@example.com', friends: 25_000 }];

describe('friends store', () => {
  it('fetches only the pages in view, in chunks of at most 1000', async () => {
    const { api, calls } = controlledApi(createScriptedKith({ seed, syncStepMs: 0 }));
    const store = createFriendsStore(api, 200);
    store.getState().ensureRange(0, 14);
    expect(calls.map((c) => c.input.offset)).toEqual([0]);
    // Rows only: the details read the whole person when opened.
    expect(calls[0]?.input.shape).toBe('row');
    await calls[0]?.release();
    expect(Object.keys(friendAt(store.getState().pages, 0, 200)!).sort()).toEqual(['accounts', 'avatarUrl', 'id', 'name', 'primaryEmail', 'primaryPhone']);
    expect(store.getState().total).toBe(25_000);
    expect(friendAt(store.getState().pages, 0, 200)).toBeDefined();

    store.getState().ensureRange(12_400, 12_414);
    expect(calls.map((c) => c.input.offset)).toEqual([0, 12_400]);
    expect(calls.every((c) => (c.input.limit ?? 0) <= 1000)).toBe(true);
  });

  it('does not ask twice for a page already on its way', () => {
    const { api, calls } = controlledApi(createScriptedKith({ seed }));
    const store = createFriendsStore(api, 200);
    store.getState().ensureRange(0, 14);
    store.getState().ensureRange(2, 16);
    expect(calls).toHaveLength(1);
  });

  it('sends each keystroke at once, cancelling the search it replaces, and ignores an answer for a search the person already changed', async () => {
    const { api, calls } = controlledApi(createScriptedKith({ seed }));
    const store = createFriendsStore(api, 200);
    store.getState().setSearch('g');
    // Typed while the first query is on the wire: at most one in flight, the latest wins.
    store.getState().setSearch('gr');
    store.getState().setSearch('grace');
    store.getState().setSearch('grace hopper');
    expect(calls.map((c) => c.input.search)).toEqual(['g', 'gr', 'grace', 'grace hopper']);
    expect(calls.map((c) => c.signal?.aborted)).toEqual([true, true, true, false]);
    // A transport that cannot cancel (IPC) answers anyway: that answer is not shown.
    await calls[0]?.release();
    expect(store.getState().total).toBeNull();
    await calls[3]?.release();
    expect(store.getState().search).toBe('grace hopper');
    expect(store.getState().total).not.toBeNull();
    for (const entry of store.getState().pages.values()) {
      for (const f of entry.items) expect(f.name.toLowerCase()).toContain('grace hopper');
    }
  });

  it('keeps the previous search on screen, saying so, until the new search answers; then shows only its rows', async () => {
    const { api, calls } = controlledApi(createScriptedKith({ seed }));
    const store = createFriendsStore(api, 200);
    store.getState().ensureRange(0, 14);
    await calls[0]?.release();
    const everyone = store.getState().total;
    store.getState().setSearch('grace');
    expect(store.getState()).toMatchObject({ search: 'grace', shownSearch: '', total: everyone });
    expect(friendAt(store.getState().pages, 0, 200)).toBeDefined();
    expect(calls.at(-1)?.input).toMatchObject({ search: 'grace', offset: 0 });
    await calls.at(-1)?.release();
    const { shownSearch, total, pages } = store.getState();
    expect(shownSearch).toBe('grace');
    expect(total).toBeLessThan(everyone!);
    expect([...pages.keys()]).toEqual([0]);
    for (const f of pages.get(0)!.items) expect(f.name.toLowerCase()).toContain('grace');
  });

  it('empties the list when a new search fails, rather than leave the previous search’s rows', async () => {
    const base = createScriptedKith({ seed });
    let fail = false;
    const api: KithApi = { ...base, friends: { ...base.friends, list: ((input?: KithMethodInput<'friends.list'>) => (fail ? Promise.reject(new Error('down')) : base.friends.list(input))) as KithApi['friends']['list'] } };
    const store = createFriendsStore(api, 200);
    store.getState().ensureRange(0, 14);
    await new Promise((resolve) => setTimeout(resolve, 0));
    fail = true;
    store.getState().setSearch('grace');
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(store.getState()).toMatchObject({ shownSearch: 'grace', total: 0 });
    expect(store.getState().error).not.toBeNull();
    expect(store.getState().pages.size).toBe(0);
  });

  it('empties the list at once for a new sort, whose rows would be in another order', async () => {
    const { api, calls } = controlledApi(createScriptedKith({ seed }));
    const store = createFriendsStore(api, 200);
    store.getState().ensureRange(0, 14);
    await calls[0]?.release();
    store.getState().setSort('last_name');
    expect(store.getState().total).toBeNull();
    expect(store.getState().pages.size).toBe(0);
  });

  it('sends a keystroke at once', async () => {
    const { api, calls } = controlledApi(createScriptedKith({ seed }));
    const store = createFriendsStore(api, 200);
    store.getState().setSearch('a');
    await calls[0]?.release();
    store.getState().setSearch('ad');
    expect(calls.map((c) => c.input.search)).toEqual(['a', 'ad']);
  });

  it('holds a bounded number of rows while scrolling through 25,000', async () => {
    const store = createFriendsStore(createScriptedKith({ seed }), 200);
    for (let row = 0; row < 25_000; row += 400) {
      store.getState().ensureRange(row, row + 14);
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
    expect(store.getState().total).toBe(25_000);
    expect(heldRows(store.getState().pages)).toBeLessThanOrEqual(600);
    expect(friendAt(store.getState().pages, 24_814, 200)).toBeDefined();
  });

  it('keeps rows on screen during a refresh and replaces them when the new page arrives', async () => {
    const { api, calls } = controlledApi(createScriptedKith({ seed }));
    const store = createFriendsStore(api, 200);
    store.getState().ensureRange(0, 14);
    await calls[0]?.release();
    store.getState().refresh();
    expect(friendAt(store.getState().pages, 0, 200)).toBeDefined();
    expect(calls).toHaveLength(2);
    await calls[1]?.release();
    expect(store.getState().pages.get(0)?.generation).toBe(1);
  });

  it('filters by account', async () => {
    const fake = createScriptedKith({
      seed: [...seed, { provider: 'facebook', name: 'Ada Lovelace', email: 'ada.fb@example.com', friends: 12, friendTotal: 40 }],
    });
    const [, facebook] = await fake.accounts.list();
    const store = createFriendsStore(fake, 200);
    store.getState().setAccount(facebook?.id ?? null);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(store.getState().total).toBe(12);
    expect(friendAt(store.getState().pages, 0, 200)?.accounts.map((a) => a.provider)).toEqual(['facebook']);
  });

  it('finds friends that arrive after an empty first answer', async () => {
    const fake = createScriptedKith({ seed: [], connectDelayMs: 0, syncStepMs: 0 });
    const store = createFriendsStore(fake, 200);
    store.getState().ensureRange(0, 0);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(store.getState().total).toBe(0);
    await fake.accounts.connect({ provider: 'google' });
    store.getState().refresh();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(store.getState().total).toBeGreaterThan(0);
  });

  it('sorts, filters by provider and shows entries apart, keeping the counts and the letters of the query', async () => {
    const fake = createScriptedKith({
      seed: [
        { provider: 'google', name: 'Ada Lovelace', email: 'ada@example.com', friends: 30 },
        { provider: 'facebook', name: 'Kofi Mensah', email: 'kofi@example.com', friends: 10, friendTotal: 20 },
      ],
    });
    const { api, calls } = controlledApi(fake);
    const store = createFriendsStore(api, 200);
    store.getState().setSort('last_name');
    store.getState().ensureRange(0, 10);
    await calls[0]?.release();
    expect(calls[0]?.input).toMatchObject({ sort: 'last_name', view: 'people' });
    const { counts, letters } = store.getState();
    // The same people in both accounts are one person: fewer people than entries.
    expect(counts!.people).toBeLessThan(counts!.entries);
    expect(letters!.length).toBeGreaterThan(0);

    store.getState().setView('entries');
    await calls[1]?.release();
    expect(calls[1]?.input).toMatchObject({ sort: 'last_name', view: 'entries' });
    expect(store.getState().total).toBe(40);

    store.getState().setFilter({ accountId: null, provider: 'facebook' });
    await calls[2]?.release();
    expect(calls[2]?.input).toMatchObject({ provider: 'facebook' });
    expect(calls[2]?.input.accountId).toBeUndefined();
    expect(store.getState().total).toBe(10);
  });
});
