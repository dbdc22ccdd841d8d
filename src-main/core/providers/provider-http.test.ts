import { createServer } from 'node:http';
import { describe, expect, it } from 'vitest';
import { KithError } from '../../../src-contract/kith-api';
import { defaultRetryPolicy, fetchOrOffline, parseRetryAfter, readJson, TransientFailure, transientForStatus, withRetries } from './provider-http';

const what = { provider: 'Google', operation: 'test call' };

function policy(overrides = {}) {
  const sleeps: number[] = [];
  return { sleeps, policy: defaultRetryPolicy({ sleep: async (ms) => void sleeps.push(ms), random: () => 0.5, ...overrides }) };
}

const transient = (retryAfterMs: number | null = null) => new TransientFailure(new KithError('E_PROVIDER', 'Google is having trouble'), retryAfterMs);

describe('withRetries', () => {
  it('retries transient failures with exponential backoff and jitter, then succeeds', async () => {
    const { sleeps, policy: p } = policy();
    let calls = 0;
    const result = await withRetries(async () => {
      calls += 1;
      if (calls < 4) throw transient();
      return 'ok';
    }, p);
    expect(result).toBe('ok');
    expect(sleeps).toEqual([375, 750, 1500]);
  });

  it('jitters between half and all of the backoff', async () => {
    const low = policy({ random: () => 0 });
    const high = policy({ random: () => 0.999 });
    for (const { policy: p } of [low, high]) await withRetries(async (n) => (n < 3 ? Promise.reject(transient()) : 1), p);
    expect(low.sleeps).toEqual([250, 500]);
    expect(high.sleeps).toEqual([500, 1000]);
  });

  it('caps one backoff at maxDelayMs', async () => {
    const { sleeps, policy: p } = policy({ maxAttempts: 8, baseDelayMs: 1000, maxDelayMs: 3000, maxTotalWaitMs: 1e9, random: () => 0.999 });
    await withRetries(async (n) => (n < 6 ? Promise.reject(transient()) : 1), p);
    expect(Math.max(...sleeps)).toBeLessThanOrEqual(3000);
  });

  it('gives up after maxAttempts with the KithError of the last failure', async () => {
    const { sleeps, policy: p } = policy();
    let calls = 0;
    const error = await withRetries(async () => {
      calls += 1;
      throw transient();
    }, p).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KithError);
    expect(calls).toBe(4);
    expect(sleeps).toHaveLength(3);
  });

  it('honours Retry-After, and stops at once when it exceeds the waiting budget', async () => {
    const honoured = policy();
    await withRetries(async (n) => (n === 1 ? Promise.reject(transient(2000)) : 1), honoured.policy);
    expect(honoured.sleeps).toEqual([2000]);

    const tooLong = policy({ maxTotalWaitMs: 10_000 });
    let calls = 0;
    await expect(
      withRetries(async () => {
        calls += 1;
        throw transient(60_000);
      }, tooLong.policy),
    ).rejects.toBeInstanceOf(KithError);
    expect(calls).toBe(1);
    expect(tooLong.sleeps).toEqual([]);
  });

  it('bounds the total wait across retries', async () => {
    const { sleeps, policy: p } = policy({ maxAttempts: 10, maxTotalWaitMs: 5000 });
    await expect(withRetries(async () => Promise.reject(transient(2000)), p)).rejects.toBeInstanceOf(KithError);
    expect(sleeps).toEqual([2000, 2000]);
  });

  it('does not retry other errors', async () => {
    const { sleeps, policy: p } = policy();
    let calls = 0;
    await expect(
      withRetries(async () => {
        calls += 1;
        throw new KithError('E_GRANT_REVOKED', 'revoked');
      }, p),
    ).rejects.toMatchObject({ code: 'E_GRANT_REVOKED' });
    expect(calls).toBe(1);
    expect(sleeps).toEqual([]);
  });
});

describe('parseRetryAfter', () => {
  it('reads delta-seconds and HTTP-dates', () => {
    expect(parseRetryAfter('120')).toBe(120_000);
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:28:30 GMT', Date.parse('Wed, 21 Oct 2015 07:28:00 GMT'))).toBe(30_000);
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:28:00 GMT', Date.parse('Wed, 21 Oct 2015 08:00:00 GMT'))).toBe(0);
  });

  it('ignores what it cannot read', () => {
    expect(parseRetryAfter(null)).toBeNull();
    expect(parseRetryAfter('soon')).toBeNull();
    expect(parseRetryAfter('-5')).toBeNull();
  });
});

describe('transientForStatus', () => {
  it('treats 429 as rate limiting with its Retry-After, 5xx as trouble, and nothing else', () => {
    const limited = transientForStatus(429, new Headers({ 'retry-after': '7' }), what);
    expect(limited?.error.code).toBe('E_RATE_LIMITED');
    expect(limited?.retryAfterMs).toBe(7000);
    expect(limited?.error.message).toContain('7 s');
    expect(transientForStatus(503, new Headers(), what)?.error.code).toBe('E_PROVIDER');
    expect(transientForStatus(400, new Headers(), what)).toBeNull();
    expect(transientForStatus(401, new Headers(), what)).toBeNull();
  });
});

describe('fetchOrOffline and readJson', () => {
  it('turns a refused connection into E_OFFLINE without quoting the URL', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    await new Promise((resolve) => server.close(resolve));
    const error = (await fetchOrOffline(fetch, `http://127.0.0.1:${port}/revoke?token=ya29.secret`, {}, what).catch((e: unknown) => e)) as KithError;
    expect(error.code).toBe('E_OFFLINE');
    expect(error.message).not.toContain('ya29.secret');
  });

  it('turns no answer in time into E_OFFLINE', async () => {
    const server = createServer(() => {});
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    try {
      const error = (await fetchOrOffline(fetch, `http://127.0.0.1:${port}/`, {}, { ...what, timeoutMs: 50 }).catch((e: unknown) => e)) as KithError;
      expect(error.code).toBe('E_OFFLINE');
      expect(error.message).toContain('did not answer in time');
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('says clearly when a body is not JSON', async () => {
    await expect(readJson(new Response('{"access_token":"ya29.sec'), what)).rejects.toMatchObject({
      code: 'E_PROVIDER',
      message: expect.stringContaining('cannot read'),
    });
    const error = (await readJson(new Response('{"access_token":"ya29.sec'), what).catch((e: unknown) => e)) as KithError;
    expect(error.message).not.toContain('ya29');
    await expect(readJson(new Response('{"ok":true}'), what)).resolves.toEqual({ ok: true });
  });
});
