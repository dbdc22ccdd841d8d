// The OpenAPI document the host server serves: a valid OpenAPI 3.1 document
// (checked by an OpenAPI validator), describing every REST route, and every
// REST answer the tests here get matches it.
import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { httpPaths } from '../../../src-contract/wire';
import { checkAgainstOpenApi, recordRestResponses } from './testing/openapi-check';
import { startTestServer, type TestServer } from './testing/start-test-server';

let t: TestServer;
let recorder: ReturnType<typeof recordRestResponses>;
beforeAll(() => {
  recorder = recordRestResponses();
});
afterAll(() => recorder.restore());
afterEach(async () => {
  await t.server.close();
});

describe('GET /api/v1/openapi.json', () => {
  it('is a valid OpenAPI 3.1 document, served without a token, describing every REST route with its ability', async () => {
    t = await startTestServer();
    const response = await fetch(`${t.server.url}${httpPaths.openapi}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/application\/json/);
    const doc = (await response.json()) as { openapi: string; paths: Record<string, Record<string, { security?: unknown; parameters?: { name: string }[] }>> };
    const result = await new Validator().validate(doc as never);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths).sort()).toEqual([httpPaths.accounts, httpPaths.friends, httpPaths.openapi].sort());
    expect(doc.paths[httpPaths.friends]!.get!.security).toEqual([{ kithToken: ['friends:read'] }]);
    expect(doc.paths[httpPaths.friends]!.get!.parameters!.map((p) => p.name).sort()).toEqual(['accountId', 'after', 'limit', 'offset', 'provider', 'search', 'shape', 'sort', 'view']);
  });

  it('describes what the REST routes answer, successes and failures alike', async () => {
    t = await startTestServer({ limits: { freeFailures: 1, firstBlockMs: 60_000 } });
    const all = await t.tokens.issuePersonal(['accounts:read', 'friends:read']);
    const friendsOnly = await t.tokens.issuePersonal(['friends:read']);
    const get = (path: string, token?: string) => fetch(`${t.server.url}${path}`, token ? { headers: { authorization: `Bearer ${token}` } } : {});
    const statuses = [
      (await get('/api/v1/accounts', all)).status,
      (await get('/api/v1/friends?limit=2&offset=1&search=a', all)).status,
      (await get('/api/v1/friends?limit=2&shape=row', all)).status,
      (await get('/api/v1/friends?limit=5000', all)).status,
      (await get('/api/v1/accounts', friendsOnly)).status,
      (await get('/api/v1/accounts')).status,
      (await get('/api/v1/accounts', 'kith_p_000000000000000000000000000000000000000000000000000000')).status,
      (await get('/api/v1/accounts', 'kith_p_000000000000000000000000000000000000000000000000000000')).status,
      (await get('/api/v1/accounts', all)).status,
    ];
    expect(statuses).toEqual([200, 200, 200, 400, 403, 401, 401, 401, 429]);
    expect(recorder.recorded.length).toBeGreaterThanOrEqual(statuses.length);
    expect(recorder.problems()).toEqual([]);
    // ...and the check does catch an answer the document does not describe.
    expect(checkAgainstOpenApi([{ method: 'get', path: '/api/v1/friends', status: 200, body: { items: 'none', offset: 0, total: 0 } }])).toHaveLength(1);
    expect(checkAgainstOpenApi([{ method: 'get', path: '/api/v1/friends', status: 418, body: {} }])).toHaveLength(1);
  });
});
