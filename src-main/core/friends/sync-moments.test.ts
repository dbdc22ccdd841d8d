// The moments a person expects fresh data outside the periodic sync: opening
// Kith, waking the computer, the network coming back; and noticing within
// seconds that the network is gone or back, through the reachability probe.
import { describe, expect, it } from 'vitest';
import { KithError } from '../../../src-contract/kith-api';
import { identity } from '../testing/fake-login';
import { person } from '../testing/fake-provider';
import { createTestCore, type TestCore } from '../testing/test-core';

const timing = { intervalMs: 30 * 60_000, offlineRetryMs: 30_000, offlineRetryMaxMs: 5 * 60_000, staleAfterMs: 5 * 60_000 };
const MINUTE = 60_000;

/** A network the test switches: while down every request fails as fetch does offline (a TypeError). */
function switchableNetwork() {
  const state = { up: true, heads: [] as string[] };
  const fetch: typeof globalThis.fetch = async (input, init) => {
    state.heads.push(`${init?.method ?? 'GET'} ${String(input)}`);
    if (!state.up) throw new TypeError('fetch failed');
    return new Response(null, { status: 404 });
  };
  return { state, fetch };
}

async function withAccount(network = switchableNetwork()): Promise<{ t: TestCore; network: ReturnType<typeof switchableNetwork>; listings: () => number }> {
  const t = createTestCore({
    autoSync: timing,
    fetch: network.fetch,
    reachabilityUrls: ['https://oauth2.googleapis.com/token', 'https://graph.facebook.com/v26.0'],
  });
  t.google.upsert(person('a', 'Ann'));
  t.login.queue.push({ tokens: t.google.issueTokens(), identity: identity('g-1') });
  await t.core.accounts.connect({ provider: 'google' });
  return { t, network, listings: () => t.google.calls.list.length };
}

async function syncedAgo(t: TestCore, ms: number): Promise<void> {
  await t.core.sync.run({});
  await t.clock.advance(ms);
}

describe('sync when it matters', () => {
  it('syncs at start when the last sync is older than a few minutes', async () => {
    const { t, listings } = await withAccount();
    await syncedAgo(t, 6 * MINUTE);
    t.core.start();
    await t.clock.advance(0);
    expect(listings()).toBe(2);
    await t.core.close();
  });

  it('syncs at start an account that was never synced', async () => {
    const { t, listings } = await withAccount();
    t.core.start();
    await t.clock.advance(0);
    expect(listings()).toBe(1);
    await t.core.close();
  });

  it('leaves a fresh cache alone at start, and the interval counts from the last sync', async () => {
    const { t, listings } = await withAccount();
    await syncedAgo(t, 2 * MINUTE);
    t.core.start();
    await t.clock.advance(27 * MINUTE);
    expect(listings()).toBe(1);
    await t.clock.advance(1 * MINUTE);
    expect(listings()).toBe(2);
    await t.core.close();
  });

  it('does nothing at start without accounts', async () => {
    const t = createTestCore({ autoSync: timing });
    t.core.start();
    await t.clock.advance(0);
    expect(t.google.calls.list.length).toBe(0);
    await t.core.close();
  });

  it('syncs on wake when the last sync is stale, not when it is fresh', async () => {
    const { t, listings } = await withAccount();
    await syncedAgo(t, 1 * MINUTE);
    t.core.start();
    t.assembled.hints.resumed();
    await t.clock.advance(0);
    expect(listings()).toBe(1);
    await t.clock.advance(9 * MINUTE);
    t.assembled.hints.resumed();
    await t.clock.advance(0);
    expect(listings()).toBe(2);
    await t.core.close();
  });

  it('syncs when the page says the network is back and the providers answer', async () => {
    const { t, network, listings } = await withAccount();
    await syncedAgo(t, 1 * MINUTE);
    t.core.start();
    await t.core.connectivity.report({ online: true });
    await t.clock.advance(0);
    expect(listings()).toBe(2);
    // The probe asked each provider host once, with HEAD, and nothing else.
    expect(network.state.heads).toEqual(['HEAD https://oauth2.googleapis.com/', 'HEAD https://graph.facebook.com/']);
    await t.core.close();
  });

  it('does not take the page at its word: "online" with the providers unreachable syncs nothing and says offline', async () => {
    const { t, network, listings } = await withAccount();
    await syncedAgo(t, 1 * MINUTE);
    t.core.start();
    network.state.up = false;
    const seen: boolean[] = [];
    t.core.events.on('connectivity', ({ online }) => seen.push(online));
    await t.core.connectivity.report({ online: true });
    await t.clock.advance(0);
    expect(listings()).toBe(1);
    expect(seen).toEqual([false]);
    await t.core.close();
  });

  it('notices within seconds that the network dropped, and that it came back, then syncs', async () => {
    const { t, network, listings } = await withAccount();
    await syncedAgo(t, 1 * MINUTE);
    t.core.start();
    const seen: boolean[] = [];
    t.core.events.on('connectivity', ({ online }) => seen.push(online));
    network.state.up = false;
    t.google.listFailure = { error: new KithError('E_OFFLINE', 'Kith cannot reach Google.'), afterBatches: 0 };
    await t.core.connectivity.report({ online: false });
    await t.clock.advance(0);
    expect(seen).toEqual([false]);
    expect((await t.core.status.get({})).online).toBe(false);

    // The network returns with nobody saying so: the probe (5 s, then 10 s, ...) finds it.
    network.state.up = true;
    t.google.listFailure = null;
    await t.clock.advance(5_000);
    expect(seen).toEqual([false, true]);
    expect(listings()).toBe(2);
    await t.core.close();
  });

  it('probes on growing delays while offline, and stops once online', async () => {
    const { t, network } = await withAccount();
    await syncedAgo(t, 1 * MINUTE);
    t.core.start();
    network.state.up = false;
    await t.core.connectivity.report({ online: false });
    await t.clock.advance(0);
    const probes = () => network.state.heads.length / 2;
    expect(probes()).toBe(1);
    await t.clock.advance(5_000);
    expect(probes()).toBe(2);
    await t.clock.advance(10_000);
    expect(probes()).toBe(3);
    await t.clock.advance(19_999);
    expect(probes()).toBe(3);
    await t.clock.advance(1);
    expect(probes()).toBe(4);
    network.state.up = true;
    await t.clock.advance(40_000);
    expect(probes()).toBe(5);
    await t.clock.advance(10 * MINUTE);
    expect(probes()).toBe(5);
    await t.core.close();
  });

  it('counts a host that never answers as unreachable after the probe timeout', async () => {
    const heads: string[] = [];
    const hanging: typeof fetch = (input, init) =>
      new Promise((_, reject) => {
        heads.push(String(input));
        init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
      });
    const t = createTestCore({ autoSync: timing, fetch: hanging, reachabilityUrls: ['https://oauth2.googleapis.com/token'] });
    t.core.start();
    const seen: boolean[] = [];
    t.core.events.on('connectivity', ({ online }) => seen.push(online));
    await t.core.connectivity.report({ online: false });
    await t.clock.advance(4_999);
    expect(seen).toEqual([]);
    await t.clock.advance(1);
    expect(seen).toEqual([false]);
    await t.core.close();
  });

  it('leaves no probe or timer behind after close', async () => {
    const { t, network } = await withAccount();
    t.core.start();
    network.state.up = false;
    await t.core.connectivity.report({ online: false });
    await t.clock.advance(0);
    await t.core.close();
    expect(t.clock.pendingTimers()).toEqual([]);
  });
});
