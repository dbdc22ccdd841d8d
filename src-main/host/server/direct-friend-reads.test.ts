// A script's GET /api/v1/friends is answered ahead of the Hono app. Whatever
// the request, a person must not be able to tell: the same status, headers and
// bytes as the app gives (the app answers the same query when it is spelled
// with an escape, `limi%74=5`, which the direct read leaves to it), the same
// refusals, and the same access-log entry.
import { afterEach, describe, expect, it } from 'vitest';
import { createJsonBytes } from './api-routes';
import { createDirectFriendReads } from './direct-friend-reads';
import { comparable, directRules, LEFT_FOR_APP, rawRequest, recordingAccessLog, startTestServer, UNISSUED_TOKEN, type TestServer, withDirectOnly } from './testing/start-test-server';

let t: TestServer | undefined;
afterEach(async () => {
  await t?.server.close();
  t = undefined;
});

const bogus = UNISSUED_TOKEN;

/** The same request twice: once as the direct read takes it, once spelled so that only the app takes it. */
async function bothWays(headers: Record<string, string | string[]>, query = 'limit=5') {
  const host = `127.0.0.1:${t!.port}`;
  const direct = await rawRequest(t!.port, { path: `/api/v1/friends?${query}`, headers: { host, ...headers } });
  const escaped = query.replace('limit', 'limi%74');
  const app = await rawRequest(t!.port, { path: `/api/v1/friends?${escaped}`, headers: { host, ...headers } });
  return { direct: comparable(direct), app: comparable(app) };
}

describe('the direct friends read', () => {
  it('answers exactly as the app does: a page, a bad token, a missing ability, a foreign origin, a wrong Host, bad input', async () => {
    t = await startTestServer();
    const reader = await t.tokens.issuePersonal(['friends:read']);
    const other = await t.tokens.issuePersonal(['accounts:read']);
    const ours = `http://127.0.0.1:${t.port}`;
    const cases: [string, Record<string, string | string[]>, string?][] = [
      ['page', { authorization: `Bearer ${reader}` }],
      ['unknown token', { authorization: `Bearer ${bogus}` }],
      ['malformed', { authorization: 'Bearer not a token' }],
      ['no ability', { authorization: `Bearer ${other}` }],
      ['foreign origin', { authorization: `Bearer ${reader}`, origin: 'http://evil.example' }],
      ['cross-site', { authorization: `Bearer ${reader}`, 'sec-fetch-site': 'same-site' }],
      ['wrong host', { authorization: `Bearer ${reader}`, host: 'evil.example' }],
      ['bad limit', { authorization: `Bearer ${reader}` }, 'limit=100000'],
      // A repeated field is read joined, as a Fetch Headers reads it, never only its first value.
      ['two origins', { authorization: `Bearer ${reader}`, origin: [ours, 'http://evil.example'] }],
      ['two tokens', { authorization: [`Bearer ${reader}`, `Bearer ${other}`] }],
      ['two fetch sites', { authorization: `Bearer ${reader}`, 'Sec-Fetch-Site': ['same-origin', 'cross-site'] }],
      ['our origin, any case', { AUTHORIZATION: `Bearer ${reader}`, Origin: ours }],
    ];
    for (const [name, headers, query] of cases) {
      const { direct, app } = await bothWays(headers, query);
      expect(direct, name).toEqual(app);
    }
    const page = await bothWays({ authorization: `Bearer ${reader}` });
    expect(page.direct.status).toBe(200);
    expect(page.direct.headers).toMatchObject({ 'content-type': 'application/json', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
    expect(JSON.parse(page.direct.body)).toMatchObject({ total: 1 });
  });

  it('counts failures and draws from the token bucket for both ways in alike', async () => {
    t = await startTestServer({ limits: { freeFailures: 1, firstBlockMs: 5_000, tokenBurst: 2, tokenPerSecond: 1 } });
    const reader = await t.tokens.issuePersonal(['friends:read']);
    const host = `127.0.0.1:${t.port}`;
    const get = (path: string, token: string) => rawRequest(t!.port, { path, headers: { host, authorization: `Bearer ${token}` } });
    expect((await get('/api/v1/friends?limit=5', reader)).status).toBe(200);
    expect((await get('/api/v1/friends?limi%74=5', reader)).status).toBe(200);
    const overRate = await get('/api/v1/friends?limit=5', reader);
    expect([overRate.status, overRate.headers['retry-after']]).toEqual([429, '1']);

    expect((await get('/api/v1/friends?limit=5', bogus)).status).toBe(401);
    expect((await get('/api/v1/friends?limi%74=5', bogus)).status).toBe(401);
    // Past the one free failure, across both ways in: refused before the token is looked at.
    const blocked = await get('/api/v1/friends?limit=5', reader);
    expect([blocked.status, blocked.headers['retry-after']]).toEqual([429, '5']);
  });

  it('narrows a token limited to accounts to them, as the app does', async () => {
    t = await startTestServer();
    const { token } = await t.tokens.issue({ type: 'personal', name: 'one account', abilities: ['friends:read'], accounts: ['acc_google_x'] });
    await rawRequest(t.port, { path: '/api/v1/friends?limit=5&search=ann', headers: { host: `127.0.0.1:${t.port}`, authorization: `Bearer ${token}` } });
    const asked = t.api.calls.filter((c) => c.method === 'friends.list').map((c) => c.input);
    expect(asked).toEqual([expect.objectContaining({ limit: 5, search: 'ann', accountIds: ['acc_google_x'] })]);
  });

  it('writes the access log entry the app writes: token, method, path without secrets, status, bytes, duration', async () => {
    const { accessLog, appended } = recordingAccessLog();
    t = await startTestServer({}, { accessLog });
    const reader = await t.tokens.issuePersonal(['friends:read']);
    const lacking = await t.tokens.issuePersonal(['accounts:read']);
    const host = `127.0.0.1:${t.port}`;
    const direct = await rawRequest(t.port, { path: '/api/v1/friends?limit=5&token=oops', headers: { host, authorization: `Bearer ${reader}` } });
    await rawRequest(t.port, { path: '/api/v1/friends?limi%74=5&token=oops', headers: { host, authorization: `Bearer ${reader}` } });
    await rawRequest(t.port, { path: '/api/v1/friends?limit=5', headers: { host, authorization: `Bearer ${lacking}` } });
    await accessLog.flush();
    const entries = appended;
    expect(entries.map((e) => [e.method, e.path, e.status])).toEqual([
      ['GET', '/api/v1/friends?limit=5&token=redacted', 400],
      // Redacting re-spells the query: the escape is decoded in the log, as it always was.
      ['GET', '/api/v1/friends?limit=5&token=redacted', 400],
      ['GET', '/api/v1/friends?limit=5', 403],
    ]);
    expect(entries[0]!.bytes).toBe(Number(direct.headers['content-length']));
    expect(entries[1]!.bytes).toBe(entries[0]!.bytes);
    expect(entries[0]!.bytes).toBeGreaterThan(0);
    expect(entries[2]!.tokenId).not.toBe(entries[0]!.tokenId);
    for (const e of entries) expect(e.durationMs).toBeGreaterThanOrEqual(0);
  });
});

describe('what the direct read takes', () => {
  it('takes a plain bearer GET of the friends route, and leaves every other request to the app untouched', async () => {
    const rules = directRules();
    const { tokens } = rules;
    const direct = createDirectFriendReads({ ...rules, jsonBytes: createJsonBytes() });
    await withDirectOnly(direct, async (port) => {
      const reader = await tokens.issuePersonal(['friends:read']);
      const get = async (path: string, headers: Record<string, string | string[]> = {}, method = 'GET') =>
        (await rawRequest(port, { method, path, headers: { host: '127.0.0.1:1', authorization: `Bearer ${reader}`, ...headers } })).status;
      expect(await get('/api/v1/friends?limit=5')).toBe(200);
      expect(await get('/api/v1/friends')).toBe(200);
      expect(await get('/api/v1/friends?limit=5', { authorization: `Bearer ${bogus}` })).toBe(401);
      // Header names in any case; a repeated field joined (two bearer tokens are no credential).
      expect(await get('/api/v1/friends', { Origin: 'http://127.0.0.1:1', 'Sec-Fetch-Site': 'same-origin' })).toBe(200);
      expect(await get('/api/v1/friends', { authorization: [`Bearer ${reader}`, `Bearer ${reader}`] })).toBe(401);
      for (const [path, headers, method] of [
        ['/api/v1/friends?limi%74=5', {}],
        ['/api/v1/friends?search=a+b', {}],
        ['/api/v1/friends?limit=5&limit=6', {}],
        ['/api/v1/friends/', {}],
        ['/api/v1/accounts', {}],
        ['/api/v1/friends', {}, 'HEAD'],
        ['/api/v1/friends', {}, 'POST'],
        ['/api/v1/friends', { host: 'evil.example' }],
        ['/api/v1/friends', { origin: 'http://evil.example' }],
        ['/api/v1/friends', { 'sec-fetch-site': 'cross-site' }],
        ['/api/v1/friends', { origin: ['http://127.0.0.1:1', 'http://evil.example'] }],
        ['/api/v1/friends', { 'sec-fetch-site': ['same-origin', 'cross-site'] }],
      ] as [string, Record<string, string | string[]>, string?][]) {
        expect(await get(path, headers, method), `${method ?? 'GET'} ${path} ${JSON.stringify(headers)}`).toBe(LEFT_FOR_APP);
      }
      const cookieOnly = await rawRequest(port, { path: '/api/v1/friends', headers: { host: '127.0.0.1:1', cookie: 'kith_session=x' } });
      expect(cookieOnly.status).toBe(LEFT_FOR_APP);
    });
  });
});
