// Tells the core what Electron sees of the computer: the network dropping or
// returning, and waking from sleep. Electron's `net` has no change event, so
// `net.isOnline()` is read every few seconds; per Electron's "Online/Offline
// Event Detection" tutorial (electronjs.org/docs/tutorial/online-offline-events)
// false is a strong sign of being offline and true is not a promise of the
// internet, so a change is only a hint: the core's reachability probe checks.
// powerMonitor's 'resume' (docs/api/power-monitor.md) marks a wake; some Linux
// desktops never send it to packaged apps (electron/electron#42050), so
// 'unlock-screen' counts as one too, and the core syncs only a stale cache.
import type { NetworkHints } from '../core/api/network-hints';
import type { Scheduler } from '../core/api/scheduler';

/** The slice of Electron this watches: the real `net` and `powerMonitor`, or the fake electron module's. */
export interface SystemSignals {
  net: { isOnline(): boolean };
  powerMonitor: {
    on(event: 'resume' | 'unlock-screen', listener: () => void): unknown;
    removeListener(event: 'resume' | 'unlock-screen', listener: () => void): unknown;
  };
}

/** How often net.isOnline() is read: a dropped network is noticed within this. */
export const NET_POLL_MS = 3_000;

/** Starts watching (call after app `ready`: both modules need it); returns the function that stops. */
export function watchSystem(signals: SystemSignals, hints: NetworkHints, scheduler: Scheduler, pollMs = NET_POLL_MS): () => void {
  let online = signals.net.isOnline();
  let cancel: (() => void) | null = null;
  const poll = () => {
    const now = signals.net.isOnline();
    if (now !== online) {
      online = now;
      hints.networkChanged(now);
    }
    cancel = scheduler.schedule(poll, pollMs);
  };
  cancel = scheduler.schedule(poll, pollMs);
  const woke = () => hints.resumed();
  signals.powerMonitor.on('resume', woke);
  signals.powerMonitor.on('unlock-screen', woke);
  return () => {
    cancel?.();
    cancel = null;
    signals.powerMonitor.removeListener('resume', woke);
    signals.powerMonitor.removeListener('unlock-screen', woke);
  };
}
