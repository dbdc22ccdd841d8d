// The dispatcher's own edges, beyond the transport contract suite.
import { describe, expect, it } from 'vitest';
import { FriendListRowSchema, FriendSchema, KithError, toFriendRow } from './kith-api';
import { createDispatcher } from './dispatcher';
import { createFakeKithApi, sampleAccount, sampleFriend } from './testing/stub-kith-api';

function capturingLog() {
  const lines: string[] = [];
  return { lines, log: { error: (message: string, data?: Record<string, unknown>) => lines.push(`${message} ${JSON.stringify(data)}`) } };
}

describe('createDispatcher', () => {
  it('refuses names that are not contract methods, prototype keys included', async () => {
    const dispatch = createDispatcher(createFakeKithApi());
    for (const name of ['__proto__', 'constructor', 'toString', 'accounts', 'accounts.list.x', 'events.on', '']) {
      await expect(dispatch(name, {}), name).rejects.toMatchObject({ code: 'E_INVALID_INPUT' });
    }
  });

  it('treats a missing input as an empty object, and refuses null or an array', async () => {
    const dispatch = createDispatcher(createFakeKithApi());
    await expect(dispatch('accounts.list', undefined)).resolves.toEqual([sampleAccount]);
    await expect(dispatch('accounts.list', null)).rejects.toMatchObject({ code: 'E_INVALID_INPUT' });
    await expect(dispatch('accounts.list', [])).rejects.toMatchObject({ code: 'E_INVALID_INPUT' });
  });

  it('starts the vault over only with confirm: true', async () => {
    const api = createFakeKithApi();
    const dispatch = createDispatcher(api);
    for (const input of [{}, { confirm: false }, { confirm: 'yes' }, { confirm: true, extra: 1 }]) {
      await expect(dispatch('vault.reset', input)).rejects.toMatchObject({ code: 'E_INVALID_INPUT' });
    }
    expect(api.calls.filter((c) => c.method === 'vault.reset')).toEqual([]);
    await expect(dispatch('vault.reset', { confirm: true })).resolves.toMatchObject({ accountsToReconnect: 0 });
  });

  it('logs a withheld result by method and path only', async () => {
    const api = createFakeKithApi();
    api.answer('status.get', () => ({ secret: 'kith_p_leak' }));
    const { lines, log } = capturingLog();
    await expect(createDispatcher(api, { log })('status.get', {})).rejects.toMatchObject({ code: 'E_INTERNAL' });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('status.get');
    expect(lines[0]).not.toContain('kith_p_leak');
  });

  it("logs an unexpected failure by its name, not its message", async () => {
    const api = createFakeKithApi();
    api.answer('sync.run', () => {
      throw new TypeError('fetch https://x/?access_token=ya29.abc failed');
    });
    const { lines, log } = capturingLog();
    await expect(createDispatcher(api, { log })('sync.run', {})).rejects.toMatchObject({ code: 'E_INTERNAL' });
    expect(lines.join()).toContain('TypeError');
    expect(lines.join()).not.toContain('ya29');
  });

  it('does not let a forged error code through', async () => {
    const api = createFakeKithApi();
    api.answer('accounts.list', () => {
      throw new KithError('E_NOT_A_CODE' as 'E_OFFLINE', 'forged');
    });
    await expect(createDispatcher(api)('accounts.list', {})).rejects.toMatchObject({ code: 'E_INTERNAL' });
  });

  it("answers friends.list with whole people, or with rows for shape: 'row', each checked against its own shape", async () => {
    const api = createFakeKithApi();
    const dispatch = createDispatcher(api);
    const whole = (await dispatch('friends.list', {})) as { items: unknown[] };
    expect(FriendSchema.parse(whole.items[0])).toEqual(sampleFriend);
    const rows = (await dispatch('friends.list', { shape: 'row' })) as { items: unknown[] };
    expect(FriendListRowSchema.parse(rows.items[0])).toEqual(toFriendRow(sampleFriend));
    // Asked without the option, the implementation is reached exactly as before it existed.
    expect(api.calls.map((c) => c.input)).toEqual([
      { sort: 'first_name', view: 'people', offset: 0, limit: 200 },
      { sort: 'first_name', view: 'people', offset: 0, limit: 200, shape: 'row' },
    ]);
    await expect(dispatch('friends.list', { shape: 'slim' })).rejects.toMatchObject({ code: 'E_INVALID_INPUT' });
  });

  it('withholds a friends page of the other shape than the one asked for', async () => {
    const api = createFakeKithApi();
    const { lines, log } = capturingLog();
    const dispatch = createDispatcher(api, { log });
    const page = { offset: 0, total: 1, nextCursor: null, counts: { people: 1, entries: 1 }, letters: null, empty: null, accounts: [] };
    // Rows where whole people were asked for (a script would lose every source), and whole people
    // (every source's values) where rows were: neither passes.
    api.answer('friends.list', () => ({ ...page, items: [toFriendRow(sampleFriend)] }));
    await expect(dispatch('friends.list', {})).rejects.toMatchObject({ code: 'E_INTERNAL' });
    api.answer('friends.list', () => ({ ...page, items: [sampleFriend] }));
    await expect(dispatch('friends.list', { shape: 'row' })).rejects.toMatchObject({ code: 'E_INTERNAL' });
    await expect(dispatch('friends.list', { shape: 'full' })).resolves.toMatchObject({ items: [sampleFriend] });
    expect(lines).toHaveLength(2);
  });
});
