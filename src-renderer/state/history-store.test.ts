import { describe, expect, it } from 'vitest';
import { createScriptedKith } from '../testing/scripted-kith-api';
import { startAppStores } from './app-store-events';
import { createAppStores } from './app-stores';

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('the disconnect history', () => {
  it('shows a disconnect made offline as pending, confirms it when the provider answers, and lets it be dismissed then', async () => {
    const fake = createScriptedKith({ online: false });
    const stores = createAppStores(fake);
    const stop = startAppStores(stores);
    await tick();
    expect(stores.history.getState().receipts).toEqual([]);
    const [account] = await fake.accounts.list();
    await stores.accounts.getState().disconnect(account!.id);
    const [pending] = stores.history.getState().receipts ?? [];
    expect(pending).toMatchObject({ settled: false, accounts: [{ accountId: account!.id, revocation: { state: 'pending' } }] });

    await stores.history.getState().dismiss(pending!.id);
    expect(stores.history.getState().error?.code).toBe('E_INVALID_INPUT');
    expect(stores.history.getState().receipts).toHaveLength(1);

    fake.setOnline(true);
    expect(stores.history.getState().receipts).toMatchObject([{ id: pending!.id, settled: true, accounts: [{ revocation: { state: 'confirmed' } }] }]);
    await stores.history.getState().dismiss(pending!.id);
    expect(stores.history.getState().receipts).toEqual([]);
    expect(stores.history.getState().busy.size).toBe(0);
    stop();
  });
});
