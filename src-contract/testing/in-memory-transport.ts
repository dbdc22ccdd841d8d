// A transport with no wire, for tests: requests go through the same
// dispatcher as IPC and HTTP, and everything is cloned on the way as a wire
// would copy it, so a test cannot pass by sharing objects with the core.
import type { KithApi } from '../kith-api';
import type { KithTransport } from '../client';
import type { Logger } from '../../src-main/core/ports';
import { createDispatcher, serializeError } from '../dispatcher';
import { forwardEvents } from '../event-forwarder';

export function createInMemoryTransport(api: KithApi, options: { log?: Pick<Logger, 'error'> } = {}): KithTransport {
  const dispatch = createDispatcher(api, options);
  return {
    async call(method, input) {
      try {
        return structuredClone(await dispatch(method, structuredClone(input)));
      } catch (error) {
        throw serializeError(error);
      }
    },
    subscribe(event, listener) {
      return forwardEvents(api, (_name, payload) => listener(structuredClone(payload)), { events: [event], log: options.log });
    },
  };
}
