// The host shell's side of KithApi for a page opened in a browser: requests go to
// POST /api/rpc/<method>, events arrive over server-sent events from /api/events.
// Authentication is the HttpOnly session cookie set by /launch; this file never sees
// a token, and sends nothing but the cookie the browser attaches on its own.
// (http-transport.ts has a fetch-streaming twin for Node scripts; the page uses
// EventSource, which the browser reconnects on its own, and reports a 401 so the UI
// can say the session ended instead of failing call by call.)
import { KithError, KithErrorSchema } from './errors';
import type { KithTransport } from './client';

export interface HttpTransportOptions {
  /** Where the host server answers; the page's own origin unless told otherwise. */
  baseUrl?: string;
  /** Called once when the server says the session is gone (401). */
  onUnauthorized?: () => void;
  /** Called when the event stream (re)opens, so callers can refetch what they may have missed. */
  onEventsOpen?: () => void;
  fetch?: typeof fetch;
  EventSource?: typeof EventSource;
}

const UNAUTHORIZED_MESSAGE = 'This Kith window’s session ended. Reopen the launch link from `kith serve`.';
const RETRY_MS = 3000;
const UNREACHABLE_MESSAGE = 'Kith is not answering. Is `kith serve` still running?';

type Envelope = { ok: true; result: unknown } | { ok: false; error: unknown };

function isEnvelope(value: unknown): value is Envelope {
  return typeof value === 'object' && value !== null && 'ok' in value && typeof (value as { ok: unknown }).ok === 'boolean';
}

export function createHttpTransport(options: HttpTransportOptions = {}): KithTransport {
  const baseUrl = (options.baseUrl ?? '').replace(/\/$/, '');
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const EventSourceImpl = options.EventSource ?? globalThis.EventSource;
  let unauthorizedReported = false;

  const reportUnauthorized = () => {
    if (unauthorizedReported) return;
    unauthorizedReported = true;
    source?.close();
    source = null;
    options.onUnauthorized?.();
  };

  async function call(method: string, input: unknown): Promise<unknown> {
    let response: Response;
    try {
      response = await doFetch(`${baseUrl}/api/rpc/${encodeURIComponent(method)}`, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify(input ?? {}),
      });
    } catch {
      throw new KithError('E_INTERNAL', UNREACHABLE_MESSAGE);
    }
    if (response.status === 401) {
      reportUnauthorized();
      throw new KithError('E_UNAUTHORIZED', UNAUTHORIZED_MESSAGE);
    }
    let body: unknown;
    try {
      body = await response.json();
    } catch {
      throw new KithError('E_INTERNAL', `Kith answered ${response.status} without a readable body.`);
    }
    if (!isEnvelope(body)) throw new KithError('E_INTERNAL', 'Kith answered in an unexpected shape.');
    if (body.ok) return body.result;
    const error = KithErrorSchema.safeParse(body.error);
    if (!error.success) throw new KithError('E_INTERNAL', `Kith answered ${response.status} with an unreadable error.`);
    if (error.data.code === 'E_UNAUTHORIZED') reportUnauthorized();
    throw new KithError(error.data.code, error.data.message);
  }

  // One EventSource for every subscription, opened on the first and closed after the last.
  let source: EventSource | null = null;
  const listeners = new Map<string, Set<(payload: unknown) => void>>();

  const dispatch = (name: string) => (message: MessageEvent) => {
    let payload: unknown;
    try {
      payload = JSON.parse(String(message.data));
    } catch {
      return; // api-client validates payloads; one that is not even JSON cannot be shown.
    }
    for (const listener of listeners.get(name) ?? []) listener(payload);
  };
  const handlers = new Map<string, (message: MessageEvent) => void>();

  function ensureSource(): EventSource | null {
    if (source || unauthorizedReported || !EventSourceImpl) return source;
    const es = new EventSourceImpl(`${baseUrl}/api/events`, { withCredentials: true });
    es.onopen = () => options.onEventsOpen?.();
    es.onerror = () => {
      // EventSource hides the HTTP status. A closed stream means the server refused it
      // (e.g. 401); ask once through a normal request, which reports 401 properly, and
      // otherwise open a new stream a little later.
      if (es.readyState !== EventSourceImpl.CLOSED) return; // the browser is retrying on its own
      if (source === es) source = null;
      call('status.get', {}).then(reopenLater(0), reopenLater(RETRY_MS));
    };
    source = es;
    return es;
  }

  const reopenLater = (delayMs: number) => () => {
    setTimeout(() => {
      if (source || listeners.size === 0 || unauthorizedReported) return;
      const next = ensureSource();
      if (next) for (const [name, handler] of handlers) next.addEventListener(name, handler);
    }, delayMs);
  };

  function subscribe(event: string, listener: (payload: unknown) => void): () => void {
    let set = listeners.get(event);
    if (!set) {
      set = new Set();
      listeners.set(event, set);
      const handler = dispatch(event);
      handlers.set(event, handler);
      ensureSource()?.addEventListener(event, handler);
    } else {
      ensureSource();
    }
    set.add(listener);
    return () => {
      const current = listeners.get(event);
      if (!current) return;
      current.delete(listener);
      if (current.size === 0) {
        listeners.delete(event);
        const handler = handlers.get(event);
        handlers.delete(event);
        if (handler) source?.removeEventListener(event, handler);
      }
      if (listeners.size === 0) {
        source?.close();
        source = null;
      }
    };
  }

  return { call, subscribe };
}
