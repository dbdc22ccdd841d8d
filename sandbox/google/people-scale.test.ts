import { describe, expect, it } from 'vitest';
import { useSandbox } from '../testing/fixture';
import { getJson, googleTokens } from '../testing/consent';

const sandbox = useSandbox({ contacts: 50_000 });

describe('People API with 50,000 contacts', () => {
  it('serves every contact in 50 pages of 1000, quickly', { timeout: 60_000 }, async () => {
    const { access_token } = await googleTokens(sandbox.url);
    let pageToken = '';
    let count = 0;
    let pages = 0;
    let syncToken: unknown;
    const seen = new Set<string>();
    do {
      const url = new URL(`${sandbox.url}/google/people/v1/people/me/connections`);
      url.search = new URLSearchParams({ personFields: 'names,emailAddresses,phoneNumbers,photos', pageSize: '1000', requestSyncToken: 'true', ...(pageToken ? { pageToken } : {}) }).toString();
      const { status, body } = await getJson(url.toString(), { Authorization: `Bearer ${access_token}` });
      expect(status).toBe(200);
      expect(body.totalItems).toBe(50_000);
      const connections = body.connections as { resourceName: string }[];
      for (const person of connections) seen.add(person.resourceName);
      count += connections.length;
      pages += 1;
      pageToken = (body.nextPageToken as string | undefined) ?? '';
      syncToken = body.nextSyncToken;
    } while (pageToken);
    expect(count).toBe(50_000);
    expect(seen.size).toBe(50_000);
    expect(pages).toBe(50);
    expect(syncToken).toBeTruthy();

    // An incremental sync after a few changes costs the changes, not the book.
    const changes = await sandbox.admin.changeContacts({ updated: 5, deleted: 5 });
    const url = new URL(`${sandbox.url}/google/people/v1/people/me/connections`);
    url.search = new URLSearchParams({ personFields: 'names,emailAddresses,phoneNumbers,photos', pageSize: '1000', requestSyncToken: 'true', syncToken: String(syncToken) }).toString();
    const inc = await getJson(url.toString(), { Authorization: `Bearer ${access_token}` });
    expect((inc.body.connections as unknown[]).length).toBe(changes.updated.length + changes.deleted.length);
  });
});
