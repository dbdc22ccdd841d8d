// A typed emitter for the contract's one-way events. Every payload is the
// contract type, so the shells can forward it without reshaping.
import type { KithEventListener, KithEventName, KithEventPayload } from '../../../src-contract/kith-api';
import type { Logger } from '../ports';

export interface EventHub {
  on<E extends KithEventName>(name: E, listener: KithEventListener<E>): () => void;
  emit<E extends KithEventName>(name: E, payload: KithEventPayload<E>): void;
  clear(): void;
}

export function createEventHub(log: Logger): EventHub {
  const listeners = new Map<KithEventName, Set<(payload: unknown) => void>>();
  return {
    on(name, listener) {
      let set = listeners.get(name);
      if (!set) {
        set = new Set();
        listeners.set(name, set);
      }
      const entry = listener as (payload: unknown) => void;
      set.add(entry);
      return () => {
        set.delete(entry);
      };
    },
    emit(name, payload) {
      for (const listener of [...(listeners.get(name) ?? [])]) {
        // One faulty listener (a closed window, a dropped SSE stream) must not stop the others or the core.
        try {
          listener(payload);
        } catch (error) {
          log.warn('event listener failed', { event: name, error: error instanceof Error ? error.message : String(error) });
        }
      }
    },
    clear() {
      listeners.clear();
    },
  };
}
