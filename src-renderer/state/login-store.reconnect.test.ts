// The login store after a reconnect answered by someone else: it holds the
// question until the person answers, and each answer calls the right method.
import { describe, expect, it } from 'vitest';
import { createFakeKithApi, sampleAccount } from '../../src-contract/testing/stub-kith-api';
import type { OtherPersonSignedIn } from '../../src-contract/kith-api';
import { createLoginStore } from './login-store';

const other: OtherPersonSignedIn = {
  outcome: 'other_person',
  choiceId: 'choice_abcdefgh',
  provider: 'google',
  expected: { accountId: 'acc_alice01', displayName: 'Alan Turing', email: 'alan.turing@example.com' },
  signedIn: { displayName: 'Ada Lovelace', email: 'ada.lovelace@example.com' },
  expiresAt: 1_700_000_600_000,
};

function setup() {
  const api = createFakeKithApi();
  const connected: string[] = [];
  const store = createLoginStore(api, (account) => connected.push(account.displayName));
  return { api, store, connected };
}

describe('a reconnect answered by someone else', () => {
  it('holds the question, and "add" adds that person', async () => {
    const { api, store, connected } = setup();
    api.answer('accounts.reconnect', () => other);
    await store.getState().reconnect('acc_alice01', 'google');
    expect(store.getState()).toMatchObject({ otherPerson: other, connecting: null, reconnecting: null, failure: null });
    api.answer('accounts.resolveOtherPerson', () => ({ ...sampleAccount, displayName: 'Ada Lovelace' }));
    await store.getState().resolveOtherPerson('add');
    expect(api.calls.at(-1)).toEqual({ method: 'accounts.resolveOtherPerson', input: { choiceId: other.choiceId, choice: 'add' } });
    expect(store.getState().otherPerson).toBeNull();
    expect(connected).toEqual(['Ada Lovelace']);
  });

  it('"try again" asks the same again (a permission re-ask stays one), "cancel" discards', async () => {
    const { api, store } = setup();
    api.answer('accounts.requestPermission', () => other);
    await store.getState().requestPermission('acc_alice01', 'google', 'friends');
    await store.getState().resolveOtherPerson('retry');
    expect(api.calls.map((c) => c.method)).toEqual(['accounts.requestPermission', 'accounts.requestPermission']);
    expect(api.calls[1]!.input).toEqual({ accountId: 'acc_alice01', permission: 'friends' });
    await store.getState().resolveOtherPerson('discard');
    expect(api.calls.at(-1)).toEqual({ method: 'accounts.resolveOtherPerson', input: { choiceId: other.choiceId, choice: 'discard' } });
    expect(store.getState().otherPerson).toBeNull();
  });

  it('a reconnect by the same person clears the question and reports the account', async () => {
    const { store, connected } = setup();
    await store.getState().reconnect('acc_alice01', 'google');
    expect(store.getState().otherPerson).toBeNull();
    expect(connected).toEqual([sampleAccount.displayName]);
  });
});
