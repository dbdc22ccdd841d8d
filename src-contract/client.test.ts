// The client on its own, over a stub transport: what it does with answers a
// real shell should never give (wrong shapes, foreign errors, broken events).
import { describe, expect, it, vi } from 'vitest';
import { KithError, toFriendRow } from './kith-api';
import { sampleFriend } from './testing/stub-kith-api';
import { createKithClient, type KithTransport } from './client';

function stubTransport(answer: (method: string, input: unknown) => Promise<unknown>) {
  const listeners = new Map<string, (payload: unknown) => void>();
  const transport: KithTransport = {
    call: vi.fn(answer),
    subscribe: (event, listener) => {
      listeners.set(event, listener);
      return () => listeners.delete(event);
    },
  };
  return { transport, push: (event: string, payload: unknown) => listeners.get(event)?.(payload), listeners };
}

describe('createKithClient', () => {
  it('has exactly the contract: one function per method, grouped, and events.on', () => {
    const client = createKithClient(stubTransport(async () => null).transport);
    expect(Object.keys(client).sort()).toEqual(['accounts', 'connectivity', 'dataFolder', 'events', 'friends', 'history', 'links', 'notifications', 'status', 'sync', 'tokens', 'vault']);
    expect(Object.keys(client.vault).sort()).toEqual(['lock', 'reset', 'setIdleLock', 'setProtector', 'settings', 'status', 'unlock']);
    expect(Object.keys(client.accounts).sort()).toEqual(['cancelConnect', 'connect', 'disconnect', 'disconnectEverywhere', 'list', 'planDisconnectEverywhere', 'reconnect', 'requestPermission', 'resolveOtherPerson']);
    expect(Object.keys(client.events)).toEqual(['on']);
    expect(Object.keys(client.tokens).sort()).toEqual(['create', 'list', 'log', 'regenerate', 'revoke']);
  });

  it('sends the method name and the input (an empty object when none is given)', async () => {
    const { transport } = stubTransport(async () => []);
    const client = createKithClient(transport);
    await client.sync.run();
    await client.sync.run({ accountId: 'acc_alice01' });
    expect(vi.mocked(transport.call).mock.calls).toEqual([
      ['sync.run', {}],
      ['sync.run', { accountId: 'acc_alice01' }],
    ]);
  });

  it('rejects a result that breaks the schema with E_INTERNAL, naming the path but not the value', async () => {
    const client = createKithClient(stubTransport(async () => ({ items: [], offset: 0, total: -1, refreshToken: '1//secret' })).transport);
    const error = await client.friends.list().catch((reason: unknown) => reason);
    expect(error).toBeInstanceOf(KithError);
    expect((error as KithError).code).toBe('E_INTERNAL');
    expect((error as KithError).message).toContain('total');
    expect((error as KithError).message).not.toContain('1//secret');
  });

  it("checks a friends page against the shape it asked for: rows for shape: 'row', whole people otherwise", async () => {
    const page = { offset: 0, total: 1, nextCursor: null, counts: { people: 1, entries: 1 }, letters: null, empty: null, accounts: [] };
    const rows = createKithClient(stubTransport(async () => ({ ...page, items: [toFriendRow(sampleFriend)] })).transport);
    await expect(rows.friends.list({ shape: 'row' })).resolves.toMatchObject({ items: [{ id: sampleFriend.id, primaryEmail: { value: 'bob@example.com', label: 'Home' } }] });
    await expect(rows.friends.list({})).rejects.toMatchObject({ code: 'E_INTERNAL' });
    const whole = createKithClient(stubTransport(async () => ({ ...page, items: [sampleFriend] })).transport);
    await expect(whole.friends.list()).resolves.toMatchObject({ items: [sampleFriend] });
    await expect(whole.friends.list({ shape: 'row' })).rejects.toMatchObject({ code: 'E_INTERNAL' });
  });

  it('keeps the code of a `{ code, message }` rejection and hides any other', async () => {
    const denied = createKithClient(stubTransport(() => Promise.reject({ code: 'E_CONSENT_DENIED', message: 'Declined.' })).transport);
    await expect(denied.accounts.connect({ provider: 'google' })).rejects.toMatchObject({ code: 'E_CONSENT_DENIED', message: 'Declined.' });

    const broken = createKithClient(stubTransport(() => Promise.reject(new Error('socket hang up at token=abc'))).transport);
    const error = (await broken.accounts.list().catch((reason: unknown) => reason)) as KithError;
    expect(error).toBeInstanceOf(KithError);
    expect(error.code).toBe('E_INTERNAL');
    expect(error.message).not.toContain('abc');
  });

  it('delivers valid events and reports (not delivers) invalid ones', () => {
    const stub = stubTransport(async () => null);
    const onInvalidEvent = vi.fn();
    const client = createKithClient(stub.transport, { onInvalidEvent });
    const listener = vi.fn();
    const unsubscribe = client.events.on('connectivity', listener);

    stub.push('connectivity', { online: false });
    stub.push('connectivity', { online: 'maybe' });
    expect(listener.mock.calls).toEqual([[{ online: false }]]);
    expect(onInvalidEvent).toHaveBeenCalledWith('connectivity', expect.any(KithError));

    unsubscribe();
    expect(stub.listeners.has('connectivity')).toBe(false);
  });

  it('refuses to subscribe to an event the contract does not have', () => {
    const client = createKithClient(stubTransport(async () => null).transport);
    expect(() => client.events.on('tokenIssued' as 'connectivity', () => {})).toThrow(KithError);
  });
});
