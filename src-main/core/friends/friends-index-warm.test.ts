// The index made after a sync in steps (its orders and its words, so that
// searches are answered meanwhile) is the index made at once: a new process
// reading the saved copy lists everyone in the same order, each sort, and the
// saved words find what the store's full-text query finds, and it is written
// once the lists asked meanwhile have stopped, not between two of them. Enough
// people that every step of the sorts and of the word index runs.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { FriendSort } from '../../../src-contract/kith-api';
import { person } from '../../node/store/testing/temp-database';
import { useTempFriendsStore } from '../../node/store/testing/use-temp-friends-store';
import type { FriendsStore, StoredPerson } from '../ports';
import { createQuietWatch, QUIET_MS } from './background-slices';
import { createFriendsIndex } from './friends-index';
import { createWordSearch } from './friends-word-index';
import { readBuildTexts } from './index-snapshot';

const GOOGLE = 'acc_google_one';
const FACEBOOK = 'acc_facebook_one';
const GIVEN = ['Aiko', 'Kwame', 'Lucia', 'Ben', 'Zoë', 'Mar', 'Ada', 'Émile', 'Kofi', 'Amara'];
const FAMILY = ['Mensah', 'Gonzalez', 'Berg', 'Zola', 'Castillo', 'Tanaka', 'Ångström', 'Lovelace'];

/** People with many shared first and last names (ties the sorts break by account and id), some updated, some merged across accounts. */
function peopleOf(prefix: string, n: number): StoredPerson[] {
  return Array.from({ length: n }, (_, k) => {
    const givenName = GIVEN[(k * 7) % GIVEN.length]!;
    const familyName = FAMILY[(k * 5) % FAMILY.length]!;
    return person(`${prefix}${(k * 7_919) % 100_003}`, `${givenName} ${familyName}`, {
      givenName,
      familyName,
      emails: k % 3 === 0 ? [{ value: `${givenName}.${familyName}.${k % 400}@example.org`.toLowerCase(), label: null }] : [],
      phones: k % 4 === 0 ? [{ value: `+1 555 01${String(k % 1000).padStart(3, '0')}`, label: null, canonical: null }] : [],
      providerUpdatedAt: k % 2 === 0 ? new Date(Date.UTC(2026, 0, 1) + (k % 500) * 3_600_000).toISOString() : null,
    });
  });
}

const temp = useTempFriendsStore();
let store: FriendsStore;

async function fullSync(accountId: string, provider: 'google' | 'facebook', people: StoredPerson[]) {
  await temp.store.beginSync(accountId, provider, 'full');
  await temp.store.applyPage(accountId, { upserts: people, deletes: [], syncState: { cursor: null, syncToken: null, syncedAt: 1_000 } });
}

beforeEach(async () => {
  await fullSync(GOOGLE, 'google', peopleOf('g', 2_600));
  await fullSync(FACEBOOK, 'facebook', peopleOf('f', 900));
  store = temp.store;
});

describe('the index made after a sync, in steps', () => {
  it('is saved with every order a sort made at once gives', async () => {
    const atOnce = await createFriendsIndex().current(store);
    const sorts: FriendSort[] = ['first_name', 'last_name', 'recently_changed'];
    const expected = new Map(sorts.map((sort) => [sort, Array.from(atOnce.orderOf(sort))]));
    expect(atOnce.size).toBe(3_500);

    await createFriendsIndex().warm(store);
    // What a new process reads: every saved order whole (a saved order that is no permutation
    // would be sorted again there, hiding a wrong sort here).
    const lead = (await store.entries.savedIndex('lead')).build;
    const later = (await store.entries.savedIndex('later')).build;
    const read = lead && later ? readBuildTexts({ lead: lead.text, later: later.text }, atOnce.size) : null;
    expect(read).not.toBeNull();
    for (const sort of sorts) {
      const order = read!.orders.get(sort) ?? read!.later?.get(sort)?.();
      expect(order && Array.from(order), sort).toEqual(expected.get(sort));
    }
    const reopened = await createFriendsIndex().whole(store);
    for (const sort of sorts) expect(Array.from(reopened.orderOf(sort)), sort).toEqual(expected.get(sort));
  });

  describe('on a clock the pause before a write reads (the slices\' own turns stay real)', () => {
    beforeEach(() => {
      vi.useFakeTimers({ toFake: ['setTimeout', 'performance'] });
    });
    afterEach(() => {
      vi.useRealTimers();
    });
    /** The store, telling `events` when the index or its words are written. */
    const savesTold = (events: string[]): FriendsStore => ({
      ...store,
      entries: {
        ...store.entries,
        saveIndex: async (index) => {
          events.push('saved');
          return store.entries.saveIndex(index);
        },
        saveWords: async (stamps, text) => {
          events.push('words saved');
          return store.entries.saveWords(stamps, text);
        },
      },
    });

    it('is written once the lists asked meanwhile have stopped, not between two of them', async () => {
      const events: string[] = [];
      const watched = savesTold(events);
      const index = createFriendsIndex();
      await index.current(watched);
      const warmed = index.warm(watched).then(() => events.push('warmed'));
      for (let k = 0; k < 4; k++) {
        await vi.advanceTimersByTimeAsync(QUIET_MS / 2);
        await index.current(watched);
        events.push(`listed ${k}`);
      }
      await vi.advanceTimersByTimeAsync(QUIET_MS);
      await warmed;
      expect(events).toEqual(['listed 0', 'listed 1', 'listed 2', 'listed 3', 'saved', 'warmed']);
      expect((await store.entries.savedIndex('lead')).build).not.toBeNull();
    });

    it('answers from the words it made while their save waits for the lists to stop', async () => {
      const events: string[] = [];
      const watched = savesTold(events);
      // The core's one watch: the index notes the lists in it, and the words' save waits on it.
      const quiet = createQuietWatch();
      const index = createFriendsIndex(quiet);
      const build = await index.current(watched);
      const words = createWordSearch(quiet);
      const ready = words.ready(watched, build).then(() => events.push('ready'));
      let matched: Uint8Array | null = null;
      for (let turn = 0; turn < 100 && !matched; turn++) {
        await new Promise((resolve) => setImmediate(resolve));
        matched = await words.matching(watched, build, 'aiko');
      }
      if (matched) events.push('answered from its words');
      await vi.advanceTimersByTimeAsync(QUIET_MS / 2);
      await index.current(watched);
      events.push('listed');
      await vi.advanceTimersByTimeAsync(QUIET_MS);
      await ready;
      expect(events).toEqual(['answered from its words', 'listed', 'words saved', 'ready']);
    });
  });

  it('saves words that find what the store finds', async () => {
    const build = await createFriendsIndex().warm(store);
    await createWordSearch().ready(store, build);
    // A new process: the saved words, read back.
    const reopened = await createFriendsIndex().current(store);
    const words = createWordSearch();
    for (const text of ['a', 'aik', 'mensah', 'lucia gon', 'kofi.ber', 'ben z', '555 01', 'q']) {
      const matched = await words.matching(store, reopened, text);
      expect(matched, text).not.toBeNull();
      const found = Array.from(matched!.keys()).filter((e) => matched![e] === 1).map((e) => reopened.refId(e)).sort();
      const byStore = (await store.entries.matching(text, {})).map((r) => `${r.accountId}:${r.personId}`).sort();
      expect(found, text).toEqual(byStore);
    }
  });

  it('answers a search made while the words are read, from the store, before they are done', async () => {
    const build = await createFriendsIndex().current(store);
    const words = createWordSearch();
    const done: string[] = [];
    const ready = words.ready(store, build).then(() => done.push('words read'));
    const searched = words.matching(store, build, 'aiko').then((matched) => {
      done.push('search answered');
      return matched;
    });
    // null: the store's full-text query answers it meanwhile.
    expect(await searched).toBeNull();
    await ready;
    expect(done).toEqual(['search answered', 'words read']);
    expect(await words.matching(store, build, 'aiko')).not.toBeNull();
  });

  it('leaves the search to the store when the account is written between two pages of its words', async () => {
    const build = await createFriendsIndex().current(store);
    let pages = 0;
    const writtenMeanwhile: FriendsStore = {
      ...store,
      entries: {
        ...store.entries,
        indexedWords: async (accountId, after) => {
          const read = await store.entries.indexedWords(accountId, after);
          if (accountId === GOOGLE && ++pages === 1) {
            await temp.store.beginSync(GOOGLE, 'google', 'incremental');
            await temp.store.applyPage(GOOGLE, { upserts: [person('g-new', 'Aiko Late')], deletes: [], syncState: { cursor: null, syncToken: null, syncedAt: 2_000 } });
          }
          return read;
        },
      },
    };
    const words = createWordSearch();
    await words.ready(writtenMeanwhile, build);
    expect(pages).toBeGreaterThan(1);
    expect(await words.matching(writtenMeanwhile, build, 'aiko')).toBeNull();
  });
});
