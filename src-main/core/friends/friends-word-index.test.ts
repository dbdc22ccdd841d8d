// The people index's in-memory word search against the store's FTS5 index it
// stands in for: on the real encrypted store, every prefix of every word of
// people with accents, other scripts, emails and phones finds exactly the
// entries the store's own full-text query finds.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KithDatabase } from '../../node/store/kith-database';
import { createSqliteFriendsStore } from '../../node/store/sqlite-friends-store';
import { person, tempFolder, type TempFolder } from '../../node/store/testing/temp-database';
import type { FriendsStore, StoredPerson } from '../ports';
import { createFriendsIndex, type IndexBuild } from './friends-index';
import { createWordSearch } from './friends-word-index';

const GOOGLE = 'acc_google_one';
const FACEBOOK = 'acc_facebook_one';

const googlePeople: StoredPerson[] = [
  person('c1', 'Aiko Mensah', { givenName: 'Aiko', familyName: 'Mensah', emails: [{ value: 'aiko.mensah@example.org', label: 'work' }], phones: [{ value: '+1 (555) 010-2345', label: 'mobile', canonical: '+15550102345' }] }),
  person('c2', 'Zoë Ångström', { emails: [{ value: 'zoe@example.net', label: null }] }),
  person('c3', 'björn berg', { phones: [{ value: '+44 20 7946 0958', label: 'home', canonical: null }] }),
  person('c4', 'Łukasz Żółć', { emails: [{ value: 'ŁUKASZ@przykład.pl', label: null }] }),
  person('c5', 'Ørsted Straße', { givenName: 'Hans Christian' }),
  person('c6', 'Ελένη Παπαδοπούλου', { emails: [{ value: 'eleni@example.gr', label: null }] }),
  person('c7', '山田 太郎', { phones: [{ value: '090-1234-5678', label: null, canonical: null }] }),
  person('c8', 'İsmail Çelik', { givenName: 'İsmail', familyName: 'Çelik' }),
  person('c9', 'Nguyễn Thị Minh Khai', { emails: [{ value: 'minh.khai@example.vn', label: null }] }),
  person('c10', 'O’Brien-Smith, Dr. Seán', { emails: [{ value: 'sean_obrien+kith@example.ie', label: null }] }),
];
const facebookPeople: StoredPerson[] = [person('fb-1', 'Aiko Tanaka'), person('fb-2', 'Kofi Mensah'), person('fb-3', 'Zoe Angstrom')];
const joinedLater = person('fb-4', 'Aiko Sato');

let folder: TempFolder;
let db: KithDatabase;
let store: FriendsStore;
let build: IndexBuild;

async function fullSync(accountId: string, provider: 'google' | 'facebook', people: StoredPerson[]) {
  const port = createSqliteFriendsStore(db);
  await port.beginSync(accountId, provider, 'full');
  await port.applyPage(accountId, { upserts: people, deletes: [], syncState: { cursor: null, syncToken: null, syncedAt: 1_000 } });
}

beforeEach(async () => {
  folder = await tempFolder();
  db = await folder.open();
  await fullSync(GOOGLE, 'google', googlePeople);
  await fullSync(FACEBOOK, 'facebook', facebookPeople);
  store = createSqliteFriendsStore(db);
  build = await createFriendsIndex().current(store);
});
afterEach(async () => {
  db.close();
  await folder.remove();
});

/** Display names of the entries the store's full-text query finds. */
async function foundByStore(text: string): Promise<string[]> {
  const refs = await store.entries.matching(text, {});
  return refs.map((r) => displayNameOf(build.entryOf(`${r.accountId}:${r.personId}`))).sort();
}

function displayNameOf(e: number): string {
  const id = build.personId(e);
  return [...googlePeople, ...facebookPeople, joinedLater].find((p) => p.personId === id)!.displayName;
}

async function foundInMemory(text: string, words = createWordSearch()): Promise<string[] | null> {
  await words.ready(store, build);
  const matched = await words.matching(store, build, text);
  if (!matched) return null;
  return [...matched.keys()].filter((e) => matched[e] === 1).map(displayNameOf).sort();
}

describe('the word search of the people index', () => {
  it('finds what the store finds, for every prefix of every word typed in ASCII', async () => {
    const words = createWordSearch();
    const typed = new Set<string>(['mensah aiko', 'aiko zed', 'zoe angs', 'AI', 'example.net', '555', '5550102', '555 010', '(555) 010-23', '+1 555 010 2345', '15550102', '02079460958', '442079', '7946 0958', '090 1234', 'o brien', 'sean obrien', 'kith', 'dr', '!!', 'e x a']);
    for (const p of [...googlePeople, ...facebookPeople]) {
      const text = [p.displayName, p.givenName ?? '', ...p.emails.map((e) => e.value), ...p.phones.map((f) => f.value)].join(' ');
      for (const word of text.normalize('NFD').replace(/\p{M}/gu, '').match(/[A-Za-z0-9]+/g) ?? []) {
        for (let n = 1; n <= word.length; n++) typed.add(word.slice(0, n));
      }
    }
    let answered = 0;
    for (const text of typed) {
      const inMemory = await foundInMemory(text, words);
      if (inMemory === null) continue;
      answered++;
      expect(inMemory, text).toEqual(await foundByStore(text));
    }
    // Every one of these is ASCII: none is left to the store.
    expect(answered).toBe(typed.size);
  });

  it('folds accents and case as the index does, other scripts included', async () => {
    expect(await foundInMemory('mensah aiko')).toEqual(['Aiko Mensah']);
    expect(await foundInMemory('zoe angs')).toEqual(['Zoe Angstrom', 'Zoë Ångström']);
    expect(await foundInMemory('lukasz')).toEqual(await foundByStore('lukasz'));
    expect(await foundInMemory('nguyen thi')).toEqual(['Nguyễn Thị Minh Khai']);
    expect(await foundInMemory('celik')).toEqual(['İsmail Çelik']);
    expect(await foundInMemory('555 010')).toEqual(['Aiko Mensah']);
  });

  it('leaves a search word outside ASCII to the store', async () => {
    for (const text of ['ménsah', 'Ελένη', '山田', 'ørsted', 'straße']) {
      expect(await foundInMemory(text), text).toBeNull();
      expect((await foundByStore(text)).length, text).toBeGreaterThan(0);
    }
  });

  it('leaves the first search of a build to the store, and answers once the words are read', async () => {
    const words = createWordSearch();
    expect(await words.matching(store, build, 'aiko')).toBeNull();
    expect(await foundInMemory('aiko', words)).toEqual(['Aiko Mensah', 'Aiko Tanaka']);
  });

  it('leaves the search to the store while its words are not the build’s', async () => {
    await fullSync(FACEBOOK, 'facebook', [...facebookPeople, joinedLater]);
    // The build was made before that sync: the word search will not answer for it.
    expect(await foundInMemory('aiko')).toBeNull();
    build = await createFriendsIndex().current(store);
    expect(await foundInMemory('aiko')).toEqual(['Aiko Mensah', 'Aiko Sato', 'Aiko Tanaka']);
  });

  it('finds the same people when the store gives an account’s words in another order than its entries', async () => {
    const reordered: FriendsStore = {
      ...store,
      entries: {
        ...store.entries,
        indexedWords: async (accountId) => {
          const read = await store.entries.indexedWords(accountId);
          return read && { ...read, people: [...read.people].reverse() };
        },
      },
    };
    const words = createWordSearch();
    await words.ready(reordered, build);
    for (const text of ['aiko', 'mensah', 'zoe', '555 010', 'kofi']) {
      const matched = await words.matching(reordered, build, text);
      expect([...matched!.keys()].filter((e) => matched![e] === 1).map(displayNameOf).sort(), text).toEqual(await foundByStore(text));
    }
  });
});
