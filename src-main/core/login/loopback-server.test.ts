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
  await Promise.all(
    open.splice(0).map(async (server) => {
      await server.close({ ok: false, error: new KithError('E_LOGIN_CANCELLED', 'test over') });
      await server.stop();
    }),
  );
});

/** Settles with 'pending' if the promise has not settled by then. */
function stillPending(promise: Promise<unknown>, ms = 50): Promise<unknown> {
  return Promise.race([promise.then(() => 'resolved', () => 'rejected'), new Promise((resolve) => setTimeout(() => resolve('pending'), ms))]);
}

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
    // The address keeps answering for a while, with Kith's page rather than a refused connection.
    const late = await get(url(server, { code: 'a-second-code', state: STATE }));
    expect(late.status).toBe(410);
    expect(late.text).toContain('This sign-in already finished');
    await server.stop();
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

  it('after a cancel, answers a late consent with Kith\'s page and hands over no code, then stops', async () => {
    const server = await start({ lingerMs: 300 });
    await server.close({ ok: false, error: new KithError('E_LOGIN_CANCELLED', 'cancelled') });
    await server.close({ ok: true });
    const late = await get(url(server, { code: CODE, state: STATE }));
    expect(late.status).toBe(410);
    expect(late.text).toContain('This sign-in was cancelled');
    expect(late.text).toContain('Return to Kith');
    expect(late.text).not.toContain(CODE);
    expect(await stillPending(server.redirect)).toBe('pending');
    // A stranger's answer (another state) is told only that this address is done.
    expect((await get(url(server, { code: CODE, state: 'not-the-state' }))).text).toContain('no longer waiting');
    expect(server.rejectedStateCount).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(await refusesConnections(server.port)).toBe(true);
  });

  it('says a timed-out sign-in timed out', async () => {
    const server = await start();
    await server.close({ ok: false, error: new KithError('E_LOGIN_TIMEOUT', 'too slow') });
    const late = await get(url(server, { code: CODE, state: STATE }));
    expect(late.text).toContain('This sign-in timed out');
    expect(await stillPending(server.redirect)).toBe('pending');
  });

  it('stops at once with lingerMs 0', async () => {
    const server = await start({ lingerMs: 0 });
    await server.close({ ok: false, error: new KithError('E_LOGIN_CANCELLED', 'cancelled') });
    expect(await refusesConnections(server.port)).toBe(true);
  });

  it('gives a fixed port to the next sign-in at once, even while the last one lingers', async () => {
    const first = await start();
    await first.close({ ok: false, error: new KithError('E_LOGIN_CANCELLED', 'cancelled') });
    const second = await start({ port: first.port, expectedState: 'second-state-0123456789abcdefghijklmnopqrstu' });
    expect(second.port).toBe(first.port);
    const genuine = get(`http://127.0.0.1:${second.port}/cb?code=${CODE}&state=second-state-0123456789abcdefghijklmnopqrstu`);
    await expect(second.redirect).resolves.toEqual({ code: CODE });
    await second.close({ ok: true });
    expect((await genuine).status).toBe(200);
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
