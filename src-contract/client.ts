// The renderer's side of every transport: builds `KithApi` by walking the
// contract (`kithMethods`, `kithEvents`), so there is no hand-written code per
// method, and checks everything that comes back against the schemas before the
// renderer sees it. Used by the Electron preload (over IPC), by the host
// shell's page (over HTTP) and by tests (in memory).
//
// Imported by the renderer too: no Node, no Electron in this file.
import { z } from 'zod';
import {
  KithError,
  KithErrorCodeSchema,
  KithErrorSchema,
  kithEvents,
  kithMethods,
  type KithApi,
  type KithErrorInfo,
  type KithEventName,
  type KithMethodName,
} from './kith-api';

/** Carries requests and events; knows nothing of the contract's payloads. */
export interface KithTransport {
  /** Sends one request; resolves with the raw, untrusted result, or rejects (ideally with a `{ code, message }`). */
  call(method: KithMethodName, input: unknown): Promise<unknown>;
  /** Delivers the raw, untrusted payloads of one event; returns the unsubscribe function. */
  subscribe(event: KithEventName, listener: (payload: unknown) => void): () => void;
}

export interface KithClientOptions {
  /** Told about an event payload that failed validation (and was dropped). Defaults to console.error without the payload. */
  onInvalidEvent?(event: KithEventName, error: KithError): void;
}

/** What every shell answers a request with, on the wire (HTTP body, IPC reply). */
export const RpcReplySchema = z.union([
  z.object({ ok: z.literal(true), result: z.unknown() }).strict(),
  z.object({ ok: z.literal(false), error: KithErrorSchema }).strict(),
]);
export type RpcReply = z.infer<typeof RpcReplySchema>;

const GENERIC_MESSAGE = 'Kith could not complete the request.';

/**
 * Turns whatever a KithApi call rejected with into a KithError: a KithError as is,
 * a `{ code, message }` (what crosses IPC, HTTP and Electron's contextBridge, which
 * drops an Error's own properties) rebuilt, anything else an E_INTERNAL with a
 * generic message (its text may not be safe to show).
 */
export function toKithError(reason: unknown): KithError {
  if (reason instanceof KithError) return reason;
  if (typeof reason === 'object' && reason !== null) {
    const code = KithErrorCodeSchema.safeParse((reason as { code?: unknown }).code);
    const message = (reason as { message?: unknown }).message;
    if (code.success && typeof message === 'string') return new KithError(code.data, message.slice(0, 2000));
  }
  return new KithError('E_INTERNAL', GENERIC_MESSAGE);
}

/** Unwraps a reply: the result, or a rejection with the reply's error. */
export function unwrapRpcReply(raw: unknown): unknown {
  const reply = RpcReplySchema.safeParse(raw);
  if (!reply.success) throw new KithError('E_INTERNAL', 'Kith answered with a reply it does not understand.');
  if (!reply.data.ok) throw new KithError(reply.data.error.code, reply.data.error.message);
  return reply.data.result;
}

/** Says where a payload broke the schema (paths and rules), never what it held. */
export function describeIssues(error: z.ZodError, limit = 5): string {
  const parts = error.issues.slice(0, limit).map((issue) => {
    const path = issue.path.map(String).join('.').slice(0, 100);
    return path ? `${path}: ${issue.message}` : issue.message;
  });
  const more = error.issues.length > limit ? ` (and ${error.issues.length - limit} more)` : '';
  return `${parts.join('; ')}${more}`.slice(0, 1000);
}

/** Refuses a name the contract has no method for, as every transport does (E_INVALID_INPUT, the name cut short). */
export function assertKithMethodName(method: unknown): asserts method is KithMethodName {
  if (typeof method !== 'string' || !Object.hasOwn(kithMethods, method)) {
    throw new KithError('E_INVALID_INPUT', `There is no method named "${String(method).slice(0, 60)}".`);
  }
}

/**
 * KithApi's method groups (`accounts.list` -> `{ accounts: { list } }`), one
 * function per `kithMethods` entry, each made by `build`; the caller adds `events`.
 * `contractIsComplete` in api.ts proves KithApi has exactly those functions.
 */
export function kithMethodGroups(build: (method: KithMethodName) => (input?: unknown) => Promise<unknown>): Omit<KithApi, 'events'> {
  const groups: Record<string, Record<string, (input?: unknown) => Promise<unknown>>> = {};
  for (const method of Object.keys(kithMethods) as KithMethodName[]) {
    const [group, name] = method.split('.') as [string, string];
    (groups[group] ??= {})[name] = build(method);
  }
  return groups as unknown as Omit<KithApi, 'events'>;
}

async function callMethod(transport: KithTransport, method: KithMethodName, input: unknown): Promise<unknown> {
  let raw: unknown;
  try {
    raw = await transport.call(method, input ?? {});
  } catch (reason) {
    throw toKithError(reason);
  }
  const output = kithMethods[method].output.safeParse(raw);
  if (!output.success) {
    throw new KithError('E_INTERNAL', `Kith answered ${method} with an invalid result (${describeIssues(output.error)}).`);
  }
  return output.data;
}

export function createKithClient(transport: KithTransport, options: KithClientOptions = {}): KithApi {
  const onInvalidEvent =
    options.onInvalidEvent ?? ((event: KithEventName, error: KithError) => console.error(`Dropped a ${event} event: ${error.message}`));

  const events: KithApi['events'] = {
    on(event, listener) {
      if (!Object.hasOwn(kithEvents, event)) throw new KithError('E_INVALID_INPUT', `There is no event named ${String(event).slice(0, 100)}.`);
      const schema = kithEvents[event];
      return transport.subscribe(event, (raw) => {
        const payload = schema.safeParse(raw);
        if (!payload.success) {
          onInvalidEvent(event, new KithError('E_INTERNAL', `invalid payload (${describeIssues(payload.error)})`));
          return;
        }
        listener(payload.data as Parameters<typeof listener>[0]);
      });
    },
  };

  return { ...kithMethodGroups((method) => (input) => callMethod(transport, method, input)), events };
}

/** A rejection as it crosses a wire: plain data, since an Error's own fields do not survive cloning. */
export function errorInfo(error: KithError): KithErrorInfo {
  return { code: error.code, message: error.message };
}

// ---------------------------------------------------------------------------
// Over HTTP, to the host shell (src-main/host/server): one POST per request,
// one server-sent-events stream shared by every subscription (browsers allow
// only six connections per host over HTTP/1.1, so one stream per event would
// starve the requests). Works in the page (same origin, session cookie) and in
// Node (tests, scripts) with an Authorization header.

export interface HttpTransportOptions {
  /** '' for the page's own origin; 'http://127.0.0.1:<port>' from Node. */
  baseUrl?: string;
  /** Extra headers, e.g. `{ authorization: 'Bearer kith_...' }` from a script. */
  headers?: Record<string, string>;
  fetch?: typeof globalThis.fetch;
  /** Delay before the event stream reconnects after it drops; doubles up to 30 s. */
  reconnectDelayMs?: number;
}

/** Parses a text/event-stream body (WHATWG HTML "server-sent events") chunk by chunk. */
export function createSseParser(onEvent: (event: string, data: string) => void): (chunk: string) => void {
  let buffer = '';
  let event = '';
  let data: string[] = [];
  return (chunk) => {
    buffer += chunk;
    const lines = buffer.split(/\r\n|\r|\n/);
    buffer = lines.pop() ?? '';
    for (const line of lines) {
      if (line === '') {
        if (data.length > 0) onEvent(event || 'message', data.join('\n'));
        event = '';
        data = [];
      } else if (!line.startsWith(':')) {
        const colon = line.indexOf(':');
        const field = colon === -1 ? line : line.slice(0, colon);
        const value = colon === -1 ? '' : line.slice(colon + 1).replace(/^ /, '');
        if (field === 'event') event = value;
        else if (field === 'data') data.push(value);
      }
    }
  };
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
        const response = await doFetch(`${baseUrl}/api/events`, {
          headers: { accept: 'text/event-stream', ...options.headers },
          credentials: 'same-origin',
          signal: controller.signal,
        });
        if (response.ok && response.body) {
          delay = firstDelay;
          const parse = createSseParser(deliver);
          const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
          for (;;) {
            const { done, value } = await reader.read();
            if (done) break;
            parse(value);
          }
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
        response = await doFetch(`${baseUrl}/api/rpc/${encodeURIComponent(method)}`, {
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
