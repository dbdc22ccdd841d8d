import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { KithError } from '../../../src-contract/kith-api';
import { startLoopbackServer, type LoopbackServer } from './loopback-server';

const STATE = 'expected-state-0123456789abcdefghijklmnopqrstu';
const CODE = 'SECRET-CODE-4/0AbCdEf';
const open: LoopbackServer[] = [];

async function start(options: Partial<Parameters<typeof startLoopbackServer>[0]> = {}) {
  const server = await startLoopbackServer({ path: '/cb', expectedState: STATE, providerName: 'Google', ...options });
  open.push(server);
  return server;
}

function url(server: LoopbackServer, query: Record<string, string>, path = '/cb') {
  return `http://127.0.0.1:${server.port}${path}?${new URLSearchParams(query)}`;
}

async function get(target: string, init?: RequestInit) {
  const response = await fetch(target, init);
  return { status: response.status, headers: response.headers, text: await response.text() };
}

async function refusesConnections(port: number): Promise<boolean> {
  return fetch(`http://127.0.0.1:${port}/cb`).then(
    () => false,
    () => true,
  );
}

afterEach(async () => {
  await Promise.all(open.splice(0).map((server) => server.close({ ok: false, error: new KithError('E_LOGIN_CANCELLED', 'test over') })));
});

describe('loopback server', () => {
  it('listens on a free port of 127.0.0.1 and hands over the code of the expected redirect', async () => {
    const server = await start();
    expect(server.port).toBeGreaterThan(0);
    const page = get(url(server, { code: CODE, state: STATE, scope: 'email' }));
    await expect(server.redirect).resolves.toEqual({ code: CODE });
    await server.close({ ok: true });
    const answered = await page;
    expect(answered.status).toBe(200);
    expect(answered.text).toContain('Kith is connected');
    expect(answered.text).not.toContain(CODE);
    expect(answered.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(answered.headers.get('cache-control')).toBe('no-store');
    expect(await refusesConnections(server.port)).toBe(true);
  });

  it('turns away a wrong or missing state without giving up its one shot', async () => {
    const server = await start();
    const wrong = await get(url(server, { code: 'attacker-code', state: 'not-the-state' }));
    expect(wrong.status).toBe(400);
    expect(wrong.text).toContain('not the current one');
    const missing = await get(url(server, { code: 'attacker-code' }));
    expect(missing.status).toBe(400);
    const deniedForged = await get(url(server, { error: 'access_denied' }));
    expect(deniedForged.status).toBe(400);
    expect(server.rejectedStateCount).toBe(3);

    const genuine = get(url(server, { code: CODE, state: STATE }));
    await expect(server.redirect).resolves.toEqual({ code: CODE });
    await server.close({ ok: true });
    expect((await genuine).status).toBe(200);
  });

  it('accepts the redirect only once', async () => {
    const server = await start();
    const first = get(url(server, { code: CODE, state: STATE }));
    await server.redirect;
    const second = await get(url(server, { code: 'another', state: STATE }));
    expect(second.status).toBe(410);
    expect(second.text).toContain('no longer waiting');
    await server.close({ ok: true });
    await first;
  });

  it('reports a declined consent and shows a page saying so', async () => {
    const server = await start({ providerName: 'Facebook' });
    const page = await get(url(server, { error: 'access_denied', error_reason: 'user_denied', error_description: 'Permissions error', state: STATE }));
    expect(page.text).toContain('You declined');
    const error = await server.redirect.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KithError);
    expect((error as KithError).code).toBe('E_CONSENT_DENIED');
  });

  it('reports any other provider error without repeating untrusted text', async () => {
    const server = await start();
    const page = await get(url(server, { error: 'server_error', error_description: '<script>alert(1)</script>', state: STATE }));
    expect(page.text).toContain('server_error');
    expect(page.text).not.toContain('<script>alert');
    await expect(server.redirect).rejects.toMatchObject({ code: 'E_PROVIDER' });

    const other = await start();
    const odd = await get(url(other, { error: '<b>odd</b>', state: STATE }));
    expect(odd.text).not.toContain('<b>odd');
    await expect(other.redirect).rejects.toMatchObject({ code: 'E_PROVIDER' });
  });

  it('answers only GET on the callback path', async () => {
    const server = await start();
    expect((await get(url(server, { code: CODE, state: STATE }, '/favicon.ico'))).status).toBe(404);
    const post = await get(url(server, { code: CODE, state: STATE }), { method: 'POST' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET');
    // Neither consumed the one shot.
    const genuine = get(url(server, { code: CODE, state: STATE }));
    await expect(server.redirect).resolves.toEqual({ code: CODE });
    await server.close({ ok: true });
    await genuine;
  });

  it('tells the waiting tab why the login failed after the exchange', async () => {
    const server = await start();
    const page = get(url(server, { code: CODE, state: STATE }));
    await server.redirect;
    await server.close({ ok: false, error: new KithError('E_ID_TOKEN_INVALID', 'The id_token was not signed by Google.') });
    const answered = await page;
    expect(answered.text).toContain('could not finish');
    expect(answered.text).toContain('The id_token was not signed by Google.');
  });

  it('gives the tab a neutral page when the exchange takes too long', async () => {
    const server = await start({ holdMs: 30 });
    const page = await get(url(server, { code: CODE, state: STATE }));
    expect(page.text).toContain('received');
  });

  it('closes when cancelled before any redirect, and the port stops answering', async () => {
    const server = await start();
    await server.close({ ok: false, error: new KithError('E_LOGIN_CANCELLED', 'cancelled') });
    await server.close({ ok: true });
    expect(await refusesConnections(server.port)).toBe(true);
  });

  it('listens on the fixed port it is given, and says clearly when that port is taken', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const taken = (blocker.address() as { port: number }).port;
    try {
      const error = await startLoopbackServer({ path: '/cb', expectedState: STATE, providerName: 'Facebook', port: taken }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(KithError);
      expect((error as KithError).code).toBe('E_CONFIG');
      expect((error as KithError).message).toContain(String(taken));
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
    const server = await start({ port: taken });
    expect(server.port).toBe(taken);
  });
});
