// Over HTTP, to the host shell (src-main/host/server), for Node (tests, scripts)
// with an Authorization header: one POST per request, one server-sent-events
// stream shared by every subscription. (The page's twin is browser-http-transport.ts.)
import type { KithTransport } from './client';
import { KithError } from './errors';
import { readEventStream } from './sse-reader';
import { httpPaths, unwrapRpcReply } from './wire';

export interface HttpTransportOptions {
  /** '' for the page's own origin; 'http://127.0.0.1:<port>' from Node. */
  baseUrl?: string;
  /** Extra headers, e.g. `{ authorization: 'Bearer kith_...' }` from a script. */
  headers?: Record<string, string>;
  fetch?: typeof globalThis.fetch;
  /** Delay before the event stream reconnects after it drops; doubles up to 30 s. */
  reconnectDelayMs?: number;
}

export function createHttpTransport(options: HttpTransportOptions = {}): KithTransport {
  const baseUrl = options.baseUrl ?? '';
  const doFetch: typeof globalThis.fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const firstDelay = options.reconnectDelayMs ?? 1000;
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  let stream: AbortController | null = null;

  function deliver(event: string, data: string): void {
    const targets = listeners.get(event);
    if (!targets || targets.size === 0) return;
    let payload: unknown;
    try {
      payload = JSON.parse(data);
    } catch {
      payload = undefined; // fails the event's schema in the client, which reports it
    }
    for (const listener of [...targets]) {
      try {
        listener(payload);
      } catch (error) {
        // One faulty listener must not end the stream for the others.
        console.error(`A ${event} listener failed`, error);
      }
    }
  }

  async function runStream(controller: AbortController): Promise<void> {
    let delay = firstDelay;
    while (!controller.signal.aborted) {
      try {
        const response = await doFetch(`${baseUrl}${httpPaths.events}`, {
          headers: { accept: 'text/event-stream', ...options.headers },
          credentials: 'same-origin',
          signal: controller.signal,
        });
        if (response.ok && response.body) {
          delay = firstDelay;
          await readEventStream(response.body, deliver);
        } else {
          await response.body?.cancel();
        }
      } catch {
        // dropped or refused: retried below unless we were closed on purpose
      }
      if (controller.signal.aborted) return;
      await new Promise((resolve) => setTimeout(resolve, delay));
      delay = Math.min(delay * 2, 30_000);
    }
  }

  return {
    async call(method, input) {
      let response: Response;
      try {
        response = await doFetch(`${baseUrl}${httpPaths.rpc(method)}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', accept: 'application/json', ...options.headers },
          credentials: 'same-origin',
          body: JSON.stringify(input ?? {}),
        });
      } catch {
        throw new KithError('E_INTERNAL', 'Kith could not reach its local service. Is it still running?');
      }
      let body: unknown;
      try {
        body = await response.json();
      } catch {
        throw new KithError('E_INTERNAL', `Kith's local service answered ${response.status} without a readable reply.`);
      }
      return unwrapRpcReply(body);
    },
    subscribe(event, listener) {
      let targets = listeners.get(event);
      if (!targets) listeners.set(event, (targets = new Set()));
      // A wrapper, so the same function subscribed twice is delivered twice and unsubscribed once.
      const entry = (payload: unknown) => listener(payload);
      targets.add(entry);
      if (!stream) {
        stream = new AbortController();
        void runStream(stream);
      }
      return () => {
        targets.delete(entry);
        const anyLeft = [...listeners.values()].some((set) => set.size > 0);
        if (!anyLeft && stream) {
          stream.abort();
          stream = null;
        }
      };
    },
  };
}
