// Keeps the offline cache fresh while Kith runs. Every account is synced on an
// interval; while offline, a sync is tried again after growing delays (asking
// a provider is the only way to learn the network is back), and the moment any
// provider call succeeds again everything is synced at once. Accounts that need
// reconnecting are skipped by the sync itself.
import type { Scheduler } from '../api/scheduler';
import type { Connectivity } from './connectivity';

export interface AutoSyncTiming {
  intervalMs: number;
  /** First retry while offline; doubles up to `offlineRetryMaxMs`. */
  offlineRetryMs: number;
  offlineRetryMaxMs: number;
}

export const DEFAULT_AUTO_SYNC: AutoSyncTiming = { intervalMs: 30 * 60_000, offlineRetryMs: 30_000, offlineRetryMaxMs: 5 * 60_000 };

export interface AutoSync {
  start(): void;
  stop(): void;
}

export function createAutoSync(deps: {
  scheduler: Scheduler;
  connectivity: Connectivity;
  /** Syncs every account; failures are reported through events and results, never thrown here. */
  syncAll(): Promise<unknown>;
  timing?: AutoSyncTiming;
}): AutoSync {
  const timing = deps.timing ?? DEFAULT_AUTO_SYNC;
  let cancelTimer: (() => void) | null = null;
  let stopWatching: (() => void) | null = null;
  let running = false;
  let offlineDelay = timing.offlineRetryMs;
  let stopped = true;

  const plan = (delayMs: number) => {
    cancelTimer?.();
    cancelTimer = stopped ? null : deps.scheduler.schedule(() => void run(), delayMs);
  };
  const planNext = () => {
    if (deps.connectivity.online) {
      offlineDelay = timing.offlineRetryMs;
      plan(timing.intervalMs);
    } else {
      plan(offlineDelay);
      offlineDelay = Math.min(offlineDelay * 2, timing.offlineRetryMaxMs);
    }
  };
  const run = async () => {
    if (running || stopped) return;
    running = true;
    cancelTimer?.();
    cancelTimer = null;
    try {
      await deps.syncAll().catch(() => undefined);
    } finally {
      running = false;
      planNext();
    }
  };

  return {
    start() {
      if (!stopped) return;
      stopped = false;
      stopWatching = deps.connectivity.onChange((online) => {
        if (online) void run();
        else if (!running) planNext();
      });
      planNext();
    },
    stop() {
      stopped = true;
      cancelTimer?.();
      cancelTimer = null;
      stopWatching?.();
      stopWatching = null;
    },
  };
}
