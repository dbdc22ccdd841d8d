import { describe, expect, it } from 'vitest';
import { createRecordingLogger } from '../testing/recording-logger';
import { AccessLog } from './access-log';
import { AccessLogBatch } from './access-log-batch';

const entry = (at: number, tokenId = 'tok_aaaaaaaaaaaaaaaa', status = 200) => ({ at, tokenId, method: 'GET', path: `/api/v1/friends?limit=${at}`, status, durationMs: at / 10, bytes: at * 3 });

describe('AccessLogBatch', () => {
  it('gives back every entry as recorded, oldest first, and is empty after', () => {
    const batch = new AccessLogBatch(5);
    const recorded = [entry(1), entry(2, 'tok_bbbbbbbbbbbbbbbb', 404), entry(3)];
    for (const e of recorded) batch.push(e);
    expect(batch.length).toBe(3);
    expect(batch.drain()).toEqual(recorded);
    expect(batch.length).toBe(0);
    expect(batch.drain()).toEqual([]);
    // Used again after a drain: nothing of the last batch comes back.
    batch.push(entry(9));
    expect(batch.drain()).toEqual([entry(9)]);
  });

  it('keeps the newest entries when more arrive than it holds', () => {
    const batch = new AccessLogBatch(3);
    for (let at = 1; at <= 7; at++) batch.push(entry(at));
    expect(batch.length).toBe(3);
    expect(batch.drain().map((e) => e.at)).toEqual([5, 6, 7]);
    for (let at = 10; at <= 14; at++) batch.push(entry(at));
    expect(batch.filter(() => true).map((e) => e.at)).toEqual([12, 13, 14]);
  });

  it('picks and counts entries by token and status without draining them', () => {
    const batch = new AccessLogBatch(10);
    batch.push(entry(1));
    batch.push(entry(2, 'tok_bbbbbbbbbbbbbbbb', 429));
    batch.push(entry(3, 'tok_aaaaaaaaaaaaaaaa', 403));
    expect(batch.filter((id, status) => id === 'tok_aaaaaaaaaaaaaaaa' && status >= 400).map((e) => e.at)).toEqual([3]);
    expect([...batch.countInto(new Map([['tok_cccccccccccccccc', 4]]))]).toEqual([
      ['tok_cccccccccccccccc', 4],
      ['tok_aaaaaaaaaaaaaaaa', 2],
      ['tok_bbbbbbbbbbbbbbbb', 1],
    ]);
    expect(batch.length).toBe(3);
  });
});

describe('AccessLog without a store', () => {
  it('keeps what it could not write, in order, for its readers and the next flush', async () => {
    let store: { appended: string[]; append: (entries: readonly { path: string }[]) => Promise<void> } | null = null;
    const accessLog = new AccessLog({
      store: async () =>
        store && {
          append: store.append,
          entries: async () => [],
          counts: async () => new Map(),
          failures: async () => [],
        },
      clock: { now: () => 1_700_000_000_000 },
      log: createRecordingLogger(),
      scheduleFlush: () => {},
    });
    accessLog.record(entry(1));
    await accessLog.flush();
    accessLog.record(entry(2));
    const first = accessLog.flush();
    accessLog.record(entry(3));
    await Promise.all([first, accessLog.flush()]);
    expect((await accessLog.entries('tok_aaaaaaaaaaaaaaaa')).map((e) => e.at)).toEqual([3, 2, 1]);
    expect((await accessLog.counts()).get('tok_aaaaaaaaaaaaaaaa')).toBe(3);

    const appended: string[] = [];
    store = { appended, append: async (entries) => void appended.push(...entries.map((e) => e.path)) };
    accessLog.record(entry(4));
    await accessLog.flush();
    expect(appended).toEqual([1, 2, 3, 4].map((at) => `/api/v1/friends?limit=${at}`));
  });
});
