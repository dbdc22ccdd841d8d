// Searches narrowed to some accounts, as a script token limited to them reads.
import { beforeEach, expect, it } from 'vitest';
import type { FriendsStorePort, StoredPerson } from './friends-store-port';
import { person } from './testing/temp-database';
import { useTempFriendsStore } from './testing/use-temp-friends-store';

const temp = useTempFriendsStore();
beforeEach(async () => {
  await fill('acc_first1', [person('p1', 'Ada Lovelace'), person('p2', 'Zed Zephyr')]);
  await fill('acc_second', [person('p1', 'Bea Baker'), person('p2', 'Ada Byron')]);
  await fill('acc_third1', [person('p1', 'Cy Cole')], 'facebook');
});

async function fill(accountId: string, people: StoredPerson[], provider: 'google' | 'facebook' = 'google') {
  await temp.store.beginSync(accountId, provider, 'full');
  await temp.store.applyPage(accountId, { upserts: people, deletes: [], syncState: { cursor: null, syncToken: null, syncedAt: 1_000 } });
}

const names = async (query: Parameters<FriendsStorePort['search']>[0]) => {
  const page = await temp.store.search(query);
  return { names: page.items.map((f) => f.displayName), total: page.total };
};

it('lists and searches only the given accounts, in name order, with their total', async () => {
  expect(await names({ accountIds: ['acc_first1', 'acc_second'], limit: 10 })).toEqual({ names: ['Ada Byron', 'Ada Lovelace', 'Bea Baker', 'Zed Zephyr'], total: 4 });
  expect(await names({ accountIds: ['acc_first1', 'acc_second'], limit: 2, offset: 2 })).toEqual({ names: ['Bea Baker', 'Zed Zephyr'], total: 4 });
  expect(await names({ accountIds: ['acc_first1', 'acc_third1'], text: 'ada', limit: 10 })).toEqual({ names: ['Ada Lovelace'], total: 1 });
  expect(await names({ accountIds: ['acc_second'], limit: 10 })).toEqual({ names: ['Ada Byron', 'Bea Baker'], total: 2 });
});

it('finds nothing outside them: another account asked for, or accounts Kith does not hold', async () => {
  expect(await names({ accountIds: ['acc_first1'], accountId: 'acc_second', limit: 10 })).toEqual({ names: [], total: 0 });
  expect(await names({ accountIds: ['acc_goneaway'], limit: 10 })).toEqual({ names: [], total: 0 });
  expect(await names({ accountIds: [], limit: 10 })).toEqual({ names: [], total: 0 });
});
