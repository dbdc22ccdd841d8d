import { describe, expect, it, vi } from 'vitest';
import { KithError } from './errors';
import { createKithClient } from './client';
import { createHttpTransport } from './browser-http-transport';

type Reply = { status: number; body: unknown } | Error;

function fakeFetch(replies: Reply[]) {
  const requests: { url: string; init: RequestInit | undefined }[] = [];
  const fetch = vi.fn(async (url: string | URL | Request, init?: RequestInit) => {
    requests.push({ url: String(url), init });
    const reply = replies.shift() ?? { status: 500, body: {} };
    if (reply instanceof Error) throw reply;
    return new Response(JSON.stringify(reply.body), { status: reply.status, headers: { 'content-type': 'application/json' } });
  });
  return { fetch: fetch as unknown as typeof globalThis.fetch, requests };
}

/** Just enough of EventSource: named listeners, readyState, and a way to push events. */
class FakeEventSource {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSED = 2;
  static instances: FakeEventSource[] = [];
  readyState = FakeEventSource.CONNECTING;
  onopen: (() => void) | null = null;
  onerror: (() => void) | null = null;
  private readonly listeners = new Map<string, Set<(event: MessageEvent) => void>>();
  constructor(
    readonly url: string,
    readonly init?: EventSourceInit,
  ) {
    FakeEventSource.instances.push(this);
  }
  addEventListener(name: string, listener: (event: MessageEvent) => void) {
    if (!this.listeners.has(name)) this.listeners.set(name, new Set());
    this.listeners.get(name)?.add(listener);
  }
  removeEventListener(name: string, listener: (event: MessageEvent) => void) {
    this.listeners.get(name)?.delete(listener);
  }
  close() {
    this.readyState = FakeEventSource.CLOSED;
  }
  push(name: string, data: string) {
    for (const listener of this.listeners.get(name) ?? []) listener(new MessageEvent(name, { data }));
  }
}

const account = {
  id: 'acc_abcdef',
  provider: 'google',
  displayName: 'Ada Lovelace',
  email: 'ada@example.com',
  avatarUrl: null,
  status: 'active',
  statusError: null,
  reconnectBy: null,
  scopes: [],
  connectedAt: 1,
  lastSyncedAt: null,
  lastSyncError: null,
  friendCount: 3,
  friendTotal: null,
};

describe('HTTP transport', () => {
  it('posts each call as JSON to /api/rpc/<method> with the session cookie', async () => {
    const { fetch, requests } = fakeFetch([{ status: 200, body: { ok: true, result: [account] } }]);
    const api = createKithClient(createHttpTransport({ fetch }));
    await expect(api.accounts.list()).resolves.toEqual([account]);
    expect(requests[0]?.url).toBe('/api/rpc/accounts.list');
    expect(requests[0]?.init?.method).toBe('POST');
    expect(requests[0]?.init?.credentials).toBe('same-origin');
    expect(requests[0]?.init?.body).toBe('{}');
  });

  it("rejects with the server's error code", async () => {
    const { fetch } = fakeFetch([{ status: 400, body: { ok: false, error: { code: 'E_CONSENT_DENIED', message: 'declined' } } }]);
    const api = createKithClient(createHttpTransport({ fetch }));
    await expect(api.accounts.connect({ provider: 'google' })).rejects.toMatchObject({ code: 'E_CONSENT_DENIED', message: 'declined' });
  });

  it('reports a 401 once, as the end of the session', async () => {
    const onUnauthorized = vi.fn();
    const { fetch } = fakeFetch([
      { status: 401, body: { ok: false, error: { code: 'E_UNAUTHORIZED', message: 'no session' } } },
      { status: 401, body: {} },
    ]);
    const api = createKithClient(createHttpTransport({ fetch, onUnauthorized }));
    await expect(api.status.get()).rejects.toMatchObject({ code: 'E_UNAUTHORIZED' });
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

  it('delivers named server-sent events through one EventSource and closes it after the last unsubscribe', () => {
    FakeEventSource.instances = [];
    const { fetch } = fakeFetch([]);
    const transport = createHttpTransport({ fetch, EventSource: FakeEventSource as unknown as typeof EventSource });
    const api = createKithClient(transport, { onInvalidEvent: () => undefined });
    const online: boolean[] = [];
    const offA = api.events.on('connectivity', (e) => online.push(e.online));
    const offB = api.events.on('revocationsChanged', () => undefined);
    expect(FakeEventSource.instances).toHaveLength(1);
    const source = FakeEventSource.instances[0];
    expect(source?.url).toBe('/api/events');
    source?.push('connectivity', '{"online":false}');
    source?.push('connectivity', '{"online":"nope"}'); // invalid: dropped by the client's schema check
    expect(online).toEqual([false]);
    offA();
    expect(source?.readyState).not.toBe(FakeEventSource.CLOSED);
    offB();
    expect(source?.readyState).toBe(FakeEventSource.CLOSED);
  });

  it('asks once more after the stream is refused, which reports a 401', async () => {
    FakeEventSource.instances = [];
    const onUnauthorized = vi.fn();
    const { fetch } = fakeFetch([{ status: 401, body: {} }]);
    const transport = createHttpTransport({ fetch, onUnauthorized, EventSource: FakeEventSource as unknown as typeof EventSource });
    transport.subscribe('connectivity', () => undefined);
    const source = FakeEventSource.instances[0];
    if (!source) throw new Error('no EventSource');
    source.readyState = FakeEventSource.CLOSED;
    source.onerror?.();
    await vi.waitFor(() => expect(onUnauthorized).toHaveBeenCalledTimes(1));
  });
});
