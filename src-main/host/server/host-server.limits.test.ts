// The host server's limits over real HTTP: a client guessing bearer tokens or
// launch links is refused with 429 and a Retry-After that grows, before its
// guesses are even checked; a personal token that sends too much is slowed
// down without affecting another token.
import { afterEach, describe, expect, it } from 'vitest';
import { FailedAttemptLimiter, TokenRateLimiter, DEFAULT_LIMITS } from './rate-limits';
import { startTestServer, UNISSUED_TOKEN, type TestServer } from './testing/start-test-server';

let t: TestServer | undefined;
afterEach(async () => {
  await t?.server.close();
  t = undefined;
});

const bogus = UNISSUED_TOKEN;

function friends(token: string): Promise<Response> {
  return fetch(`${t!.server.url}/api/v1/friends?limit=5`, { headers: { authorization: `Bearer ${token}` } });
}

describe('failed attempts', () => {
  it('answers 429 with Retry-After once a client has failed too often, and refuses even a valid token then', async () => {
    t = await startTestServer({ limits: { freeFailures: 3, firstBlockMs: 5_000 } });
    const valid = await t.tokens.issuePersonal(['friends:read']);
    for (let i = 0; i < 3; i++) expect((await friends(bogus)).status).toBe(401);
    const fourth = await friends(bogus);
    expect(fourth.status).toBe(401);
    const refused = await friends(valid);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(4);
    expect(await refused.json()).toMatchObject({ ok: false, error: { code: 'E_RATE_LIMITED' } });
  });

  it('counts bad launch links too', async () => {
    t = await startTestServer({ limits: { freeFailures: 2, firstBlockMs: 5_000 } });
    const bad = `${t.server.url}/launch?token=${bogus}`;
    for (let i = 0; i < 3; i++) expect((await fetch(bad, { redirect: 'manual' })).status).toBe(401);
    const refused = await fetch(t.server.launchUrl, { redirect: 'manual' });
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('5');
  });

  it('makes each refusal past the free failures longer than the one before', () => {
    let now = 0;
    const limiter = new FailedAttemptLimiter({ ...DEFAULT_LIMITS, freeFailures: 2, firstBlockMs: 1_000 }, () => now);
    const waits: number[] = [];
    for (let i = 0; i < 6; i++) {
      limiter.failed('127.0.0.1');
      waits.push(limiter.waitMs('127.0.0.1'));
      now += limiter.waitMs('127.0.0.1');
    }
    expect(waits).toEqual([0, 0, 1_000, 2_000, 4_000, 8_000]);
    expect(limiter.waitMs('::1')).toBe(0);
  });
});

describe('per-token request rate', () => {
  it('slows a token that sends too much, with Retry-After, and leaves other tokens alone', async () => {
    t = await startTestServer({ limits: { tokenBurst: 5, tokenPerSecond: 1 } });
    const busy = await t.tokens.issuePersonal(['friends:read']);
    const calm = await t.tokens.issuePersonal(['friends:read']);
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await friends(busy)).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429]);
    const refused = await friends(busy);
    expect(refused.headers.get('retry-after')).toBe('1');
    expect((await friends(calm)).status).toBe(200);
  });

  it('refills the bucket over time', () => {
    let now = 0;
    const limiter = new TokenRateLimiter({ ...DEFAULT_LIMITS, tokenBurst: 2, tokenPerSecond: 4 }, () => now);
    expect([limiter.take('tok'), limiter.take('tok')]).toEqual([0, 0]);
    expect(limiter.take('tok')).toBe(250);
    now += 250;
    expect(limiter.take('tok')).toBe(0);
  });
});
