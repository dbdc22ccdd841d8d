import { describe, expect, it } from 'vitest';
import type { AccountSummary, KithApi } from '../../src-contract/kith-api';
import { sampleAccount } from '../../src-contract/testing/stub-kith-api';
import { createAccountsStore } from './accounts-store';

const account = (displayName: string): AccountSummary => ({ ...sampleAccount, id: 'acc_aaaaaaaa', displayName, email: null, scopes: [], friendCount: 0 });

describe('accounts store', () => {
  it('keeps the newer list when an accountsChanged event overtakes a list answer', async () => {
    let answer: (list: AccountSummary[]) => void = () => {};
    const api = { accounts: { list: () => new Promise<AccountSummary[]>((resolve) => (answer = resolve)) } } as unknown as KithApi;
    const store = createAccountsStore(api);
    const loading = store.getState().load();
    store.getState().replace([account('synced (from the event)')]);
    answer([account('before the sync (stale answer)')]);
    await loading;
    expect(store.getState().accounts?.map((a) => a.displayName)).toEqual(['synced (from the event)']);
  });

  it('takes a list answer that no event overtook', async () => {
    const api = { accounts: { list: async () => [account('Ada')] } } as unknown as KithApi;
    const store = createAccountsStore(api);
    await store.getState().load();
    expect(store.getState().accounts?.map((a) => a.displayName)).toEqual(['Ada']);
  });
});
