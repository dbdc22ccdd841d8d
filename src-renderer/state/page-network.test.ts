import { describe, expect, it } from 'vitest';
import { createScriptedKith } from '../testing/scripted-kith-api';
import { createAppStores } from './app-stores';
import { watchPageNetwork } from './page-network';
import { seemsOffline } from './status-store';

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

function page(online = true) {
  const target = new EventTarget();
  const state = { online };
  return {
    network: { target, isOnline: () => state.online },
    go(next: boolean) {
      state.online = next;
      target.dispatchEvent(new Event(next ? 'online' : 'offline'));
    },
  };
}

describe('the page network', () => {
  it('says offline as soon as the browser does, and tells Kith both ways', async () => {
    const kith = createScriptedKith();
    const stores = createAppStores(kith);
    const browser = page();
    const stop = watchPageNetwork(stores, browser.network);
    await stores.status.getState().load();
    expect(seemsOffline(stores.status.getState())).toBe(false);

    browser.go(false);
    expect(seemsOffline(stores.status.getState())).toBe(true);
    browser.go(true);
    await tick();
    expect(seemsOffline(stores.status.getState())).toBe(false);
    expect(kith.networkReports).toEqual([false, true]);
    stop();
    browser.go(false);
    expect(kith.networkReports).toEqual([false, true]);
  });

  it('starts offline when the page opens without a network', () => {
    const stores = createAppStores(createScriptedKith());
    const stop = watchPageNetwork(stores, page(false).network);
    expect(seemsOffline(stores.status.getState())).toBe(true);
    stop();
  });

  it('keeps saying offline while the page is online but Kith cannot reach the providers', async () => {
    const kith = createScriptedKith({ online: false });
    const stores = createAppStores(kith);
    const stop = watchPageNetwork(stores, page().network);
    await stores.status.getState().load();
    expect(seemsOffline(stores.status.getState())).toBe(true);
    stop();
  });
});
