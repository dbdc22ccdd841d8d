import { describe, expect, it } from 'vitest';
import { useSandbox } from './testing/fixture';
import { facebookTokens, getJson, googleTokens } from './testing/consent';
import { startSandbox } from './server';
import { createSandboxAdmin } from './admin-client';

const sandbox = useSandbox();
const people = (base: string, token: string) => fetch(`${base}/google/people/v1/people/me/connections?personFields=names`, { headers: { Authorization: `Bearer ${token}` } });
const me = (base: string, token: string) => fetch(`${base}/facebook/graph/v23.0/me?access_token=${encodeURIComponent(token)}`);

describe('fault switches', () => {
  it('5xx: Google answers 503 UNAVAILABLE, Facebook 500 with a transient code', async () => {
    const g = await googleTokens(sandbox.url);
    const f = await facebookTokens(sandbox.url);
    await sandbox.admin.failNext('google', 'server-error');
    await sandbox.admin.failNext('facebook', 'server-error');
    const gRes = await people(sandbox.url, g.access_token);
    expect(gRes.status).toBe(503);
    expect(await gRes.json()).toMatchObject({ error: { code: 503, status: 'UNAVAILABLE' } });
    const fRes = await me(sandbox.url, f.access_token);
    expect(fRes.status).toBe(500);
    expect(await fRes.json()).toMatchObject({ error: { code: 2, is_transient: true } });
    // Only the next one failed.
    expect((await people(sandbox.url, g.access_token)).status).toBe(200);
    expect((await me(sandbox.url, f.access_token)).status).toBe(200);
  });

  it('Google rate limit: 429 RESOURCE_EXHAUSTED with Retry-After', async () => {
    const g = await googleTokens(sandbox.url);
    await sandbox.admin.setFaults('google', { retryAfterSeconds: 7 });
    await sandbox.admin.failNext('google', 'rate-limit', 2);
    for (let i = 0; i < 2; i += 1) {
      const res = await people(sandbox.url, g.access_token);
      expect(res.status).toBe(429);
      expect(res.headers.get('retry-after')).toBe('7');
      expect(await res.json()).toMatchObject({ error: { status: 'RESOURCE_EXHAUSTED', details: [{ reason: 'RATE_LIMIT_EXCEEDED' }] } });
    }
    expect((await people(sandbox.url, g.access_token)).status).toBe(200);
  });

  it.each([
    [4, 403],
    [17, 403],
    [32, 403],
    [613, 400],
  ] as const)('Facebook throttling code %i: HTTP %i (never 429) with a saturated X-App-Usage', async (code, status) => {
    const f = await facebookTokens(sandbox.url);
    await sandbox.admin.setFaults('facebook', { throttleCode: code });
    await sandbox.admin.failNext('facebook', 'rate-limit');
    const res = await me(sandbox.url, f.access_token);
    expect(res.status).toBe(status);
    expect(JSON.parse(res.headers.get('x-app-usage') ?? '{}')).toMatchObject({ call_count: 100 });
    expect(await res.json()).toMatchObject({ error: { code, is_transient: true } });
  });

  it('malformed bodies: 200 with JSON that does not parse', async () => {
    const g = await googleTokens(sandbox.url);
    const f = await facebookTokens(sandbox.url);
    await sandbox.admin.failNext('google', 'malformed');
    await sandbox.admin.failNext('facebook', 'malformed');
    const gRes = await people(sandbox.url, g.access_token);
    expect(gRes.status).toBe(200);
    expect(gRes.headers.get('content-type')).toContain('application/json');
    await expect(gRes.json()).rejects.toThrow();
    await expect((await me(sandbox.url, f.access_token)).json()).rejects.toThrow();
  });

  it('applies to the token endpoints too', async () => {
    await sandbox.admin.failNext('google', 'server-error');
    await expect(googleTokens(sandbox.url)).rejects.toThrow(/503/);
  });

  it('targets one provider: breaking Google leaves Facebook alone', async () => {
    const g = await googleTokens(sandbox.url);
    const f = await facebookTokens(sandbox.url);
    await sandbox.admin.setFaults('google', { serverErrorRate: 1 });
    expect((await people(sandbox.url, g.access_token)).status).toBe(503);
    expect((await me(sandbox.url, f.access_token)).status).toBe(200);
    await sandbox.admin.clearFaults('google');
    expect((await people(sandbox.url, g.access_token)).status).toBe(200);
  });

  it('does not touch consent pages, discovery, JWKS or avatars', async () => {
    await sandbox.admin.setFaults('google', { serverErrorRate: 1 });
    await sandbox.admin.setFaults('facebook', { serverErrorRate: 1 });
    expect((await fetch(`${sandbox.url}/google/.well-known/openid-configuration`)).status).toBe(200);
    expect((await fetch(`${sandbox.url}/google/oauth2/v3/certs`)).status).toBe(200);
    expect((await fetch(`${sandbox.url}/facebook/.well-known/oauth/openid/jwks/`)).status).toBe(200);
    expect((await fetch(`${sandbox.url}/avatars/10/AB.svg`)).status).toBe(200);
  });

  it('adds latency', async () => {
    const g = await googleTokens(sandbox.url);
    await sandbox.admin.setFaults('google', { latencyMs: 300 });
    const started = Date.now();
    expect((await people(sandbox.url, g.access_token)).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
  });

  it('draws rates from a seeded PRNG: about the configured share fails', async () => {
    const g = await googleTokens(sandbox.url);
    await sandbox.admin.setFaults('google', { rateLimitRate: 0.5 });
    let limited = 0;
    for (let i = 0; i < 60; i += 1) if ((await people(sandbox.url, g.access_token)).status === 429) limited += 1;
    expect(limited).toBeGreaterThan(15);
    expect(limited).toBeLessThan(45);
  });

  it('reports the current settings and resets to the startup ones', async () => {
    await sandbox.admin.setFaults('facebook', { latencyMs: 5, throttleCode: 613 });
    expect((await sandbox.admin.faults()).facebook).toMatchObject({ latencyMs: 5, throttleCode: 613 });
    await sandbox.admin.reset();
    expect((await sandbox.admin.faults()).facebook).toMatchObject({ latencyMs: 0, throttleCode: 4 });
  });

  it('rejects invalid settings', async () => {
    await expect(sandbox.admin.setFaults('google', { serverErrorRate: 2 })).rejects.toThrow(/400/);
  });
});

describe('faults given at startup (the CLI flags’ path)', () => {
  it('are active from the first request, per provider, until cleared', async () => {
    const running = await startSandbox({ faults: { facebook: { serverErrorRate: 1 } } });
    try {
      const admin = createSandboxAdmin(running.url);
      const g = await googleTokens(running.url);
      expect((await people(running.url, g.access_token)).status).toBe(200);
      const fb = await getJson(`${running.url}/facebook/graph/v23.0/me?access_token=x`);
      expect(fb.status).toBe(500);
      await admin.clearFaults();
      expect((await getJson(`${running.url}/facebook/graph/v23.0/me?access_token=x`)).status).toBe(400);
    } finally {
      await running.close();
    }
  });
});
