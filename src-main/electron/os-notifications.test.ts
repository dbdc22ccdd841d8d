// The Electron shell's system notifications over the fake electron module and
// a real core of fakes: what the person sees when a queued revocation lands.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { KithError } from '../../src-contract/kith-api';
import { identity } from '../core/testing/fake-login';
import { createTestCore } from '../core/testing/test-core';
import { showOsNotifications } from './os-notifications';
import { fakeElectron } from './testing/fake-electron';

vi.mock('electron', async () => (await import('./testing/fake-electron')).fakeElectron.module);

async function queuedThenLanded(enabled: boolean) {
  const t = createTestCore();
  const showWindow = vi.fn();
  const stop = showOsNotifications({ events: t.core.events, log: { warn: () => {} }, showWindow });
  await t.core.notifications.set({ enabled });
  t.login.queue.push({ tokens: t.facebook.issueTokens(), identity: identity('kofi') });
  const account = await t.core.accounts.connect({ provider: 'facebook' });
  t.facebook.revokeImpl = () => Promise.reject(new KithError('E_OFFLINE', 'Facebook cannot be reached.'));
  await t.core.accounts.disconnect({ accountId: account.id });
  t.facebook.revokeImpl = async () => {};
  await t.clock.advance(5_000);
  await t.clock.advance(0);
  return { t, stop, showWindow };
}

describe('system notifications (Electron)', () => {
  beforeEach(() => {
    fakeElectron.notifications.shown.length = 0;
    fakeElectron.notifications.state.supported = true;
  });

  it('shows one when a queued revocation is confirmed, and a click brings the window up', async () => {
    const { stop, showWindow } = await queuedThenLanded(true);
    expect(fakeElectron.notifications.shown.map((n) => n.options)).toEqual([{ title: 'Facebook confirmed the disconnect', body: 'Kith is removed from Person kofi’s Facebook account.' }]);
    fakeElectron.notifications.shown[0]!.click();
    expect(showWindow).toHaveBeenCalledOnce();
    stop();
  });

  it('shows none when the person turned them off, or where the platform has none', async () => {
    (await queuedThenLanded(false)).stop();
    expect(fakeElectron.notifications.shown).toEqual([]);
    fakeElectron.notifications.state.supported = false;
    (await queuedThenLanded(true)).stop();
    expect(fakeElectron.notifications.shown).toEqual([]);
  });
});
