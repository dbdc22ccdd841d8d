import { describe, expect, it } from 'vitest';
import { createScriptedKith } from '../testing/scripted-kith-api';
import { startAppStores } from './app-store-events';
import { createAppStores } from './app-stores';
import { syncFailureNotice, syncSummary } from './notice-rules';
import type { AccountSummary, SyncResult } from '../../src-contract/kith-api';
import { sampleAccount } from '../../src-contract/testing/stub-kith-api';

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

async function setup(options: Parameters<typeof createScriptedKith>[0] = {}) {
  const fake = createScriptedKith({ syncStepMs: 0, connectDelayMs: 0, ...options });
  const stores = createAppStores(fake);
  const stop = startAppStores(stores);
  await tick();
  const texts = () => stores.notices.getState().notices.map((n) => `${n.text}${n.count > 1 ? ` ×${n.count}` : ''}`);
  return { fake, stores, stop, texts };
}

describe('toasts after a sync', () => {
  it('say "Synced" once however often the person syncs, with a count', async () => {
    const { stores, stop, texts } = await setup();
    for (let i = 0; i < 3; i += 1) await stores.sync.getState().run();
    expect(texts()).toEqual(['Synced 2 accounts. ×3']);
    stop();
  });

  it('tell a new failure once, and clear it when the account is reconnected', async () => {
    const { fake, stores, stop, texts } = await setup({ seed: [{ provider: 'google', name: 'Grace Hopper', email: 'grace@example.com', friends: 3 }] });
    const [grace] = stores.accounts.getState().accounts ?? [];
    // The grant is revoked at the provider. The fake says so at once; the card, as with the
    // real core, still shows the account as fine until a sync finds out, so the failure is news.
    fake.revokeGrant(grace!.id);
    await tick();
    stores.accounts.getState().replace([grace!]);
    await stores.sync.getState().run();
    expect(texts()).toEqual([expect.stringMatching(/^Could not sync Grace Hopper \(Google\)\. Kith no longer has access/)]);
    // Syncing again says nothing new: the card already shows "Needs reconnecting".
    await stores.sync.getState().run();
    expect(texts()).toHaveLength(1);
    expect(texts()[0]).not.toContain('×');

    fake.connectOutcome = 'connect';
    await stores.login.getState().connect('google');
    await tick();
    expect(texts()).toEqual(['Connected Grace Hopper (Google).']);
    stop();
  });

  it('leave an offline failure to the offline toast', async () => {
    const { fake, stores, stop, texts } = await setup();
    fake.setOnline(false);
    await stores.sync.getState().run();
    expect(stores.status.getState().online).toBe(false);
    expect(texts()).toEqual([]);
    stop();
  });

  it('clear a failure once a later sync of that account succeeds, even one Kith ran by itself', async () => {
    const { stores, stop, texts } = await setup({ seed: [{ provider: 'google', name: 'Ada Lovelace', email: 'ada@example.com', friends: 3 }] });
    const [ada] = stores.accounts.getState().accounts ?? [];
    stores.notices.getState().push({ key: `sync-failed:${ada!.id}`, text: 'Could not sync Ada Lovelace (Google).', tone: 'error' });
    stores.accounts.getState().replace([{ ...ada!, lastSyncError: { code: 'E_PROVIDER', message: 'x' } }]);
    expect(texts()).toHaveLength(1);
    // An accountsChanged event from a background sync that went well.
    stores.accounts.getState().replace([{ ...ada!, lastSyncError: null }]);
    expect(texts()).toEqual([]);
    stop();
  });
});

describe('syncFailureNotice', () => {
  const account: AccountSummary = {
    ...sampleAccount,
    id: 'acc_abcdef',
    provider: 'facebook',
    displayName: 'Kofi Mensah',
    email: null,
    scopes: [],
    connectedAt: 1,
    lastSyncedAt: 1,
    friendCount: 0,
  };
  const failed = (code: 'E_PROVIDER' | 'E_RATE_LIMITED' | 'E_OFFLINE'): SyncResult => ({
    accountId: account.id,
    ok: false,
    mode: null,
    friendCount: 0,
    syncedAt: null,
    error: { code, message: 'x' },
  });

  it('is news only when the card did not already say the same failure', () => {
    expect(syncFailureNotice(failed('E_PROVIDER'), account, account)?.text).toBe('Could not sync Kofi Mensah (Facebook). Facebook reported a problem. Try again later.');
    const saidSo = { ...account, lastSyncError: { code: 'E_PROVIDER' as const, message: 'x' } };
    expect(syncFailureNotice(failed('E_PROVIDER'), saidSo, saidSo)).toBeNull();
    expect(syncFailureNotice(failed('E_RATE_LIMITED'), saidSo, saidSo)?.tone).toBe('error');
    expect(syncFailureNotice(failed('E_OFFLINE'), account, account)).toBeNull();
  });

  it('summarises only what went well', () => {
    const ok: SyncResult = { ...failed('E_PROVIDER'), ok: true, error: null };
    expect(syncSummary([ok, ok])?.text).toBe('Synced 2 accounts.');
    expect(syncSummary([ok, failed('E_PROVIDER')])).toEqual({ key: 'synced', text: 'Synced 1 of 2 accounts.', tone: 'info' });
    expect(syncSummary([failed('E_PROVIDER')])).toBeNull();
  });
});
