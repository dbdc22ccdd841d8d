// A cheap answer to "can Kith reach the providers?", without a token and
// without touching a rate limit: a HEAD request to each provider's host, where
// any HTTP answer at all (404 and 405 included) means the network is there and
// only a failure to connect means it is not. Connectivity otherwise learns the
// network's state from real provider calls, which happen every 30 minutes;
// this probe is what lets Kith notice within seconds that it went offline
// (when the shell says the network dropped) and that it is back (probing on
// growing delays while offline), so the offline notice and the sync follow the
// network rather than the next timer.
import { KithError } from '../../../src-contract/kith-api';
import type { Scheduler } from '../api/scheduler';
import type { Logger } from '../ports';
import type { Connectivity } from './connectivity';

export interface ReachabilityTiming {
  /** A host that has not answered by then counts as unreachable. */
  timeoutMs: number;
  /** First probe after going offline; doubles up to `probeMaxMs`. */
  probeMs: number;
  probeMaxMs: number;
}

export const DEFAULT_REACHABILITY: ReachabilityTiming = { timeoutMs: 5_000, probeMs: 5_000, probeMaxMs: 60_000 };

export interface Reachability {
  /** Probes the providers' hosts now (one probe at a time) and records the answer in Connectivity; true when one answered. */
  check(): Promise<boolean>;
  /** Probes on growing delays while offline, until the network is back. */
  start(): void;
  stop(): void;
}

export function createReachability(deps: {
  fetch: typeof globalThis.fetch;
  /** The providers' hosts (their origins are probed, each once). No URL: the probe is off and check() says what Connectivity knows. */
  urls: readonly string[];
  connectivity: Connectivity;
  scheduler: Scheduler;
  log: Logger;
  timing?: Partial<ReachabilityTiming>;
}): Reachability {
  const timing = { ...DEFAULT_REACHABILITY, ...deps.timing };
  const origins = [...new Set(deps.urls.map((url) => new URL(url).origin))];
  let inFlight: Promise<boolean> | null = null;
  let cancelProbe: (() => void) | null = null;
  let stopWatching: (() => void) | null = null;
  let delay = timing.probeMs;

  const answers = async (origin: string): Promise<boolean> => {
    const controller = new AbortController();
    const cancelTimeout = deps.scheduler.schedule(() => controller.abort(), timing.timeoutMs);
    try {
      // redirect: 'manual': a redirect is an answer too, and following it would reach another host.
      await deps.fetch(`${origin}/`, { method: 'HEAD', redirect: 'manual', signal: controller.signal });
      return true;
    } catch {
      return false;
    } finally {
      cancelTimeout();
    }
  };

  const probe = async (): Promise<boolean> => {
    if (origins.length === 0) return deps.connectivity.online;
    const reached = (await Promise.all(origins.map(answers))).some(Boolean);
    deps.connectivity.observe(reached ? null : new KithError('E_OFFLINE', 'Kith cannot reach Google or Facebook.'));
    if (!reached) deps.log.info('the providers did not answer a reachability probe');
    return reached;
  };

  const check = () => {
    inFlight ??= probe().finally(() => {
      inFlight = null;
    });
    return inFlight;
  };

  const planProbe = () => {
    cancelProbe?.();
    cancelProbe = deps.scheduler.schedule(() => {
      cancelProbe = null;
      void check().then((reached) => {
        if (!reached && stopWatching) planProbe();
      });
    }, delay);
    delay = Math.min(delay * 2, timing.probeMaxMs);
  };

  return {
    check,
    start() {
      if (stopWatching || origins.length === 0) return;
      stopWatching = deps.connectivity.onChange((online) => {
        delay = timing.probeMs;
        if (online) {
          cancelProbe?.();
          cancelProbe = null;
        } else {
          planProbe();
        }
      });
      if (!deps.connectivity.online) planProbe();
    },
    stop() {
      stopWatching?.();
      stopWatching = null;
      cancelProbe?.();
      cancelProbe = null;
    },
  };
}
