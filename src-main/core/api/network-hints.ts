// What a shell tells the core about the computer: its network went away or
// came back (Electron's net.isOnline, the page's online/offline events), or it
// woke from sleep (Electron's powerMonitor). A hint is never taken as fact:
// the reachability probe asks the providers' hosts first, so a page that says
// "online" cannot make Kith claim it is, and one that says "offline" only
// makes Kith look sooner than its next timer would.
import type { AutoSync } from '../friends/auto-sync';
import type { Reachability } from '../friends/reachability';
import type { Logger } from '../ports';

export interface NetworkHints {
  /** The shell saw the network drop (false) or return (true). */
  networkChanged(online: boolean): void;
  /** The computer woke from sleep: the cache may be hours old. */
  resumed(): void;
}

export function createNetworkHints(deps: { reachability: Reachability; autoSync: AutoSync | null; log: Logger }): NetworkHints {
  const probeThen = (after: (reached: boolean) => void) => {
    void deps.reachability.check().then(after, (error: unknown) => deps.log.warn('reachability probe failed', { error: String(error).slice(0, 80) }));
  };
  return {
    networkChanged(online) {
      probeThen((reached) => {
        if (online && reached) deps.autoSync?.nudge('network-back');
      });
    },
    resumed() {
      probeThen((reached) => {
        if (reached) deps.autoSync?.nudge('wake');
      });
    },
  };
}
