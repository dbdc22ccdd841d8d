// Keeps the offline cache fresh while Kith runs. Every account is synced on an
// interval, and at the moments a person expects fresh data: at start and on
// waking from sleep when the last sync is older than a few minutes, and when
// the network comes back. While offline, a sync is tried again after growing
// delays, and the moment any provider call succeeds again (a sync, a
// revocation retry, the reachability probe) everything is synced at once.
// Accounts that need reconnecting are skipped by the sync itself.
import type { Scheduler } from '../api/scheduler';
import type { Clock } from '../ports';
import type { Connectivity } from './connectivity';

export interface AutoSyncTiming {
  intervalMs: number;
  /** First retry while offline; doubles up to `offlineRetryMaxMs`. */
  offlineRetryMs: number;
  offlineRetryMaxMs: number;
  /** At start and on wake, a last sync older than this is synced at once; a fresher one waits for the interval. */
  staleAfterMs: number;
}

export const DEFAULT_AUTO_SYNC: AutoSyncTiming = { intervalMs: 30 * 60_000, offlineRetryMs: 30_000, offlineRetryMaxMs: 5 * 60_000, staleAfterMs: 5 * 60_000 };

/** Why the shell asks for a sync outside the interval. */
export type SyncMoment = 'wake' | 'network-back';

export interface AutoSync {
  start(): void;
  stop(): void;
  /**
   * The computer woke ('wake': synced if the last sync is stale) or its network came back
   * ('network-back': synced now, since whatever changed meanwhile could not be fetched).
   */
  nudge(moment: SyncMoment): void;
}

export function createAutoSync(deps: {
  scheduler: Scheduler;
  clock: Clock;
  connectivity: Connectivity;
  /** Syncs every account; failures are reported through events and results, never thrown here. */
  syncAll(): Promise<unknown>;
  /**
   * When the least recently synced account was last synced: null when one never was,
   * 'no-accounts' when there is nothing to sync.
   */
  oldestSync(): Promise<number | null | 'no-accounts'>;
  timing?: Partial<AutoSyncTiming>;
}): AutoSync {
  const timing = { ...DEFAULT_AUTO_SYNC, ...deps.timing };
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
  /** Syncs now when the last sync is stale; otherwise the interval counts from that sync. */
  const syncIfStale = async () => {
    const oldest = await deps.oldestSync().catch(() => null);
    if (stopped || running) return;
    if (oldest === 'no-accounts') return planNext();
    const age = oldest === null ? Infinity : deps.clock.now() - oldest;
    if (age >= timing.staleAfterMs) return run();
    plan(Math.max(0, timing.intervalMs - age));
  };

  return {
    start() {
      if (!stopped) return;
      stopped = false;
      stopWatching = deps.connectivity.onChange((online) => {
        if (online) void run();
        else if (!running) planNext();
      });
      void syncIfStale();
    },
    stop() {
      stopped = true;
      cancelTimer?.();
      cancelTimer = null;
      stopWatching?.();
      stopWatching = null;
    },
    nudge(moment) {
      if (stopped) return;
      if (moment === 'network-back') void run();
      else void syncIfStale();
    },
  };
}
