// Online/offline as seen by the last provider calls: a network failure
// (E_OFFLINE) means offline; any answer from a provider, even an error, means
// online. Changes are announced as the contract's `connectivity` event, and
// the revocation queue retries when Kith comes back online.
import { hasCode } from '../../../src-contract/errors';
import type { EventHub } from '../api/event-hub';

export interface Connectivity {
  readonly online: boolean;
  /** Runs a provider call and records what it says about the network. */
  track<T>(call: () => Promise<T>): Promise<T>;
  /** Records the outcome of a provider call made elsewhere. */
  observe(error: unknown | null): void;
  /** Called with `true` when Kith comes back online. */
  onChange(listener: (online: boolean) => void): () => void;
}

export function createConnectivity(events: EventHub): Connectivity {
  let online = true;
  const listeners = new Set<(online: boolean) => void>();
  const set = (next: boolean) => {
    if (next === online) return;
    online = next;
    events.emit('connectivity', { online });
    for (const listener of [...listeners]) listener(online);
  };
  const observe = (error: unknown | null) => {
    if (error === null) set(true);
    else if (hasCode(error, 'E_OFFLINE')) set(false);
    // A provider that answered with an error (5xx, 429, invalid_grant) is reachable.
    else if (hasCode(error, 'E_PROVIDER', 'E_RATE_LIMITED', 'E_GRANT_REVOKED')) set(true);
  };
  return {
    get online() {
      return online;
    },
    observe,
    async track(call) {
      try {
        const result = await call();
        observe(null);
        return result;
      } catch (error) {
        observe(error);
        throw error;
      }
    },
    onChange(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  };
}
