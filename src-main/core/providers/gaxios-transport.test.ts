import { describe, expect, it } from 'vitest';
import { adaptFetch, createGaxiosTransport } from './gaxios-transport';

describe('gaxios transport', () => {
  it('sends requests through the injected fetch with standard fields only', async () => {
    const seen: Array<{ url: unknown; init: RequestInit | undefined }> = [];
    const fetchImpl = (async (url: unknown, init?: RequestInit) => {
      seen.push({ url, init });
      return Response.json({ ok: true });
    }) as unknown as typeof fetch;
    const transport = await createGaxiosTransport(fetchImpl);
    const response = await transport.request({ url: 'http://127.0.0.1:1/token', method: 'POST', data: new URLSearchParams({ a: '1' }) });
    expect(response.data).toEqual({ ok: true });
    expect(seen).toHaveLength(1);
    expect(typeof seen[0]!.url).toBe('string');
    expect(Object.keys(seen[0]!.init!).sort()).toEqual(['body', 'headers', 'method', 'redirect', 'signal']);
    expect(seen[0]!.init!.method).toBe('POST');
  });

  it('never retries by itself: Kith retries with its own bounds', async () => {
    let calls = 0;
    const fetchImpl = (async () => {
      calls += 1;
      return new Response('unavailable', { status: 503 });
    }) as unknown as typeof fetch;
    const transport = await createGaxiosTransport(fetchImpl);
    const error = await transport.request({ url: 'http://127.0.0.1:1/x', method: 'GET', retry: true, retryConfig: { retry: 3, retryDelay: 1 } }).catch((e: unknown) => e);
    expect((error as { response?: { status: number } }).response?.status).toBe(503);
    expect(calls).toBe(1);
  });

  it('adapts URL objects to strings', async () => {
    let received: unknown;
    await adaptFetch((async (url: unknown) => {
      received = url;
      return new Response('');
    }) as unknown as typeof fetch)(new URL('http://127.0.0.1:1/a?b=c') as never);
    expect(received).toBe('http://127.0.0.1:1/a?b=c');
  });
});
