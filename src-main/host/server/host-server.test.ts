// The host server over real HTTP on 127.0.0.1, with a fake core: how a
// browser gets in (the launch link), who is refused and why, and what every
// response carries.
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { KithError } from '../../../src-contract/kith-api';
import { rawRequest, startTestServer, type TestServer } from './testing/start-test-server';

let t: TestServer;

afterEach(async () => {
  // Whatever a test did, no token value may have reached a log line.
  for (const token of t.tokens.issued) expect(t.logLines.join('\n')).not.toContain(token);
  await t.server.close();
});

async function launch(): Promise<string> {
  const response = await fetch(t.server.launchUrl, { redirect: 'manual' });
  expect(response.status).toBe(303);
  const cookie = response.headers.get('set-cookie') ?? '';
  return cookie.split(';')[0]!;
}

function rpc(method: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${t.server.url}/api/rpc/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}

describe('the launch link', () => {
  beforeEach(async () => {
    t = await startTestServer();
  });

  it('is printed for 127.0.0.1 and trades its token for an HttpOnly, SameSite=Strict session cookie', async () => {
    expect(t.server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(t.server.launchUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/launch\?token=kith_/);

    const response = await fetch(t.server.launchUrl, { redirect: 'manual' });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/');
    expect(response.headers.get('cache-control')).toBe('no-store');
    const cookie = response.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^kith_session=kith_[A-Za-z0-9_-]+;/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    expect(cookie).toMatch(/Path=\//);
    expect(cookie).not.toMatch(/Secure/i);
    // The session is not the launch token: the address bar's token is spent.
    expect(cookie).not.toContain(new URL(t.server.launchUrl).searchParams.get('token'));

    const answer = await rpc('accounts.list', {}, { cookie: cookie.split(';')[0]! });
    expect(answer.status).toBe(200);
    expect(await answer.json()).toMatchObject({ ok: true, result: [{ id: 'acc_alice01' }] });
  });

  it('refuses a port that is taken with a clear E_CONFIG', async () => {
    await expect(startTestServer({ port: t.port })).rejects.toMatchObject({ code: 'E_CONFIG', message: expect.stringContaining(`Port ${t.port}`) });
  });

  it('works once', async () => {
    const cookie = await launch();
    const again = await fetch(t.server.launchUrl, { redirect: 'manual' });
    expect(again.status).toBe(401);
    expect(again.headers.get('set-cookie')).toBeNull();
    const page = await again.text();
    expect(page).toContain('already been used or has expired');
    // It says how to get a new link, with the command to type.
    expect(page).toContain('<code>npx kith serve --open</code>');
    // Styled like the app by its one inline style, which its own policy allows by hash and nothing else.
    expect(page).toMatch(/<style>[^<]*--bg:/);
    expect(again.headers.get('content-security-policy')).toMatch(/^default-src 'none'; style-src 'sha256-[A-Za-z0-9+/=]+'/);
    // ...except in the browser that used it, which is simply shown the app again.
    const signedIn = await fetch(t.server.launchUrl, { redirect: 'manual', headers: { cookie } });
    expect(signedIn.status).toBe(303);
    expect(signedIn.headers.get('set-cookie')).toBeNull();
  });

  it('is not spent by a HEAD or a prefetch', async () => {
    expect((await fetch(t.server.launchUrl, { method: 'HEAD', redirect: 'manual' })).status).toBe(405);
    expect((await fetch(t.server.launchUrl, { redirect: 'manual', headers: { 'sec-purpose': 'prefetch' } })).status).toBe(405);
    expect((await fetch(t.server.launchUrl, { redirect: 'manual' })).status).toBe(303);
  });

  it('expires', async () => {
    t.tokens.advance(6 * 60_000);
    const response = await fetch(t.server.launchUrl, { redirect: 'manual' });
    expect(response.status).toBe(401);
  });

  it('can be minted afresh, and a personal token cannot stand in for one', async () => {
    await launch();
    const fresh = await fetch(await t.server.createLaunchUrl(), { redirect: 'manual' });
    expect(fresh.status).toBe(303);
    const personal = await fetch(`${t.server.url}/launch?token=${await t.tokens.issuePersonal(['app'])}`, { redirect: 'manual' });
    expect(personal.status).toBe(401);
    expect((await fetch(`${t.server.url}/launch`, { redirect: 'manual' })).status).toBe(401);
  });

  it('leads to a session that expires', async () => {
    const cookie = await launch();
    t.tokens.advance(13 * 60 * 60_000);
    const response = await rpc('accounts.list', {}, { cookie });
    expect(response.status).toBe(401);
  });
});

describe('authentication', () => {
  beforeEach(async () => {
    t = await startTestServer();
  });

  it('answers 401 with a JSON error when no credential is sent', async () => {
    const response = await rpc('accounts.list', {});
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Bearer realm="kith"');
    expect(await response.json()).toEqual({ ok: false, error: { code: 'E_UNAUTHORIZED', message: expect.stringContaining('launch link') } });
    expect((await fetch(`${t.server.url}/api/v1/accounts`)).status).toBe(401);
    expect((await fetch(`${t.server.url}/api/events`)).status).toBe(401);
    expect(t.api.calls).toEqual([]);
  });

  it('answers 401 to an unknown, malformed or expired token, and to a forged cookie', async () => {
    for (const authorization of ['Bearer kith_notarealtoken', 'Basic dXNlcjpwYXNz', 'Bearer', 'Bearer a b']) {
      expect((await fetch(`${t.server.url}/api/v1/accounts`, { headers: { authorization } })).status).toBe(401);
    }
    const expiring = await t.tokens.issuePersonal(['accounts:read'], 1000);
    t.tokens.advance(2000);
    expect((await fetch(`${t.server.url}/api/v1/accounts`, { headers: { authorization: `Bearer ${expiring}` } })).status).toBe(401);
    expect((await rpc('accounts.list', {}, { cookie: 'kith_session=kith_forged' })).status).toBe(401);
  });

  it('does not take a personal token as a session cookie', async () => {
    const personal = await t.tokens.issuePersonal(['app']);
    expect((await rpc('accounts.list', {}, { cookie: `kith_session=${personal}` })).status).toBe(401);
  });

  it('answers 403 to a valid token that lacks the ability', async () => {
    const friendsOnly = await t.tokens.issuePersonal(['friends:read']);
    const accounts = await fetch(`${t.server.url}/api/v1/accounts`, { headers: { authorization: `Bearer ${friendsOnly}` } });
    expect(accounts.status).toBe(403);
    expect(await accounts.json()).toMatchObject({ ok: false, error: { code: 'E_FORBIDDEN' } });
    // The page's API needs `app`; a script's read-only token cannot drive it.
    expect((await rpc('accounts.disconnect', { accountId: 'acc_alice01' }, { authorization: `Bearer ${friendsOnly}` })).status).toBe(403);
    expect(t.api.calls).toEqual([]);
  });
});

describe('cross-site and DNS-rebinding defences', () => {
  let cookie: string;
  beforeEach(async () => {
    t = await startTestServer();
    cookie = await launch();
  });

  it('answers 403 to a Host that is not 127.0.0.1 or localhost on its port', async () => {
    for (const host of ['evil.example', `evil.example:${t.port}`, `127.0.0.1:${t.port + 1}`, '127.0.0.1']) {
      const response = await rawRequest(t.port, { path: '/api/v1/accounts', headers: { host, cookie } });
      expect(response.status, host).toBe(403);
      expect(JSON.parse(response.body)).toMatchObject({ ok: false, error: { code: 'E_FORBIDDEN' } });
    }
    expect((await rawRequest(t.port, { path: '/launch?token=x', headers: { host: 'evil.example' } })).status).toBe(403);
    expect((await rawRequest(t.port, { path: '/api/v1/accounts', headers: { host: `localhost:${t.port}`, cookie } })).status).toBe(200);
  });

  it('answers 403 to a foreign Origin or a cross-site fetch', async () => {
    for (const headers of <Record<string, string>[]>[
      { origin: 'http://evil.example' },
      { origin: `http://127.0.0.1:${t.port + 1}` },
      { origin: 'null' },
      { 'sec-fetch-site': 'cross-site' },
      { 'sec-fetch-site': 'same-site' },
    ]) {
      const response = await rpc('accounts.disconnect', { accountId: 'acc_alice01' }, { cookie, ...headers });
      expect(response.status, JSON.stringify(headers)).toBe(403);
    }
    expect((await fetch(`${t.server.url}/api/events`, { headers: { cookie, origin: 'http://evil.example' } })).status).toBe(403);
    expect(t.api.calls).toEqual([]);

    const own = await rpc('accounts.list', {}, { cookie, origin: t.server.url, 'sec-fetch-site': 'same-origin' });
    expect(own.status).toBe(200);
  });

  it('refuses a POST that is not application/json (what an HTML form would send)', async () => {
    for (const contentType of [undefined, 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
      const headers: Record<string, string> = { cookie };
      if (contentType) headers['content-type'] = contentType;
      const response = await rawRequest(t.port, { method: 'POST', path: '/api/rpc/accounts.list', headers: { host: `127.0.0.1:${t.port}`, ...headers }, body: '{}' });
      expect(response.status, contentType).toBe(415);
    }
    expect(t.api.calls).toEqual([]);
  });
});

describe('the RPC endpoint', () => {
  let cookie: string;
  beforeEach(async () => {
    t = await startTestServer({ maxBodyBytes: 1024 });
    cookie = await launch();
  });

  it('answers a valid call with { ok: true, result } and no-store', async () => {
    const response = await rpc('accounts.disconnect', { accountId: 'acc_alice01' }, { cookie });
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.json()).toEqual({ ok: true, result: { accountId: 'acc_alice01', revocation: 'revoked' } });
  });

  it('answers an invalid input, an unknown method, bad JSON and an oversized body with 4xx E_INVALID_INPUT', async () => {
    const invalid = await rpc('friends.list', { limit: 0 }, { cookie });
    expect(invalid.status).toBe(400);
    expect(await invalid.json()).toMatchObject({ ok: false, error: { code: 'E_INVALID_INPUT', message: expect.stringContaining('limit') } });

    const unknown = await rpc('vault.dump', {}, { cookie });
    expect(unknown.status).toBe(400);
    expect(await unknown.json()).toMatchObject({ ok: false, error: { code: 'E_INVALID_INPUT' } });

    const malformed = await fetch(`${t.server.url}/api/rpc/accounts.list`, { method: 'POST', headers: { cookie, 'content-type': 'application/json' }, body: '{"oops' });
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toMatchObject({ ok: false, error: { code: 'E_INVALID_INPUT', message: 'The request body is not valid JSON.' } });

    const huge = await rpc('friends.list', { search: 'x'.repeat(5000) }, { cookie });
    expect(huge.status).toBe(413);
    expect(t.api.calls).toEqual([]);
  });

  it("answers a core failure with the code's status and its message", async () => {
    t.api.answer('accounts.disconnect', () => {
      throw new KithError('E_UNKNOWN_ACCOUNT', 'There is no such account.');
    });
    const response = await rpc('accounts.disconnect', { accountId: 'acc_nobody1' }, { cookie });
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ ok: false, error: { code: 'E_UNKNOWN_ACCOUNT', message: 'There is no such account.' } });
  });

  it('answers 404 JSON for an unknown API path', async () => {
    const response = await fetch(`${t.server.url}/api/nothing-here`, { headers: { cookie } });
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ ok: false });
  });
});

describe('the REST endpoints for scripts', () => {
  beforeEach(async () => {
    t = await startTestServer();
  });

  it('lists accounts and friends with personal tokens holding those abilities', async () => {
    const token = await t.tokens.issuePersonal(['accounts:read', 'friends:read']);
    const headers = { authorization: `Bearer ${token}` };

    const accounts = await fetch(`${t.server.url}/api/v1/accounts`, { headers });
    expect(accounts.status).toBe(200);
    expect(await accounts.json()).toMatchObject([{ id: 'acc_alice01', provider: 'google' }]);

    const friends = await fetch(`${t.server.url}/api/v1/friends?accountId=acc_alice01&search=bo&offset=0&limit=10`, { headers });
    expect(friends.status).toBe(200);
    expect(await friends.json()).toMatchObject({ items: [{ name: 'Bob' }], total: 1 });
    expect(t.api.calls.at(-1)).toEqual({ method: 'friends.list', input: { accountId: 'acc_alice01', search: 'bo', sort: 'first_name', view: 'people', offset: 0, limit: 10 } });
  });

  it('refuses a malformed query with 400', async () => {
    const headers = { authorization: `Bearer ${await t.tokens.issuePersonal(['friends:read'])}` };
    for (const query of ['limit=lots', 'limit=100000', 'accountId=../../etc', 'token=x']) {
      const response = await fetch(`${t.server.url}/api/v1/friends?${query}`, { headers });
      expect(response.status, query).toBe(400);
    }
  });
});

describe('the event stream', () => {
  beforeEach(async () => {
    t = await startTestServer({ heartbeatMs: 50 });
  });

  async function openStream(headers: Record<string, string>) {
    const controller = new AbortController();
    const response = await fetch(`${t.server.url}/api/events`, { headers, signal: controller.signal });
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    let text = '';
    const readUntil = async (needle: string) => {
      while (!text.includes(needle)) {
        const { done, value } = await reader.read();
        if (done) return false;
        text += value;
      }
      return true;
    };
    return { response, readUntil, text: () => text, abort: () => controller.abort() };
  }

  it('sends each event as `event: <name>` with JSON data, and heartbeats', async () => {
    const cookie = await launch();
    const stream = await openStream({ cookie });
    expect(stream.response.headers.get('content-type')).toContain('text/event-stream');
    await vi.waitFor(() => expect(t.api.listenerCount('connectivity')).toBe(1));

    t.api.emit('connectivity', { online: false });
    expect(await stream.readUntil('event: connectivity\ndata: {"online":false}\n\n')).toBe(true);
    expect(await stream.readUntil(': heartbeat')).toBe(true);
    stream.abort();
  });

  it('withholds an event whose payload breaks the contract', async () => {
    const stream = await openStream({ authorization: `Bearer ${await t.tokens.issuePersonal(['app'])}` });
    await vi.waitFor(() => expect(t.api.listenerCount('connectivity')).toBe(1));
    t.api.emit('connectivity', { online: true, accessToken: 'ya29.never' });
    t.api.emit('connectivity', { online: true });
    expect(await stream.readUntil('data: {"online":true}')).toBe(true);
    expect(stream.text()).not.toContain('ya29');
    stream.abort();
  });

  it('unsubscribes from the core when the page goes away', async () => {
    const stream = await openStream({ authorization: `Bearer ${await t.tokens.issuePersonal(['app'])}` });
    await vi.waitFor(() => expect(t.api.listenerCount('loginEnded')).toBe(1));
    stream.abort();
    await vi.waitFor(() => expect(t.api.listenerCount('loginEnded')).toBe(0));
  });

  it('ends when the session expires', async () => {
    const cookie = await launch();
    const stream = await openStream({ cookie });
    await vi.waitFor(() => expect(t.api.listenerCount('syncProgress')).toBe(1));
    t.tokens.advance(13 * 60 * 60_000);
    await vi.waitFor(() => expect(t.api.listenerCount('syncProgress')).toBe(0));
    expect(await stream.readUntil('never')).toBe(false);
  });

  it('is ended by close(), which does not hang on it', async () => {
    const stream = await openStream({ authorization: `Bearer ${await t.tokens.issuePersonal(['app'])}` });
    await vi.waitFor(() => expect(t.api.listenerCount('accountsChanged')).toBe(1));
    await t.server.close();
    expect(t.api.listenerCount('accountsChanged')).toBe(0);
    expect(await stream.readUntil('never').catch(() => false)).toBe(false);
    t = { ...t, server: { ...t.server, close: async () => {} } };
  });
});

describe('the renderer and the headers on every response', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kith-renderer-'));
    await mkdir(join(dir, 'assets'));
    await writeFile(join(dir, 'index.html'), '<!doctype html><title>Kith</title><div id="root"></div>');
    await writeFile(join(dir, 'assets', 'index-abc123.js'), 'console.log("kith")');
    await writeFile(join(dir, '..', 'kith-secret-outside.txt'), 'outside').catch(() => {});
    t = await startTestServer({ rendererDir: dir, imageOrigins: ['http://127.0.0.1:4545'] });
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('serves index.html with a strict CSP, and the same page for client routes', async () => {
    const page = await fetch(`${t.server.url}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(await page.text()).toContain('<div id="root">');
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toMatch(/img-src 'self' data: .*http:\/\/127\.0\.0\.1:4545/);
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');

    const route = await fetch(`${t.server.url}/settings/accounts`);
    expect(route.status).toBe(200);
    expect(await route.text()).toContain('<div id="root">');
  });

  it('serves assets with their type, and 404 for a missing file', async () => {
    const script = await fetch(`${t.server.url}/assets/index-abc123.js`);
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toContain('text/javascript');
    expect(script.headers.get('cache-control')).toContain('immutable');
    expect((await fetch(`${t.server.url}/assets/missing.js`)).status).toBe(404);
  });

  it('never serves a file outside the renderer folder', async () => {
    for (const path of ['/../kith-secret-outside.txt', '/%2e%2e/kith-secret-outside.txt', '/assets/..%2f..%2fkith-secret-outside.txt', '/%2e%2e%5ckith-secret-outside.txt']) {
      const response = await rawRequest(t.port, { path, headers: { host: `127.0.0.1:${t.port}` } });
      expect(response.body, path).not.toContain('outside');
    }
  });

  it('says to build the renderer when it is missing', async () => {
    await rm(dir, { recursive: true, force: true });
    const page = await fetch(`${t.server.url}/`);
    expect(page.status).toBe(503);
    expect(await page.text()).toContain('npm run build:renderer');
  });
});
