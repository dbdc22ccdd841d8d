// The real core (assembled over core/testing's in-memory fakes) behind the host server,
// driven over HTTP by the same client the page uses: the core's real answers
// and events pass the dispatcher's strict checks, and no provider token it
// holds ever appears in anything the page receives.
import { afterEach, expect, it, vi } from 'vitest';
import type { KithApi } from '../../../src-contract/kith-api';
import { createKithClient, type KithTransport } from '../../../src-contract/client';
import { createHttpTransport } from '../../../src-contract/http-transport';
import { identity } from '../../core/testing/fake-login';
import { person } from '../../core/testing/fake-provider';
import { createTestCore } from '../../core/testing/test-core';
import { startHostServer, type HostServer } from './host-server';
import { createTestAccessTokens } from './testing/test-access-tokens';

let server: HostServer | null = null;
const stops: (() => void)[] = [];
afterEach(async () => {
  for (const stop of stops.splice(0)) stop();
  await server?.close();
});

/** Records every raw result and event payload the page would receive. */
function recording(transport: KithTransport, seen: unknown[]): KithTransport {
  return {
    call: async (method, input) => {
      const result = await transport.call(method, input);
      seen.push(result);
      return result;
    },
    subscribe: (event, listener) => transport.subscribe(event, (payload) => (seen.push(payload), listener(payload))),
  };
}

it('connects, lists, syncs, reports status and disconnects through the host server', async () => {
  const t = createTestCore();
  const tokens = createTestAccessTokens(t.log);
  server = await startHostServer({ ...t.assembled, accessTokens: tokens }, { rendererDir: '/nonexistent', heartbeatMs: 1000 });
  const seen: unknown[] = [];
  const client: KithApi = createKithClient(
    recording(createHttpTransport({ baseUrl: server.url, headers: { authorization: `Bearer ${await tokens.issuePersonal(['app'])}` } }), seen),
  );

  const started: unknown[] = [];
  const changed: unknown[] = [];
  stops.push(client.events.on('loginStarted', (event) => started.push(event)));
  stops.push(client.events.on('accountsChanged', (event) => changed.push(event)));
  await vi.waitFor(() => expect(server?.eventStreamCount).toBe(1));

  t.google.upsert(person('p1', 'Ann Example'));
  const providerTokens = t.google.issueTokens();
  t.login.queue.push({ tokens: providerTokens, identity: identity('g-1', 'Gail') });

  const account = await client.accounts.connect({ provider: 'google' });
  expect(account).toMatchObject({ provider: 'google', displayName: 'Gail', status: 'active' });
  await vi.waitFor(() => expect(started).toHaveLength(1));
  await vi.waitFor(() => expect(changed.length).toBeGreaterThan(0));

  expect(await client.accounts.list()).toEqual([expect.objectContaining({ id: account.id })]);
  const [sync] = await client.sync.run({ accountId: account.id });
  expect(sync).toMatchObject({ ok: true, friendCount: 1 });
  expect((await client.friends.list({ search: 'ann' })).items).toEqual([expect.objectContaining({ name: 'Ann Example' })]);
  expect((await client.status.get()).shell).toBe('host');
  expect(await client.accounts.disconnect({ accountId: account.id })).toEqual({ accountId: account.id, revocation: 'revoked' });

  const everything = JSON.stringify(seen);
  for (const secret of [providerTokens.accessToken, providerTokens.refreshToken]) {
    if (secret) expect(everything).not.toContain(secret);
  }
  await t.core.close();
});
