// The page's POST /api/rpc/<method> is answered ahead of the Hono app. Whatever
// the call, nobody must be able to tell: the same status, headers and bytes as
// the app gives (the app answers the same call when its method is spelled with
// an escape, `accounts%2Elist`, which the direct answer leaves to it), the same
// refusals, the same body limit and the same access-log entry.
import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { createDirectRpcCalls } from './direct-rpc-calls';
import { comparable, directRules, LEFT_FOR_APP, rawRequest, recordingAccessLog, startTestServer, UNISSUED_TOKEN, type RawResponse, type TestServer, withDirectOnly } from './testing/start-test-server';

let t: TestServer | undefined;
afterEach(async () => {
  await t?.server.close();
  t = undefined;
});

const bogus = UNISSUED_TOKEN;

async function launch(): Promise<string> {
  const response = await fetch(t!.server.launchUrl, { redirect: 'manual' });
  return (response.headers.get('set-cookie') ?? '').split(';')[0]!;
}

/** The same call twice: once as the direct answer takes it, once spelled so that only the app takes it. */
async function bothWays(method: string, headers: Record<string, string | string[]>, body: string | undefined) {
  const base = { host: `127.0.0.1:${t!.port}`, 'content-type': 'application/json' };
  const send = (path: string) => rawRequest(t!.port, { method: 'POST', path, headers: { ...base, ...headers }, ...(body === undefined ? {} : { body }) });
  const direct = await send(`/api/rpc/${method}`);
  const app = await send(`/api/rpc/${method.replace('.', '%2E')}`);
  return { direct: comparable(direct), app: comparable(app) };
}

describe('the direct RPC answer', () => {
  it('answers exactly as the app does: a result, no or a bad credential, a missing ability, bad JSON, bad input, an unknown method', async () => {
    t = await startTestServer({ maxBodyBytes: 1024 });
    const cookie = await launch();
    const script = await t.tokens.issuePersonal(['friends:read']);
    const ours = `http://127.0.0.1:${t.port}`;
    const cases: [string, string, Record<string, string | string[]>, string | undefined][] = [
      ['result', 'accounts.list', { cookie }, '{}'],
      ['empty body', 'accounts.list', { cookie }, undefined],
      ['same origin', 'friends.list', { cookie, origin: ours, 'sec-fetch-site': 'same-origin' }, '{"search":"ada","limit":5}'],
      ['a cookie among others', 'accounts.list', { cookie: `theme=dark; ${cookie}` }, '{}'],
      ['no credential', 'accounts.list', {}, '{}'],
      ['forged session', 'accounts.list', { cookie: 'kith_session=kith_forged' }, '{}'],
      ['unknown token', 'accounts.list', { authorization: `Bearer ${bogus}` }, '{}'],
      ['no app ability', 'accounts.list', { authorization: `Bearer ${script}` }, '{}'],
      ['bad JSON', 'accounts.list', { cookie }, '{"oops'],
      ['invalid input', 'friends.list', { cookie }, '{"limit":0}'],
      ['unknown method', 'vault.dump', { cookie }, '{}'],
      ['too large', 'friends.list', { cookie }, JSON.stringify({ search: 'x'.repeat(2000) })],
      ['foreign origin', 'accounts.list', { cookie, origin: 'http://evil.example' }, '{}'],
      ['wrong host', 'accounts.list', { cookie, host: 'evil.example' }, '{}'],
      ['form post', 'accounts.list', { cookie, 'content-type': 'text/plain' }, '{}'],
    ];
    for (const [name, method, headers, body] of cases) {
      const { direct, app } = await bothWays(method, headers, body);
      expect(direct, name).toEqual(app);
    }
    const { direct } = await bothWays('accounts.list', { cookie }, '{}');
    expect(direct.status).toBe(200);
    expect(direct.headers).toMatchObject({ 'content-type': 'application/json', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
    expect(JSON.parse(direct.body)).toMatchObject({ ok: true, result: [{ id: 'acc_alice01' }] });
  });

  it('refuses a streamed body past the limit without calling the core', async () => {
    t = await startTestServer({ maxBodyBytes: 1024 });
    const cookie = await launch();
    const response = await new Promise<RawResponse>((resolve, reject) => {
      // No Content-Length: the limit is counted as the body arrives.
      const req = request(
        { host: '127.0.0.1', port: t!.port, method: 'POST', path: '/api/rpc/friends.list', headers: { host: `127.0.0.1:${t!.port}`, 'content-type': 'application/json', cookie, 'transfer-encoding': 'chunked' } },
        (res) => {
          let body = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => (body += chunk));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
        },
      );
      req.on('error', reject);
      req.write(`{"search":"${'x'.repeat(800)}`);
      req.end(`${'x'.repeat(800)}"}`);
    });
    expect(response.status).toBe(413);
    expect(JSON.parse(response.body)).toMatchObject({ ok: false, error: { code: 'E_INVALID_INPUT' } });
    expect(t.api.calls).toEqual([]);
  });

  it('writes the access log entry the app writes for a personal token', async () => {
    const { accessLog, appended } = recordingAccessLog();
    t = await startTestServer({}, { accessLog });
    const script = await t.tokens.issuePersonal(['friends:read']);
    const { direct, app } = await bothWays('accounts.list', { authorization: `Bearer ${script}` }, '{}');
    await accessLog.flush();
    expect(appended.map((e) => [e.method, e.path, e.status, e.bytes])).toEqual([
      ['POST', '/api/rpc/accounts.list', 403, Number(direct.headers['content-length'])],
      ['POST', '/api/rpc/accounts%2Elist', 403, Number(app.headers['content-length'])],
    ]);
  });
});

describe('what the direct RPC answer takes', () => {
  it('takes a plainly spelled call the guards let through, and leaves every other request to the app untouched', async () => {
    const rules = directRules();
    const { tokens } = rules;
    const direct = createDirectRpcCalls({ ...rules, maxBodyBytes: 1024 });
    await withDirectOnly(direct, async (port) => {
      const { token } = await tokens.issue({ type: 'session', name: 'browser', abilities: ['app'] });
      const call = async (path: string, headers: Record<string, string> = {}, method = 'POST') =>
        (await rawRequest(port, { method, path, headers: { host: '127.0.0.1:1', 'content-type': 'application/json', cookie: `kith_session=${token}`, ...headers }, body: method === 'POST' ? '{}' : '' })).status;
      expect(await call('/api/rpc/accounts.list')).toBe(200);
      expect(await call('/api/rpc/accounts.list', { cookie: 'kith_session=kith_forged' })).toBe(401);
      for (const [path, headers, method] of [
        ['/api/rpc/accounts%2Elist', {}],
        ['/api/rpc/accounts.list?x=1', {}],
        ['/api/rpc/accounts.list/', {}],
        ['/api/rpc/accounts.list', {}, 'GET'],
        ['/api/rpc/accounts.list', { host: 'evil.example' }],
        ['/api/rpc/accounts.list', { origin: 'http://evil.example' }],
        ['/api/rpc/accounts.list', { 'sec-fetch-site': 'cross-site' }],
        ['/api/rpc/accounts.list', { 'content-type': 'text/plain' }],
      ] as [string, Record<string, string>, string?][]) {
        expect(await call(path, headers, method), `${method ?? 'POST'} ${path} ${JSON.stringify(headers)}`).toBe(LEFT_FOR_APP);
      }
    });
  });
});
