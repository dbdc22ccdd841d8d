import { describe, expect, it } from 'vitest';
import { createScriptedKith } from '../testing/scripted-kith-api';
import { startAppStores } from './app-store-events';
import { createAppStores } from './app-stores';

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('events', () => {
  it('follows connectivity and pending revocations', async () => {
    const fake = createScriptedKith({ online: false });
    const stores = createAppStores(fake);
    const stop = startAppStores(stores);
    await tick();
    expect(stores.status.getState().online).toBe(false);
    const [account] = (await fake.accounts.list()) ?? [];
    if (!account) throw new Error('seeded account missing');
    const result = await stores.accounts.getState().disconnect(account.id);
    expect(result.revocation).toBe('queued');
    expect(stores.status.getState().pendingRevocations).toHaveLength(1);
    expect(stores.accounts.getState().accounts?.some((a) => a.id === account.id)).toBe(false);
    fake.setOnline(true);
    expect(stores.status.getState().online).toBe(true);
    expect(stores.status.getState().pendingRevocations).toHaveLength(0);
    stop();
  });

  it('records sync progress per account', async () => {
    const fake = createScriptedKith({ syncStepMs: 0 });
    const stores = createAppStores(fake);
    const stop = startAppStores(stores);
    const seen: string[] = [];
    const unsubscribe = stores.sync.subscribe((s) => {
      for (const p of Object.values(s.progress)) seen.push(`${p.state}:${p.fetched}`);
    });
    await stores.sync.getState().run();
    unsubscribe();
    expect(seen.some((s) => s.startsWith('running:'))).toBe(true);
    expect(Object.values(stores.sync.getState().progress).every((p) => p.state === 'done')).toBe(true);
    expect(stores.sync.getState().running).toBe(false);
    stop();
  });
});
