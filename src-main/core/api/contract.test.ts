// Every KithApi method of the core returns exactly the contract's types, and
// every event it emits matches its schema: the schemas are strict, so a stray
// field (a token, an internal record field) fails here. The test core is
// reached through the dispatcher, as every shell reaches it (testing/through-contract).
import { describe, expect, it } from 'vitest';
import { KithError, kithEvents, kithMethods, type KithEventName } from '../../../src-contract/kith-api';
import { identity } from '../testing/fake-login';
import { person } from '../testing/fake-provider';
import { createTestCore } from '../testing/test-core';

describe('the core honours the contract', () => {
  it('returns outputs and emits events that parse with the strict schemas, and none carries a token', async () => {
    const t = createTestCore({ syncAfterConnect: true });
    const seen: Array<{ name: KithEventName; payload: unknown }> = [];
    for (const name of Object.keys(kithEvents) as KithEventName[]) t.core.events.on(name, (payload) => seen.push({ name, payload }));
    t.google.upsert(person('p1', 'Ann', { email: 'ann@example.test', phone: '+1 555 0100' }));
    t.facebook.upsert(person('f1', 'Fay'));
    t.facebook.friendTotal = 12;
    const googleTokens = t.google.issueTokens({ expiresInMs: 60_000 });
    t.login.queue.push({ tokens: googleTokens, identity: identity('g') });
    t.login.queue.push({ tokens: t.facebook.issueTokens(), identity: identity('f') });

    const outputs: Array<[keyof typeof kithMethods, unknown]> = [];
    const google = await t.core.accounts.connect({ provider: 'google' });
    outputs.push(['accounts.connect', google]);
    outputs.push(['accounts.connect', await t.core.accounts.connect({ provider: 'facebook' })]);
    outputs.push(['sync.run', await t.core.sync.run({})]);
    outputs.push(['sync.run', await t.core.sync.run({ accountId: google.id })]);
    outputs.push(['accounts.list', await t.core.accounts.list()]);
    outputs.push(['friends.list', await t.core.friends.list({ search: 'a' })]);
    outputs.push(['friends.list', await t.core.friends.list()]);
    outputs.push(['status.get', await t.core.status.get()]);
    outputs.push(['accounts.cancelConnect', await t.core.accounts.cancelConnect({})]);
    t.google.revokeImpl = () => Promise.reject(new KithError('E_OFFLINE', 'offline'));
    outputs.push(['accounts.disconnect', await t.core.accounts.disconnect({ accountId: google.id })]);
    outputs.push(['status.get', await t.core.status.get()]);
    outputs.push(['history.list', await t.core.history.list()]);
    await t.clock.advance(0);

    for (const [method, output] of outputs) expect(kithMethods[method].output.parse(output), method).toEqual(output);
    for (const { name, payload } of seen) expect(kithEvents[name].parse(payload), name).toEqual(payload);
    const names = new Set(seen.map((e) => e.name));
    expect([...names].sort()).toEqual(['accountsChanged', 'connectivity', 'historyChanged', 'loginEnded', 'loginStarted', 'revocationsChanged', 'syncProgress']);
    const everything = JSON.stringify([outputs, seen]);
    for (const secret of [googleTokens.accessToken, googleTokens.refreshToken!]) expect(everything).not.toContain(secret);
    await t.core.close();
  });

  it('is reached only through the dispatcher, which refuses inputs outside the contract with E_INVALID_INPUT', async () => {
    const t = createTestCore();
    const bad = [
      () => t.core.friends.list({ limit: 5000 }),
      () => t.core.friends.list({ accountId: 'not-an-id' }),
      () => t.core.sync.run({ accountId: 'x' }),
      () => t.core.accounts.disconnect({ accountId: 'acc_x' }),
      () => t.core.accounts.list({ extra: 1 } as never),
    ];
    for (const call of bad) await expect(call()).rejects.toMatchObject({ code: 'E_INVALID_INPUT' });
  });

  it('refuses work after close, and close stops everything', async () => {
    const t = createTestCore();
    await t.core.close();
    await expect(t.core.accounts.list()).rejects.toMatchObject({ code: 'E_INTERNAL' });
    expect(t.clock.pendingTimers()).toEqual([]);
  });
});
