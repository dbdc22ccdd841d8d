// KithApi over HTTP to the host shell (src-main/host/server): one POST per
// request, one server-sent-events stream shared by every subscription
// (browsers allow only six connections per host over HTTP/1.1, so one stream
// per event would starve the requests). The same transport serves the page
// opened by `kith serve` (same origin; its HttpOnly session cookie rides
// along on its own, and this file never sees it) and Node scripts and tests
// (a base URL and an `Authorization: Bearer kith_p_...` header).
//
// Imported by the renderer too: web APIs only.
import type { KithTransport } from './client';
import { KithError, toKithError } from './errors';
import { readEventStream } from './sse-reader';
import { unwrapRpcReply, httpPaths } from './wire';

export interface HttpTransportOptions {
  /** '' (the default) for the page's own origin; 'http://127.0.0.1:<port>' from Node. */
  baseUrl?: string;
  /** Extra headers, e.g. `{ authorization: 'Bearer kith_p_...' }` from a script. */
  headers?: Record<string, string>;
  /** Called once when the server says the session or token is no longer good (401); the event stream then stops. */
  onUnauthorized?: () => void;
  /** Called each time the event stream (re)opens, so callers can refetch what they may have missed meanwhile. */
  onEventsOpen?: () => void;
  /** Delay before the event stream reconnects after it drops; doubles up to 30 s. Default 1 s. */
  reconnectDelayMs?: number;
  fetch?: typeof globalThis.fetch;
}

const UNREACHABLE_MESSAGE = 'Kith is not answering. Check that kith serve is still running in its terminal.';
const UNAUTHORIZED_MESSAGE = 'The session or access token is no longer accepted.';
const MAX_RECONNECT_DELAY_MS = 30_000;

/** Waits `ms`, or less when the signal aborts: a closed stream must not keep a script's process alive. */
function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}

export function createHttpTransport(options: HttpTransportOptions = {}): KithTransport {
  const baseUrl = (options.baseUrl ?? '').replace(/\/$/, '');
  const doFetch: typeof globalThis.fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const firstDelay = options.reconnectDelayMs ?? 1000;
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  let stream: AbortController | null = null;
  let unauthorized = false;

  function reportUnauthorized(): void {
    if (unauthorized) return;
    unauthorized = true;
    stream?.abort();
    stream = null;
    options.onUnauthorized?.();
  }

  const call: KithTransport['call'] = async (method, input, callOptions) => {
    const signal = callOptions?.signal;
    let response: Response;
    try {
      response = await doFetch(`${baseUrl}${httpPaths.rpc(method)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json', ...options.headers },
        credentials: 'same-origin',
        body: JSON.stringify(input ?? {}),
        ...(signal ? { signal } : {}),
      });
    } catch {
      if (signal?.aborted) throw signal.reason;
      throw new KithError('E_INTERNAL', UNREACHABLE_MESSAGE);
    }
    let body: unknown;
    let readable = true;
    try {
      body = await response.json();
    } catch {
      if (signal?.aborted) throw signal.reason;
      readable = false;
    }
    if (response.status === 401) {
      reportUnauthorized();
      // The server's own words when it gave them (expired, revoked...), else a plain E_UNAUTHORIZED.
      const given = readable ? toKithError(body && (body as { error?: unknown }).error) : null;
      throw given?.code === 'E_UNAUTHORIZED' ? given : new KithError('E_UNAUTHORIZED', UNAUTHORIZED_MESSAGE);
    }
    if (!readable) throw new KithError('E_INTERNAL', `Kith answered ${response.status} without a readable body.`);
    try {
      return unwrapRpcReply(body);
    } catch (error) {
      if (error instanceof KithError && error.code === 'E_UNAUTHORIZED') reportUnauthorized();
      throw error;
    }
  };

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
        if (response.status === 401) {
          await response.body?.cancel();
          reportUnauthorized();
          return;
        }
        if (response.ok && response.body) {
          delay = firstDelay;
          options.onEventsOpen?.();
          await readEventStream(response.body, deliver);
        } else {
          await response.body?.cancel();
        }
      } catch {
        // dropped or refused: retried below unless it was closed on purpose
      }
      if (controller.signal.aborted) return;
      await pause(delay, controller.signal);
      delay = Math.min(delay * 2, MAX_RECONNECT_DELAY_MS);
    }
  }

  return {
    call,
    subscribe(event, listener) {
      let targets = listeners.get(event);
      if (!targets) listeners.set(event, (targets = new Set()));
      // A wrapper, so the same function subscribed twice is delivered twice and unsubscribed once.
      const entry = (payload: unknown) => listener(payload);
      targets.add(entry);
      if (!stream && !unauthorized) {
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
