// `friends.list`, `friends.get` and `friends.export` over the people index
// (friends-index.ts): offline, from the store alone. Only accounts Kith holds
// are listed (an account disconnected while the store could not be opened
// leaves nothing visible behind), a filter keeps only its accounts' entries
// — sources included, so a list scoped to one account never shows another's
// data — and an account id Kith does not hold is E_UNKNOWN_ACCOUNT, not an
// empty page.
import type { z } from 'zod';
import type {
  Friend,
  FriendExport,
  FriendSort,
  FriendQuerySchema,
  KithMethodOutput,
  KithMethodParsedInput,
  ProviderId,
} from '../../../src-contract/kith-api';
import type { AccountRecord } from '../accounts/account-record';
import type { AccountRepository } from '../accounts/account-repository';
import type { Clock, FriendsStore, StoredFriend } from '../ports';
import { nextTurn, type QuietWatch } from './background-slices';
import { googleCsvOf, thunderbirdCsvOf } from './csv-export';
import { accountStanding, emptyReason, type AccountStanding } from './empty-state';
import { toFriend, type SourceAccount } from './friend-person';
import { decodeListCursor, encodeListCursor, lettersOf, select, startAfter, type FriendsIndex, type IndexBuild, type IndexQuery, type Selection } from './friends-index';
import type { FriendsStoreAccess } from './friends-store-access';
import { createWordSearch } from './friends-word-index';
import { sameAsOf } from './merge-people';
import { vcardsOf } from './vcard-export';
import { KithError, toFriendRow } from '../../../src-contract/kith-api';

/** A query as the dispatcher parsed it against the contract, defaults filled in. */
export type CheckedFriendQuery = z.output<typeof FriendQuerySchema>;

export interface FriendsQueriesDeps {
  repo: AccountRepository;
  friends: FriendsStoreAccess;
  index: FriendsIndex;
  /** The watch `index` was made with: the words' save waits on the asks it notes. */
  quiet: QuietWatch;
  clock: Clock;
  /** Runs work nobody waits for, where the core's idle() and close() see it (else it runs untracked). */
  background?: (work: () => Promise<unknown>) => void;
}

export interface FriendsQueries {
  /** Items as Friends, or as rows with `shape: 'row'`. */
  list(q: CheckedFriendQuery): Promise<KithMethodOutput<'friends.list'>>;
  get(q: KithMethodParsedInput<'friends.get'>): Promise<Friend | null>;
  export(q: KithMethodParsedInput<'friends.export'>): Promise<FriendExport>;
  /**
   * Makes the people index and its words ready before anyone asks, and saves the index in the
   * store for the next process to read (after a sync: the list and the search answer at once).
   */
  warm(signal?: AbortSignal): Promise<void>;
  /**
   * Lets go of the people index and its words, both saved in the store, once nothing reads or saves
   * them: the next read loads them again, as a new process does. False when they are in use or not
   * yet saved: they stay.
   */
  release(): Promise<boolean>;
}

/** Entries fetched per store read while assembling people. */
const FETCH_BATCH = 2000;

interface Scope {
  records: AccountRecord[];
  byId: Map<string, AccountRecord>;
}

export function createFriendsQueries(deps: FriendsQueriesDeps): FriendsQueries {
  const words = createWordSearch(deps.quiet);
  async function scopeOf(q: { accountId?: string | undefined; accountIds?: string[] | undefined; provider?: ProviderId | undefined }): Promise<Scope> {
    // A script token limited to some accounts (accountIds) sees no other: one outside them reads as unknown.
    const all = (await deps.repo.all()).filter((r) => !q.accountIds || q.accountIds.includes(r.id));
    if (q.accountId && !all.some((r) => r.id === q.accountId)) throw new KithError('E_UNKNOWN_ACCOUNT', `There is no account ${q.accountId}.`);
    const records = all.filter((r) => (!q.accountId || r.id === q.accountId) && (!q.provider || r.provider === q.provider));
    return { records, byId: new Map(records.map((r) => [r.id, r])) };
  }

  async function standings(store: FriendsStore, scope: Scope, build: IndexBuild): Promise<AccountStanding[]> {
    return Promise.all(
      scope.records.map(async (r) => {
        const state = await store.syncState(r.id);
        return accountStanding({
          accountId: r.id,
          provider: r.provider,
          scopes: r.scopes,
          status: r.status,
          lastSyncedAt: r.lastSyncedAt,
          syncing: state?.syncing != null,
          entries: build.entriesOf(r.id),
        });
      }),
    );
  }

  /** Per account of the build, 1 when the scope keeps it. */
  function allowedOf(build: IndexBuild, scope: Scope): Uint8Array {
    const allowed = new Uint8Array(build.accountIds.length);
    build.accountIds.forEach((id, a) => {
      if (scope.byId.has(id)) allowed[a] = 1;
    });
    return allowed;
  }

  function inScopeOf(build: IndexBuild, scope: Scope): (e: number) => boolean {
    const allowed = allowedOf(build, scope);
    return (e) => allowed[build.accountOf[e]!] === 1;
  }

  async function selectionOf(store: FriendsStore, build: IndexBuild, scope: Scope, q: IndexQuery): Promise<Selection> {
    const text = q.search?.trim() ?? '';
    const key = JSON.stringify([scope.records.map((r) => r.id), text, q.sort, q.view]);
    const kept = build.kept(key);
    if (kept) return kept;
    let matched: Uint8Array | null = null;
    if (text) matched = await words.matching(store, build, text);
    if (text && !matched) {
      matched = new Uint8Array(build.size);
      const refs = await store.entries.matching(text, { ...(q.accountId ? { accountId: q.accountId } : {}), ...(q.provider ? { provider: q.provider } : {}) });
      for (const ref of refs) {
        const e = build.entryOf(`${ref.accountId}:${ref.personId}`);
        if (e >= 0) matched[e] = 1;
      }
    }
    return build.keep(key, select(build, q, allowedOf(build, scope), matched));
  }

  const sourceAccount = (record: AccountRecord | undefined): SourceAccount => ({
    displayName: record?.displayName ?? '',
    email: record?.email ?? null,
    lastSyncedAt: record?.lastSyncedAt ?? null,
  });

  /** People for the items (each a list of member entries, the first naming the row), read from the store. */
  async function peopleOf(store: FriendsStore, build: IndexBuild, scope: Scope, items: readonly (readonly number[])[], held?: Map<string, StoredFriend>): Promise<Friend[]> {
    let found = held;
    if (!found) {
      found = new Map<string, StoredFriend>();
      const wanted = items.flat();
      for (let at = 0; at < wanted.length; at += FETCH_BATCH) {
        for (const entry of await store.entries.byRefs(wanted.slice(at, at + FETCH_BATCH).map((e) => build.ref(e)))) found.set(entry.id, entry);
      }
    }
    const people: Friend[] = [];
    for (const members of items) {
      // An entry removed since the index was built is left out; a person with none left is skipped.
      const entries = members.map((e) => found.get(build.refId(e))).filter((f): f is StoredFriend => f !== undefined);
      if (entries.length === 0) continue;
      const why = sameAsOf(entries.map((f) => ({ id: f.id, provider: f.provider, person: f })));
      people.push(toFriend(entries.map((entry, k) => ({ entry, account: sourceAccount(scope.byId.get(entry.accountId)), sameAs: why[k] ?? null }))));
    }
    return people;
  }

  function membersOf(build: IndexBuild, view: IndexQuery['view'], inScope: (e: number) => boolean, e: number): number[] {
    return view === 'entries' ? [e] : [...build.membersOf(e)].filter(inScope);
  }

  const background = deps.background ?? ((work) => void work());
  /** Work started once the answer is on its way (the next turn), in the background. */
  const afterAnswer = (work: () => Promise<unknown>) => background(() => nextTurn().then(work));

  /** The build a query in `sort` reads: the first-name order is answered before the saved index is read whole. */
  const buildFor = (store: FriendsStore, sort: FriendSort) => (sort === 'first_name' ? deps.index.current(store) : deps.index.whole(store));

  return {
    async list(q) {
      const store = await deps.friends.get();
      const scope = await scopeOf(q);
      const build = await buildFor(store, q.sort);
      const selection = await selectionOf(store, build, scope, q);
      const from = (q.after ? startAfter(build, selection, q.sort, decodeListCursor(q.after, q.sort)) : 0) + q.offset;
      const page = [...selection.order.subarray(from, from + q.limit)];
      const inScope = inScopeOf(build, scope);
      const items = await peopleOf(store, build, scope, page.map((e) => membersOf(build, q.view, inScope, e)));
      const last = page.at(-1);
      const accounts = await standings(store, scope, build);
      // The search's words start loading once the first list is answered, before anyone types.
      afterAnswer(() => words.ready(store, build));
      // A build made from the people (no saved one fitted, or another process wrote since) is saved
      // once answered, so that neither the next process nor this one after letting it go makes it
      // again. Not while a sync writes: its end makes the build stale, and the sync saves its own.
      if (deps.index.unsaved(build)) {
        afterAnswer(async () => {
          const states = await Promise.all(build.accountIds.map((id) => store.syncState(id)));
          if (!states.some((s) => s?.syncing != null)) await deps.index.warm(store);
        });
      }
      // And the rest of the saved index, before another order is asked for (a failure here meets that query again).
      if (!build.whole) afterAnswer(() => deps.index.whole(store).catch(() => undefined));
      const rest = {
        offset: q.offset,
        total: selection.order.length,
        nextCursor: last !== undefined && from + page.length < selection.order.length ? encodeListCursor(q.sort, build.tuple(q.sort, last)) : null,
        counts: { people: selection.people, entries: selection.entries },
        letters: !q.after && q.offset === 0 && q.sort !== 'recently_changed' ? lettersOf(build, selection, q.sort) : null,
        empty: emptyReason(accounts, selection.order.length),
        accounts,
      };
      return q.shape === 'row' ? { items: items.map(toFriendRow), ...rest } : { items, ...rest };
    },

    async get(q) {
      const store = await deps.friends.get();
      const scope = await scopeOf({});
      const build = await deps.index.current(store);
      const e = build.entryOf(q.id);
      if (e < 0 || !inScopeOf(build, scope)(e)) return null;
      const [friend] = await peopleOf(store, build, scope, [membersOf(build, q.view, inScopeOf(build, scope), e)]);
      return friend ?? null;
    },

    async warm(signal) {
      const store = await deps.friends.get();
      const build = await deps.index.warm(store, signal);
      if (!signal?.aborted) await words.ready(store, build, signal);
    },

    async release() {
      const build = deps.index.held();
      if (!build) return true;
      // Words being read are saved when read: the release waits for that save, not to lose it.
      await words.settled(build);
      return deps.index.release(build);
    },

    async export(q) {
      const store = await deps.friends.get();
      const scope = await scopeOf(q);
      const build = await buildFor(store, q.sort);
      const selection = await selectionOf(store, build, scope, q);
      const inScope = inScopeOf(build, scope);
      // Whole accounts at once: one read each, rather than the export's people page by page.
      const held = new Map<string, StoredFriend>();
      for (const record of scope.records) {
        for (const person of await store.entries.ofAccount(record.id)) {
          const id = `${record.id}:${person.personId}`;
          held.set(id, { ...person, id, accountId: record.id, provider: record.provider });
        }
      }
      const people = await peopleOf(store, build, scope, [...selection.order].map((e) => membersOf(build, q.view, inScope, e)), held);
      const day = new Date(deps.clock.now()).toISOString().slice(0, 10);
      const text = q.format === 'vcf' ? vcardsOf(people) : q.csvColumns === 'thunderbird' ? thunderbirdCsvOf(people) : googleCsvOf(people);
      return {
        format: q.format,
        filename: `kith-contacts-${day}${q.format === 'csv' && q.csvColumns === 'thunderbird' ? '-thunderbird' : ''}.${q.format}`,
        mimeType: q.format === 'vcf' ? 'text/vcard' : 'text/csv',
        text,
        count: people.length,
      };
    },
  };
}
