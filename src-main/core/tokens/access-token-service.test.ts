import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createRecordingLogger } from '../testing/recording-logger';
import type { DocumentStore } from '../ports';
import { MemoryDocumentStore } from '../testing/memory-document-store';
import { TypedDocumentStore } from '../storage/typed-document-store';
import { checksumOf } from './access-token-format';
import { AccessTokenService, findByHash } from './access-token-service';

/** With `holdFlushes`, the batched writes of last uses wait in `flushes` until a test runs them. */
function setup(options: { holdFlushes?: boolean } = {}) {
  const store = new MemoryDocumentStore();
  const flushes: (() => void)[] = [];
  let reads = 0;
  const counting: DocumentStore = {
    location: store.location,
    read: (name) => {
      reads += 1;
      return store.read(name);
    },
    write: (name, value) => store.write(name, value),
    remove: (name) => store.remove(name),
  };
  const clock = { time: 1_700_000_000_000, now: () => clock.time };
  const log = createRecordingLogger();
  const service = new AccessTokenService({
    documents: new TypedDocumentStore(counting, log),
    clock,
    randomBytes: (size) => new Uint8Array(randomBytes(size)),
    log,
    ...(options.holdFlushes ? { scheduleFlush: (flush: () => void) => void flushes.push(flush) } : {}),
  });
  return { store, clock, log, service, flushes, reads: () => reads };
}

describe('AccessTokenService', () => {
  it('issues a token once and stores only its hash', async () => {
    const { service, store, log } = setup();
    const { token, record } = await service.issue({ type: 'personal', name: 'backup script', abilities: ['friends:read'] });
    expect(token).toMatch(/^kith_p_[0-9A-Za-z]{49}$/);
    expect(record).toEqual({
      id: expect.stringMatching(/^tok_/),
      name: 'backup script',
      type: 'personal',
      abilities: ['friends:read'],
      createdAt: 1_700_000_000_000,
      expiresAt: 1_700_000_000_000 + 30 * 24 * 3600_000,
      lastUsedAt: null,
    });
    const stored = store.raw('access-tokens')!;
    expect(stored).not.toContain(token);
    expect(stored).not.toContain(token.slice(7, 50));
    expect(JSON.parse(stored).tokens[0].hash).toMatch(/^[0-9a-f]{64}$/);
    expect(log.text()).not.toContain(token);
  });

  it('verifies a valid token and records when it was last used', async () => {
    const { service, clock } = setup();
    const { token } = await service.issue({ type: 'personal', name: 'cli', abilities: ['accounts:read', 'friends:read'] });
    clock.time += 5 * 60_000;
    const record = await service.verify(token, 'friends:read');
    expect(record.lastUsedAt).toBe(clock.time);
    expect((await service.list())[0]?.lastUsedAt).toBe(clock.time);
  });

  it('checks tokens from memory and writes their last use once per batch, never per request', async () => {
    const { store, clock, flushes, service } = setup({ holdFlushes: true });
    const { token, record } = await service.issue({ type: 'personal', name: 'poller', abilities: ['friends:read'] });
    const writesBefore = store.writes.get('access-tokens');
    for (let i = 0; i < 100; i++) {
      clock.time += 10;
      await service.verify(token, 'friends:read');
    }
    expect(store.writes.get('access-tokens')).toBe(writesBefore);
    expect(flushes).toHaveLength(1);
    // The page sees the last use before it is written.
    expect((await service.list())[0]?.lastUsedAt).toBe(clock.time);
    flushes[0]!();
    await service.flushUses();
    expect(store.writes.get('access-tokens')).toBe(writesBefore! + 1);
    expect(JSON.parse(store.raw('access-tokens')!).tokens[0]).toMatchObject({ id: record.id, lastUsedAt: clock.time });
  });

  it('shows the last use while the batch that writes it is on its way', async () => {
    const { clock, flushes, service } = setup({ holdFlushes: true });
    const { token } = await service.issue({ type: 'personal', name: 'nightly export', abilities: ['friends:read'] });
    await service.verify(token, 'friends:read');
    flushes[0]!();
    // The page lists the tokens before the write has landed: the use is not lost meanwhile.
    expect((await service.list())[0]?.lastUsedAt).toBe(clock.time);
    await service.flushUses();
    expect((await service.list())[0]?.lastUsedAt).toBe(clock.time);
  });

  it('moves the last use on file only by 10 s steps while a script polls, and writes the exact one as the server stops', async () => {
    const { store, clock, flushes, service } = setup({ holdFlushes: true });
    const { token } = await service.issue({ type: 'personal', name: 'poller', abilities: ['friends:read'] });
    const onFile = () => JSON.parse(store.raw('access-tokens')!).tokens[0].lastUsedAt as number | null;
    const writesBefore = store.writes.get('access-tokens')!;
    const first = clock.time;
    // A request a second for 25 s, each second's batch run as its timer would.
    for (let second = 0; second < 25; second++) {
      await service.verify(token, 'friends:read');
      flushes.shift()?.();
      await new Promise((resolve) => setImmediate(resolve));
      await service.verify(token, 'friends:read');
      clock.time += 1_000;
    }
    const last = clock.time - 1_000;
    // The first use, then one write per 10 s of uses: not 25.
    expect(store.writes.get('access-tokens')! - writesBefore).toBe(3);
    expect(onFile()).toBe(first + 20_000);
    expect((await service.list())[0]?.lastUsedAt).toBe(last);
    await service.flushUses();
    expect(onFile()).toBe(last);
  });

  it('refuses a token revoked by another process at its next use, and a late batch does not bring it back', async () => {
    const store = new MemoryDocumentStore();
    const log = createRecordingLogger();
    const open = () =>
      new AccessTokenService({ documents: new TypedDocumentStore(store, log), clock: { now: () => 1_700_000_000_000 }, randomBytes: (size) => new Uint8Array(randomBytes(size)), log, scheduleFlush: () => {} });
    const server = open();
    const cli = open();
    const { token, record } = await cli.issue({ type: 'personal', name: 'script', abilities: ['friends:read'] });
    await expect(server.verify(token, 'friends:read')).resolves.toMatchObject({ id: record.id });
    expect(await cli.revoke(record.id)).toBe(true);
    await expect(server.verify(token, 'friends:read')).rejects.toMatchObject({ code: 'E_UNAUTHORIZED' });
    await server.flushUses();
    expect(await cli.list()).toEqual([]);
  });

  it('drops a disconnected account from the tokens limited to it, revoking those that had only it', async () => {
    const { service } = setup();
    const only = await service.issue({ type: 'personal', name: 'only a', abilities: ['friends:read'], accounts: ['acc_aaaaaa01'] });
    const two = await service.issue({ type: 'personal', name: 'a and b', abilities: ['friends:read'], accounts: ['acc_aaaaaa01', 'acc_bbbbbb01'] });
    const all = await service.issue({ type: 'personal', name: 'all', abilities: ['friends:read'] });
    expect(await service.forgetAccount('acc_aaaaaa01')).toEqual([only.record.id]);
    await expect(service.verify(only.token, 'friends:read')).rejects.toMatchObject({ code: 'E_UNAUTHORIZED' });
    expect(await service.verify(two.token, 'friends:read')).toMatchObject({ accounts: ['acc_bbbbbb01'] });
    expect((await service.verify(all.token, 'friends:read')).accounts).toBeUndefined();
  });

  it('rejects a malformed token or bad checksum before any lookup', async () => {
    const { service, reads } = setup();
    const { token } = await service.issue({ type: 'personal', name: 'cli', abilities: ['app'] });
    const before = reads();
    const body = token.slice(0, 50);
    const wrongChecksum = `${body}${checksumOf(body) === '000000' ? '000001' : '000000'}`;
    for (const bad of [wrongChecksum, 'kith_p_short', '', 'Bearer x', token.toUpperCase()]) {
      await expect(service.verify(bad, 'app')).rejects.toMatchObject({ code: 'E_UNAUTHORIZED' });
    }
    expect(reads()).toBe(before);
  });

  it('rejects a well-formed token that was never issued', async () => {
    const { service } = setup();
    const { token } = await service.issue({ type: 'personal', name: 'a', abilities: ['app'] });
    const other = new AccessTokenService({
      documents: new TypedDocumentStore(new MemoryDocumentStore(), createRecordingLogger()),
      clock: { now: () => 1_700_000_000_000 },
      randomBytes: (n) => new Uint8Array(randomBytes(n)),
      log: createRecordingLogger(),
    });
    const foreign = (await other.issue({ type: 'personal', name: 'b', abilities: ['app'] })).token;
    expect(foreign).not.toBe(token);
    await expect(service.verify(foreign, 'app')).rejects.toMatchObject({ code: 'E_UNAUTHORIZED' });
  });

  it('rejects an expired token with E_UNAUTHORIZED, not before its time', async () => {
    const { service, clock } = setup();
    const { token } = await service.issue({ type: 'session', name: 'browser', abilities: ['app'], ttlMs: 60_000 });
    clock.time += 59_999;
    await expect(service.verify(token, 'app')).resolves.toMatchObject({ type: 'session' });
    clock.time += 1;
    const error = await service.verify(token, 'app').catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'E_UNAUTHORIZED', message: expect.stringContaining('expired') });
    expect(String((error as Error).message)).not.toContain(token);
  });

  it('answers E_FORBIDDEN for a valid token without the ability, and lets `app` do everything', async () => {
    const { service } = setup();
    const reader = (await service.issue({ type: 'personal', name: 'r', abilities: ['accounts:read'] })).token;
    await expect(service.verify(reader, 'accounts:read')).resolves.toBeDefined();
    await expect(service.verify(reader, 'friends:read')).rejects.toMatchObject({ code: 'E_FORBIDDEN' });
    await expect(service.verify(reader, 'app')).rejects.toMatchObject({ code: 'E_FORBIDDEN' });
    const app = (await service.issue({ type: 'session', name: 's', abilities: ['app'] })).token;
    for (const ability of ['accounts:read', 'friends:read', 'app'] as const) await expect(service.verify(app, ability)).resolves.toBeDefined();
  });

  it('accepts a launch token once, for 60 seconds by default', async () => {
    const { service, clock } = setup();
    const { token, record } = await service.issue({ type: 'launch', name: 'launch URL', abilities: ['app'] });
    expect(record.expiresAt - record.createdAt).toBe(60_000);
    const results = await Promise.allSettled([service.verify(token, 'app'), service.verify(token, 'app')]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.find((r) => r.status === 'rejected')).toMatchObject({ reason: { code: 'E_UNAUTHORIZED' } });
    await expect(service.verify(token, 'app')).rejects.toMatchObject({ code: 'E_UNAUTHORIZED' });

    const late = (await service.issue({ type: 'launch', name: 'launch URL', abilities: ['app'] })).token;
    clock.time += 60_000;
    await expect(service.verify(late, 'app')).rejects.toMatchObject({ code: 'E_UNAUTHORIZED' });
    await expect(service.issue({ type: 'launch', name: 'x', abilities: ['app'], ttlMs: 3_600_000 })).rejects.toMatchObject({ code: 'E_INVALID_INPUT' });
  });

  it('refuses a token with no name, no ability or too long a life, in words', async () => {
    const { service } = setup();
    await expect(service.issue({ type: 'personal', name: '  ', abilities: ['app'] })).rejects.toMatchObject({ code: 'E_INVALID_INPUT' });
    await expect(service.issue({ type: 'personal', name: 'x', abilities: [] })).rejects.toMatchObject({ code: 'E_INVALID_INPUT' });
    await expect(service.issue({ type: 'personal', name: 'x', abilities: ['app'], ttlMs: 400 * 24 * 3600_000 })).rejects.toMatchObject({
      code: 'E_INVALID_INPUT',
      message: 'A personal token lives at most 366 days.',
    });
    expect(await service.list()).toEqual([]);
  });

  it('accepts only the token types a caller allows', async () => {
    const { service } = setup();
    const personal = (await service.issue({ type: 'personal', name: 'p', abilities: ['app'] })).token;
    await expect(service.verify(personal, 'app', { types: ['session'] })).rejects.toMatchObject({ code: 'E_UNAUTHORIZED' });
    await expect(service.verify(personal, 'app', { types: ['personal', 'session'] })).resolves.toBeDefined();
  });

  it('lists records without secrets, revokes one or a whole type, and prunes expired ones', async () => {
    const { service, clock, store } = setup();
    const a = await service.issue({ type: 'personal', name: 'a', abilities: ['friends:read'] });
    clock.time += 1;
    const b = await service.issue({ type: 'session', name: 'b', abilities: ['app'] });
    clock.time += 1;
    await service.issue({ type: 'session', name: 'c', abilities: ['app'], ttlMs: 10 });
    const listed = await service.list();
    expect(listed.map((r) => r.name)).toEqual(['a', 'b', 'c']);
    expect(JSON.stringify(listed)).not.toMatch(/kith_|hash/);

    expect(await service.revoke(a.record.id)).toBe(true);
    expect(await service.revoke(a.record.id)).toBe(false);
    await expect(service.verify(a.token, 'friends:read')).rejects.toMatchObject({ code: 'E_UNAUTHORIZED' });

    clock.time += 10;
    expect((await service.list()).map((r) => r.name)).toEqual(['b']);
    expect(await service.pruneExpired()).toBe(1);
    expect(JSON.parse(store.raw('access-tokens')!).tokens).toHaveLength(1);

    expect(await service.revokeAllOfType('session')).toBe(1);
    await expect(service.verify(b.token, 'app')).rejects.toMatchObject({ code: 'E_UNAUTHORIZED' });
    expect(await service.list()).toEqual([]);
  });
});

describe('findByHash', () => {
  it('compares against every record, even after a match, with the given constant-time comparison', () => {
    const hash = (byte: number) => Buffer.alloc(32, byte);
    const records = [0, 1, 2, 3].map((byte) => ({ hash: hash(byte).toString('hex') }));
    const compared: number[] = [];
    const equal = (a: Buffer, b: Buffer) => {
      compared.push(a[0] ?? -1);
      return a.equals(b);
    };
    expect(findByHash(records, hash(0), equal)).toBe(0);
    expect(compared).toEqual([0, 1, 2, 3]);
    expect(findByHash(records, hash(9))).toBe(-1);
    expect(findByHash([{ hash: 'abcd' }], hash(0))).toBe(-1);
  });
});
