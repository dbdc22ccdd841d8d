import { describe, expect, it } from 'vitest';
import { useSandbox } from '../testing/fixture';
import { getJson, googleTokens } from '../testing/consent';

const sandbox = useSandbox();
const FIELDS = 'names,emailAddresses,phoneNumbers,photos,metadata';

interface Person {
  resourceName: string;
  etag: string;
  names?: { displayName: string }[];
  emailAddresses?: { value: string }[];
  phoneNumbers?: { value: string; canonicalForm: string }[];
  photos?: { url: string }[];
  metadata?: { deleted?: boolean };
}
interface ListBody {
  connections?: Person[];
  nextPageToken?: string;
  nextSyncToken?: string;
  totalItems?: number;
  totalPeople?: number;
  error?: { code: number; status: string; message: string; details?: { reason: string }[] };
}

async function list(token: string, params: Record<string, string>) {
  const url = new URL(`${sandbox.url}/google/people/v1/people/me/connections`);
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  const res = await getJson(url.toString(), { Authorization: `Bearer ${token}` });
  return { status: res.status, body: res.body as ListBody };
}

async function listAll(token: string, params: Record<string, string>) {
  const people: Person[] = [];
  let pageToken: string | undefined;
  let last: ListBody;
  let pages = 0;
  do {
    const res = await list(token, { ...params, ...(pageToken ? { pageToken } : {}) });
    expect(res.status).toBe(200);
    last = res.body;
    people.push(...(res.body.connections ?? []));
    pageToken = res.body.nextPageToken;
    if (pageToken) expect(res.body.nextSyncToken).toBeUndefined();
    pages += 1;
  } while (pageToken);
  return { people, last, pages };
}

describe('People API connections.list', () => {
  it('pages 100 at a time by default, with totals, names, emails, phones and avatar URLs', async () => {
    const { access_token } = await googleTokens(sandbox.url);
    const first = await list(access_token, { personFields: FIELDS });
    expect(first.body.connections).toHaveLength(100);
    expect(first.body.totalItems).toBe(250);
    expect(first.body.totalPeople).toBe(250);
    const person = first.body.connections?.[0];
    expect(person?.resourceName).toMatch(/^people\/c\d+$/);
    expect(person?.names?.[0]?.displayName).toMatch(/^\S+ \S+$/);
    expect(person?.emailAddresses?.[0]?.value).toContain('@example.org');
    expect(person?.phoneNumbers?.[0]?.canonicalForm).toMatch(/^\+1\d{10}$/);
    expect((await fetch(person?.photos?.[0]?.url ?? '')).status).toBe(200);
    const all = await listAll(access_token, { personFields: FIELDS });
    expect(all.pages).toBe(3);
    expect(new Set(all.people.map((p) => p.resourceName)).size).toBe(250);
  });

  it('returns only the requested personFields', async () => {
    const { access_token } = await googleTokens(sandbox.url);
    const { body } = await list(access_token, { personFields: 'names', pageSize: '1' });
    expect(Object.keys(body.connections?.[0] ?? {}).sort()).toEqual(['etag', 'names', 'resourceName']);
  });

  it('is deterministic: the same seed lists the same people', async () => {
    const a = await googleTokens(sandbox.url);
    const first = await list(a.access_token, { personFields: 'names', pageSize: '5' });
    await sandbox.admin.reset();
    const b = await googleTokens(sandbox.url);
    const second = await list(b.access_token, { personFields: 'names', pageSize: '5' });
    expect(second.body.connections).toEqual(first.body.connections);
  });

  it('omits connections and totals for a person with no contacts', async () => {
    const { access_token } = await googleTokens(sandbox.url, { person: 'alan' });
    const { status, body } = await list(access_token, { personFields: 'names', requestSyncToken: 'true' });
    expect(status).toBe(200);
    expect(body.connections).toBeUndefined();
    expect(body.totalItems).toBeUndefined();
    expect(body.nextSyncToken).toBeTruthy();
  });

  it.each([
    [{}, 'personFields mask is required'],
    [{ personFields: 'names,shoeSize' }, 'Invalid personFields mask path: "shoeSize"'],
    [{ personFields: 'names', pageSize: '1001' }, 'Page size must be between 1 and 1000'],
    [{ personFields: 'names', pageSize: 'ten' }, 'page_size'],
    [{ personFields: 'names', sortOrder: 'RANDOM' }, 'sort_order'],
    [{ personfields: 'names' }, 'Unknown name "personfields"'],
  ])('rejects %j with 400 INVALID_ARGUMENT', async (params, message) => {
    const { access_token } = await googleTokens(sandbox.url);
    const res = await list(access_token, params as Record<string, string>);
    expect(res.status).toBe(400);
    expect(res.body.error?.status).toBe('INVALID_ARGUMENT');
    expect(res.body.error?.message).toContain(message);
  });

  it('rejects a page token used with different parameters', async () => {
    const { access_token } = await googleTokens(sandbox.url);
    const first = await list(access_token, { personFields: 'names' });
    const res = await list(access_token, { personFields: 'names,emailAddresses', pageToken: first.body.nextPageToken ?? '' });
    expect(res.status).toBe(400);
    expect(res.body.error?.message).toContain('must match the first call');
  });

  it('rejects a forged page token', async () => {
    const { access_token } = await googleTokens(sandbox.url);
    expect((await list(access_token, { personFields: 'names', pageToken: 'eyJrIjoicGFnZSJ9.AAAA' })).status).toBe(400);
  });

  describe('authorization', () => {
    it('answers 401 UNAUTHENTICATED for a missing, unknown, expired or revoked token', async () => {
      const url = `${sandbox.url}/google/people/v1/people/me/connections?personFields=names`;
      const missing = await getJson(url);
      expect(missing.status).toBe(401);
      expect(missing.body).toMatchObject({ error: { code: 401, status: 'UNAUTHENTICATED', details: [{ reason: 'CREDENTIALS_MISSING' }] } });
      expect((await getJson(url, { Authorization: 'Bearer ya29.unknown' })).status).toBe(401);

      const expired = await googleTokens(sandbox.url);
      await sandbox.admin.expireAccessTokens('google');
      const res = await getJson(url, { Authorization: `Bearer ${expired.access_token}` });
      expect(res.status).toBe(401);
      expect(res.body).toMatchObject({ error: { details: [{ reason: 'ACCESS_TOKEN_EXPIRED' }] } });

      const revoked = await googleTokens(sandbox.url, { person: 'grace' });
      await sandbox.admin.revokeGrant({ provider: 'google', person: 'grace' });
      expect((await getJson(url, { Authorization: `Bearer ${revoked.access_token}` })).status).toBe(401);
    });

    it('expires access tokens after their lifetime on the sandbox clock', async () => {
      const { access_token } = await googleTokens(sandbox.url);
      await sandbox.admin.advanceClock(3601);
      expect((await list(access_token, { personFields: 'names' })).status).toBe(401);
    });

    it('answers 403 without a contacts scope', async () => {
      const { access_token } = await googleTokens(sandbox.url, { scope: 'openid email' });
      const res = await list(access_token, { personFields: 'names' });
      expect(res.status).toBe(403);
      expect(res.body.error?.details?.[0]?.reason).toBe('ACCESS_TOKEN_SCOPE_INSUFFICIENT');
    });
  });

  describe('sync tokens', () => {
    async function fullSync(token: string) {
      return listAll(token, { personFields: FIELDS, requestSyncToken: 'true' });
    }

    it('gives nextSyncToken on the last page only, and an empty incremental sync when nothing changed', async () => {
      const { access_token } = await googleTokens(sandbox.url);
      const { last } = await fullSync(access_token);
      expect(last.nextSyncToken).toBeTruthy();
      const inc = await list(access_token, { personFields: FIELDS, requestSyncToken: 'true', syncToken: last.nextSyncToken ?? '' });
      expect(inc.status).toBe(200);
      expect(inc.body.connections).toBeUndefined();
      expect(inc.body.nextSyncToken).toBeTruthy();
    });

    it('returns changed, deleted (metadata.deleted) and added people since the token', async () => {
      const { access_token } = await googleTokens(sandbox.url);
      const full = await fullSync(access_token);
      const before = new Map(full.people.map((p) => [p.resourceName, p]));
      const changes = await sandbox.admin.changeContacts({ updated: 3, deleted: 2, added: 1 });
      expect(changes.total).toBe(249);

      const inc = await list(access_token, { personFields: FIELDS, requestSyncToken: 'true', syncToken: full.last.nextSyncToken ?? '' });
      const got = inc.body.connections ?? [];
      expect(got.map((p) => p.resourceName).sort()).toEqual([...changes.updated, ...changes.deleted, ...changes.added].sort());
      for (const name of changes.updated) {
        const now = got.find((p) => p.resourceName === name);
        expect(now?.metadata?.deleted).toBeUndefined();
        expect(now?.etag).not.toBe(before.get(name)?.etag);
        expect(now?.emailAddresses?.[0]?.value).not.toBe(before.get(name)?.emailAddresses?.[0]?.value);
      }
      for (const name of changes.deleted) {
        const gone = got.find((p) => p.resourceName === name);
        expect(gone?.metadata?.deleted).toBe(true);
        expect(gone?.names).toBeUndefined();
      }
      expect(before.has(changes.added[0] ?? '')).toBe(false);

      // The token from the incremental sync sees nothing new.
      const again = await list(access_token, { personFields: FIELDS, requestSyncToken: 'true', syncToken: inc.body.nextSyncToken ?? '' });
      expect(again.body.connections).toBeUndefined();

      // A new full sync reflects the deletions.
      const after = await fullSync(access_token);
      expect(after.people).toHaveLength(249);
      expect(after.last.totalItems).toBe(249);
    });

    it('pages an incremental sync too', async () => {
      const { access_token } = await googleTokens(sandbox.url);
      const full = await fullSync(access_token);
      await sandbox.admin.changeContacts({ updated: 30 });
      const first = await list(access_token, { personFields: FIELDS, pageSize: '10', requestSyncToken: 'true', syncToken: full.last.nextSyncToken ?? '' });
      expect(first.body.connections).toHaveLength(10);
      const second = await list(access_token, { personFields: FIELDS, pageSize: '10', requestSyncToken: 'true', syncToken: full.last.nextSyncToken ?? '', pageToken: first.body.nextPageToken ?? '' });
      const third = await list(access_token, { personFields: FIELDS, pageSize: '10', requestSyncToken: 'true', syncToken: full.last.nextSyncToken ?? '', pageToken: second.body.nextPageToken ?? '' });
      expect(third.body.nextPageToken).toBeUndefined();
      expect(third.body.nextSyncToken).toBeTruthy();
      const names = [...(first.body.connections ?? []), ...(second.body.connections ?? []), ...(third.body.connections ?? [])].map((p) => p.resourceName);
      expect(new Set(names).size).toBe(30);
    });

    it('expire after 7 days: 400 with ErrorInfo reason EXPIRED_SYNC_TOKEN', async () => {
      const { access_token } = await googleTokens(sandbox.url);
      const full = await fullSync(access_token);
      await sandbox.admin.advanceClock(7 * 24 * 3600 + 1);
      const fresh = await googleTokens(sandbox.url);
      const res = await list(fresh.access_token, { personFields: FIELDS, requestSyncToken: 'true', syncToken: full.last.nextSyncToken ?? '' });
      expect(res.status).toBe(400);
      expect(res.body.error).toMatchObject({ code: 400, status: 'FAILED_PRECONDITION', message: 'Sync token is expired. Clear local cache and retry call without the sync token.' });
      expect(res.body.error?.details?.[0]?.reason).toBe('EXPIRED_SYNC_TOKEN');
    });

    it('are still valid just under 7 days', async () => {
      const { access_token } = await googleTokens(sandbox.url);
      const full = await fullSync(access_token);
      await sandbox.admin.advanceClock(7 * 24 * 3600 - 60);
      const fresh = await googleTokens(sandbox.url);
      expect((await list(fresh.access_token, { personFields: FIELDS, requestSyncToken: 'true', syncToken: full.last.nextSyncToken ?? '' })).status).toBe(200);
    });

    it('expire at once through the admin API, and with a shorter configured lifetime', async () => {
      const { access_token } = await googleTokens(sandbox.url);
      const full = await fullSync(access_token);
      await sandbox.admin.expireSyncTokens();
      const res = await list(access_token, { personFields: FIELDS, requestSyncToken: 'true', syncToken: full.last.nextSyncToken ?? '' });
      expect(res.body.error?.details?.[0]?.reason).toBe('EXPIRED_SYNC_TOKEN');
      // Tokens issued after that are fine.
      const again = await fullSync(access_token);
      expect((await list(access_token, { personFields: FIELDS, requestSyncToken: 'true', syncToken: again.last.nextSyncToken ?? '' })).status).toBe(200);
      await sandbox.admin.updateSettings({ syncTokenTtlSeconds: 10 });
      await sandbox.admin.advanceClock(11);
      const fresh = await googleTokens(sandbox.url);
      const late = await list(fresh.access_token, { personFields: FIELDS, requestSyncToken: 'true', syncToken: again.last.nextSyncToken ?? '' });
      expect(late.body.error?.details?.[0]?.reason).toBe('EXPIRED_SYNC_TOKEN');
    });

    it('belong to one person and one set of personFields', async () => {
      const ada = await googleTokens(sandbox.url, { person: 'ada' });
      const grace = await googleTokens(sandbox.url, { person: 'grace' });
      const full = await fullSync(ada.access_token);
      expect((await list(grace.access_token, { personFields: FIELDS, syncToken: full.last.nextSyncToken ?? '' })).status).toBe(400);
      expect((await list(ada.access_token, { personFields: 'names', syncToken: full.last.nextSyncToken ?? '' })).status).toBe(400);
    });
  });
});
