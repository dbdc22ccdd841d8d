// The HTTP transport on its own, over a scripted fetch: what the page and a
// script see of replies, failures, a lost session and the event stream. The
// transport contract suite runs it against the real host server too
// (src-main/host/server/host-transport.test.ts).
import { describe, expect, it, vi } from 'vitest';
import { KithError } from './errors';
import { createKithClient } from './client';
import { createHttpTransport } from './http-transport';
import { sampleAccount } from './testing/stub-kith-api';

type Reply = { status: number; body: unknown } | Error;

/** An event stream the test writes to, as the server would. */
function eventStream() {
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  const body = new ReadableStream<Uint8Array>({ start: (c) => void (controller = c) });
  const encoder = new TextEncoder();
  return {
    response: () => new Response(body, { status: 200, headers: { 'content-type': 'text/event-stream' } }),
    write: (text: string) => controller.enqueue(encoder.encode(text)),
    end: () => controller.close(),
  };
}

function fakeFetch(replies: Reply[], streams: (() => Response)[] = []) {
  const requests: { url: string; init: RequestInit | undefined }[] = [];
  const fetch = vi.fn(async (url: string | URL | Request, init?: RequestInit) => {
    requests.push({ url: String(url), init });
    if (String(url).endsWith('/api/events')) {
      const next = streams.shift();
      if (!next) return new Promise<Response>(() => {}); // never answers: the test is over
      return next();
    }
    const reply = replies.shift() ?? { status: 500, body: {} };
    if (reply instanceof Error) throw reply;
    return new Response(JSON.stringify(reply.body), { status: reply.status, headers: { 'content-type': 'application/json' } });
  });
  return { fetch: fetch as unknown as typeof globalThis.fetch, requests, streamRequests: () => requests.filter((r) => r.url.endsWith('/api/events')) };
}

describe('HTTP transport: requests', () => {
  it('posts each call as JSON to /api/rpc/<method>, with the session cookie (same origin)', async () => {
    const { fetch, requests } = fakeFetch([{ status: 200, body: { ok: true, result: [sampleAccount] } }]);
    const api = createKithClient(createHttpTransport({ fetch }));
    await expect(api.accounts.list()).resolves.toEqual([sampleAccount]);
    expect(requests[0]?.url).toBe('/api/rpc/accounts.list');
    expect(requests[0]?.init?.method).toBe('POST');
    expect(requests[0]?.init?.credentials).toBe('same-origin');
    expect(requests[0]?.init?.body).toBe('{}');
  });

  it("sends a script's base URL and bearer header", async () => {
    const { fetch, requests } = fakeFetch([{ status: 200, body: { ok: true, result: [] } }]);
    const transport = createHttpTransport({ fetch, baseUrl: 'http://127.0.0.1:4610/', headers: { authorization: 'Bearer kith_p_x' } });
    await transport.call('sync.run', {});
    expect(requests[0]?.url).toBe('http://127.0.0.1:4610/api/rpc/sync.run');
    expect(new Headers(requests[0]?.init?.headers).get('authorization')).toBe('Bearer kith_p_x');
  });

  it("rejects with the server's error code", async () => {
    const { fetch } = fakeFetch([{ status: 400, body: { ok: false, error: { code: 'E_CONSENT_DENIED', message: 'declined' } } }]);
    const api = createKithClient(createHttpTransport({ fetch }));
    await expect(api.accounts.connect({ provider: 'google' })).rejects.toMatchObject({ code: 'E_CONSENT_DENIED', message: 'declined' });
  });

  it('refuses a body that is not a reply, or not JSON at all, with E_INTERNAL', async () => {
    const { fetch } = fakeFetch([
      { status: 200, body: { ok: 'yes' } },
      { status: 502, body: undefined },
    ]);
    const transport = createHttpTransport({ fetch });
    await expect(transport.call('status.get', {})).rejects.toMatchObject({ code: 'E_INTERNAL' });
    await expect(transport.call('status.get', {})).rejects.toMatchObject({ code: 'E_INTERNAL', message: expect.stringContaining('502') });
  });

  it('reports a 401 once, as the end of the session, and keeps rejecting with E_UNAUTHORIZED', async () => {
    const onUnauthorized = vi.fn();
    const { fetch } = fakeFetch([
      { status: 401, body: { ok: false, error: { code: 'E_UNAUTHORIZED', message: 'The access token has expired.' } } },
      { status: 401, body: {} },
    ]);
    const api = createKithClient(createHttpTransport({ fetch, onUnauthorized }));
    await expect(api.status.get()).rejects.toMatchObject({ code: 'E_UNAUTHORIZED', message: 'The access token has expired.' });
    await expect(api.accounts.list()).rejects.toMatchObject({ code: 'E_UNAUTHORIZED' });
    expect(onUnauthorized).toHaveBeenCalledTimes(1);
  });

  it('says Kith is not answering when the server cannot be reached', async () => {
    const { fetch } = fakeFetch([new TypeError('Failed to fetch')]);
    const transport = createHttpTransport({ fetch });
    const error = await transport.call('status.get', {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KithError);
    expect(error).toMatchObject({ code: 'E_INTERNAL', message: expect.stringContaining('kith serve') });
  });

  it('stops a call whose signal aborts, rejecting with the caller’s reason rather than a failure of Kith’s', async () => {
    let seen: AbortSignal | undefined;
    const fetch = vi.fn(
      (_url: string | URL | Request, init?: RequestInit) =>
        new Promise<Response>((_resolve, reject) => {
          seen = init?.signal ?? undefined;
          seen?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
        }),
    ) as unknown as typeof globalThis.fetch;
    const api = createKithClient(createHttpTransport({ fetch }));
    const controller = new AbortController();
    const call = api.friends.list({ search: 'ada' }, { signal: controller.signal });
    const reason = new Error('typed past');
    controller.abort(reason);
    await expect(call).rejects.toBe(reason);
    expect(seen?.aborted).toBe(true);
    // Already given up on: not even sent.
    await expect(api.friends.list({}, { signal: controller.signal })).rejects.toBe(reason);
    expect(fetch).toHaveBeenCalledTimes(1);
  });
});

describe('HTTP transport: events', () => {
  it('delivers named events from one stream, chunked anyhow, and closes it after the last unsubscribe', async () => {
    const stream = eventStream();
    const { fetch, streamRequests } = fakeFetch([], [stream.response]);
    const onEventsOpen = vi.fn();
    const api = createKithClient(createHttpTransport({ fetch, onEventsOpen }), { onInvalidEvent: () => undefined });
    const online: boolean[] = [];
    const offA = api.events.on('connectivity', (e) => online.push(e.online));
    const offB = api.events.on('revocationsChanged', () => undefined);
    await vi.waitFor(() => expect(onEventsOpen).toHaveBeenCalledTimes(1));
    expect(streamRequests()).toHaveLength(1);
    expect(streamRequests()[0]?.init?.credentials).toBe('same-origin');

    stream.write('retry: 2000\n: connected\n\nevent: conn');
    stream.write('ectivity\ndata: {"online"');
    stream.write(':false}\r\n\r\nevent: connectivity\ndata: {"online":"nope"}\n\n'); // the second is invalid: dropped by the client
    stream.write('event: connectivity\ndata: {"online":true}\n\n');
    await vi.waitFor(() => expect(online).toEqual([false, true]));

    offA();
    const signal = streamRequests()[0]?.init?.signal;
    expect(signal?.aborted).toBe(false);
    offB();
    expect(signal?.aborted).toBe(true);
  });

  it('reconnects after the stream drops, and says so, so the page can refetch', async () => {
    const first = eventStream();
    const second = eventStream();
    const { fetch, streamRequests } = fakeFetch([], [first.response, second.response]);
    const onEventsOpen = vi.fn();
    const transport = createHttpTransport({ fetch, onEventsOpen, reconnectDelayMs: 5 });
    const received: unknown[] = [];
    const off = transport.subscribe('connectivity', (payload) => received.push(payload));
    await vi.waitFor(() => expect(onEventsOpen).toHaveBeenCalledTimes(1));
    first.end();
    await vi.waitFor(() => expect(onEventsOpen).toHaveBeenCalledTimes(2));
    second.write('event: connectivity\ndata: {"online":true}\n\n');
    await vi.waitFor(() => expect(received).toEqual([{ online: true }]));
    expect(streamRequests()).toHaveLength(2);
    off();
  });

  it('stops the stream and reports once when it is refused with 401', async () => {
    const onUnauthorized = vi.fn();
    const refused = () => new Response('{}', { status: 401 });
    const { fetch, streamRequests } = fakeFetch([], [refused, refused]);
    const transport = createHttpTransport({ fetch, onUnauthorized, reconnectDelayMs: 1 });
    transport.subscribe('connectivity', () => undefined);
    await vi.waitFor(() => expect(onUnauthorized).toHaveBeenCalledTimes(1));
    await new Promise((resolve) => setTimeout(resolve, 20));
    transport.subscribe('syncProgress', () => undefined);
    expect(streamRequests()).toHaveLength(1);
  });
});
