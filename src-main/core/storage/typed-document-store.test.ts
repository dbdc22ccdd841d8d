import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { KithError } from '../../../src-contract/kith-api';
import { createRecordingLogger } from '../testing/recording-logger';
import type { DocumentName, DocumentStore, StoreReadResult } from '../ports';
import { MemoryDocumentStore } from '../testing/memory-document-store';
import { defineDocument, TypedDocumentStore } from './typed-document-store';

const Settings = defineDocument('settings', z.object({ version: z.literal(1), theme: z.enum(['light', 'dark']) }).strict());

function setup() {
  const store = new MemoryDocumentStore({ now: () => 1_700_000_000_000 });
  const log = createRecordingLogger();
  const reported: unknown[] = [];
  const documents = new TypedDocumentStore(store, log, { onProblem: (problem) => reported.push(problem) });
  return { store, log, documents, reported };
}

describe('TypedDocumentStore', () => {
  it('round-trips a valid document and reads a missing one as missing', async () => {
    const { documents } = setup();
    expect(await documents.read(Settings)).toEqual({ kind: 'missing' });
    await documents.write(Settings, { version: 1, theme: 'dark' });
    expect(await documents.read(Settings)).toEqual({ kind: 'ok', value: { version: 1, theme: 'dark' } });
  });

  it('shares one frozen, validated copy between reads until the document changes, whoever changes it', async () => {
    const { store, documents } = setup();
    await documents.write(Settings, { version: 1, theme: 'dark' });
    const first = await documents.readShared(Settings, () => ({ version: 1 as const, theme: 'light' as const }));
    expect(first).toEqual({ version: 1, theme: 'dark' });
    expect(await documents.readShared(Settings, () => ({ version: 1 as const, theme: 'light' as const }))).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    // Another process's write reaches the same store underneath.
    store.putRaw('settings', '{"version":1,"theme":"light"}');
    expect(await documents.readShared(Settings, () => ({ version: 1 as const, theme: 'dark' as const }))).toEqual({ version: 1, theme: 'light' });
    await documents.remove(Settings);
    expect(await documents.readShared(Settings, () => ({ version: 1 as const, theme: 'dark' as const }))).toEqual({ version: 1, theme: 'dark' });
  });

  it('moves a corrupt file aside, reports it once, and reads as missing afterwards', async () => {
    const { store, documents, log, reported } = setup();
    store.putRaw('settings', '{"version":1,"theme":"da');
    const result = await documents.read(Settings);
    expect(result.kind).toBe('recovered');
    if (result.kind !== 'recovered') return;
    expect(result.problem).toMatchObject({ document: 'settings', kind: 'corrupt', movedTo: 'settings.corrupt-1700000000000.json' });
    expect(result.problem.message).toMatch(/damaged.*moved aside to settings\.corrupt-1700000000000\.json/);
    // The bad bytes are kept, not dropped.
    expect(store.raw('settings.corrupt-1700000000000.json')).toBe('{"version":1,"theme":"da');
    expect(reported).toHaveLength(1);
    expect(documents.problems()).toHaveLength(1);
    expect(log.entries.some((entry) => entry.level === 'warn' && entry.message === 'document moved aside')).toBe(true);
    expect(await documents.read(Settings)).toEqual({ kind: 'missing' });
  });

  it('moves a file that fails the schema aside without logging its contents', async () => {
    const { store, documents, log } = setup();
    const secret = 'ya29.should-never-be-logged-0123456789';
    await store.write('settings', { version: 1, theme: secret });
    const result = await documents.readOr(Settings, () => ({ version: 1 as const, theme: 'light' as const }));
    expect(result.value).toEqual({ version: 1, theme: 'light' });
    expect(result.problem).toMatchObject({ kind: 'invalid', movedTo: 'settings.invalid-1700000000000.json' });
    expect(result.problem?.message).toContain('theme');
    expect(store.raw('settings.invalid-1700000000000.json')).toContain(secret);
    expect(log.text()).not.toContain('should-never-be-logged');
    expect(result.problem?.message).not.toContain('should-never-be-logged');
  });

  it('keeps a copy under a new name when the store cannot rename', async () => {
    const inner = new MemoryDocumentStore();
    const noMove: DocumentStore = {
      location: 'memory',
      read: (name: DocumentName): Promise<StoreReadResult> => inner.read(name),
      write: (name, value) => inner.write(name, value),
      remove: (name) => inner.remove(name),
    };
    const documents = new TypedDocumentStore(noMove, createRecordingLogger(), { now: () => 42 });
    await inner.write('settings', { version: 2 });
    const result = await documents.read(Settings);
    expect(result).toMatchObject({ kind: 'recovered', problem: { movedTo: 'settings-invalid-42' } });
    expect(inner.raw('settings-invalid-42')).toBe('{"version":2}');
    expect(inner.raw('settings')).toBeUndefined();
  });

  it('refuses to write a value its own schema would reject', async () => {
    const { documents, store } = setup();
    // @ts-expect-error an invalid theme on purpose
    await expect(documents.write(Settings, { version: 1, theme: 'pink' })).rejects.toMatchObject({ code: 'E_INTERNAL' });
    expect(store.names()).toEqual([]);
  });

  it('turns a store failure into E_STORAGE instead of a crash', async () => {
    const failing: DocumentStore = {
      location: '/nowhere',
      read: async () => {
        throw Object.assign(new Error('permission denied'), { code: 'EACCES' });
      },
      write: async () => {
        throw Object.assign(new Error('disk full'), { code: 'ENOSPC' });
      },
      remove: async () => {},
    };
    const documents = new TypedDocumentStore(failing, createRecordingLogger());
    const read = documents.read(Settings);
    await expect(read).rejects.toBeInstanceOf(KithError);
    await expect(read).rejects.toMatchObject({ code: 'E_STORAGE', message: expect.stringContaining('EACCES') });
    await expect(documents.write(Settings, { version: 1, theme: 'dark' })).rejects.toMatchObject({ code: 'E_STORAGE' });
  });

  it('runs read-modify-writes of one document one at a time, under the store lock', async () => {
    const store = new MemoryDocumentStore();
    const events: string[] = [];
    const lock = store.lock.bind(store);
    store.lock = async (name) => {
      events.push(`lock ${name}`);
      const release = await lock(name);
      return async () => {
        events.push(`release ${name}`);
        await release();
      };
    };
    // Two layers over one store, as two services might hold: still no lost update.
    const a = new TypedDocumentStore(store, createRecordingLogger());
    const b = new TypedDocumentStore(store, createRecordingLogger());
    const Counter = defineDocument('counter', z.object({ n: z.number() }));
    const increment = (documents: TypedDocumentStore) =>
      documents.exclusive(Counter, async () => {
        const { value } = await documents.readOr(Counter, () => ({ n: 0 }));
        await new Promise((resolve) => setTimeout(resolve, 1));
        await documents.write(Counter, { n: value.n + 1 });
        return value.n + 1;
      });
    const results = await Promise.all([increment(a), increment(b), increment(a), increment(b)]);
    expect(results.sort()).toEqual([1, 2, 3, 4]);
    expect(await a.read(Counter)).toEqual({ kind: 'ok', value: { n: 4 } });
    expect(events.filter((e) => e.startsWith('lock'))).toHaveLength(4);
    expect(events.filter((e) => e.startsWith('release'))).toHaveLength(4);
  });

  it('releases the lock when the task fails, and reports a lock failure as E_STORAGE', async () => {
    const store = new MemoryDocumentStore();
    const documents = new TypedDocumentStore(store, createRecordingLogger());
    await expect(documents.exclusive('counter', async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(documents.exclusive('counter', async () => 'next')).resolves.toBe('next');
    store.lock = async () => {
      throw Object.assign(new Error('read-only file system'), { code: 'EROFS' });
    };
    await expect(documents.exclusive('counter', async () => 1)).rejects.toMatchObject({ code: 'E_STORAGE', message: expect.stringContaining('EROFS') });
  });

  it('update saves an edited document, from the fallback when missing, and skips the write when nothing changed', async () => {
    const { store, documents } = setup();
    const light = () => ({ version: 1 as const, theme: 'light' as const });
    expect(await documents.update(Settings, light, (value) => ({ result: value.theme, changed: false }))).toBe('light');
    expect(store.writes.get('settings')).toBeUndefined();
    await documents.update(Settings, light, (value) => {
      value.theme = 'dark';
      return { result: undefined, changed: true };
    });
    expect(await documents.read(Settings)).toEqual({ kind: 'ok', value: { version: 1, theme: 'dark' } });
    expect(store.writes.get('settings')).toBe(1);
  });

  it('rejects document names that could escape the data folder', () => {
    expect(() => defineDocument('../etc/passwd', z.unknown())).toThrow(KithError);
    expect(() => defineDocument('friends-acc_AbC123', z.unknown())).not.toThrow();
  });
});
