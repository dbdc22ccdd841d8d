// A transport with no wire, for a caller in the same process as the core (the
// CLI, tests): requests go through the same dispatcher as IPC and HTTP, and
// everything is cloned on the way as a wire would copy it, so a caller cannot
// share objects with the core, and a `--json` output gets the same fail-closed
// checks as a page.
import type { KithTransport } from './client';
import type { ContractLog } from './contract-log';
import { createDispatcher } from './dispatcher';
import { toErrorInfo } from './errors';
import { forwardEvents } from './event-forwarder';
import type { KithHandlers } from './kith-api';

export function createInMemoryTransport(handlers: KithHandlers, options: { log?: ContractLog } = {}): KithTransport {
  const dispatch = createDispatcher(handlers, options);
  return {
    async call(method, input) {
      try {
        return structuredClone(await dispatch(method, structuredClone(input)));
      } catch (error) {
        throw toErrorInfo(error);
      }
    },
    subscribe(event, listener) {
      return forwardEvents(handlers, (_name, payload) => listener(structuredClone(payload)), { events: [event], log: options.log });
    },
  };
}
