import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KithDatabase } from '../../node/store/kith-database';
import { createSqliteAccessLogStore } from '../../node/store/sqlite-access-log-store';
import { tempFolder, type TempFolder } from '../../node/store/testing/temp-database';
import { createRecordingLogger } from '../testing/recording-logger';
import { ACCESS_LOG_MAX_AGE_MS, ACCESS_LOG_MAX_ENTRIES, AccessLog, loggablePath } from './access-log';

let folder: TempFolder;
const opened: KithDatabase[] = [];
beforeEach(async () => {
  folder = await tempFolder();
});
afterEach(async () => {
  for (const db of opened.splice(0)) db.close();
  await folder.remove();
});

async function setup() {
  const log = createRecordingLogger();
  const clock = { time: 1_700_000_000_000, now: () => clock.time };
  const flushes: (() => void)[] = [];
  // Each AccessLog has its own connection to the file, as `kith serve` and `kith token log` do.
  const open = async () => {
    const db = await folder.open();
    opened.push(db);
    const store = createSqliteAccessLogStore(db);
    return { db, accessLog: new AccessLog({ store: async () => store, clock, log, scheduleFlush: (f) => flushes.push(f) }) };
  };
  const first = await open();
  return { clock, flushes, open, ...first };
}

const entry = (at: number, status = 200, tokenId = 'tok_aaaaaaaaaaaaaaaa') => ({ at, tokenId, method: 'GET', path: '/api/v1/friends?limit=5', status, durationMs: 1.5, bytes: 120 });
const rows = (db: KithDatabase) => db.sql.first<{ n: number }>('SELECT count(*) AS n FROM access_log')!.n;

describe('AccessLog in the Kith database', () => {
  it('shows a request at once, appends it in one batch, and another process reads it back, newest first', async () => {
    const { db, accessLog, open, flushes, clock } = await setup();
    accessLog.record(entry(clock.time));
    accessLog.record(entry(clock.time + 1, 401));
    expect(rows(db)).toBe(0);
    expect((await accessLog.entries('tok_aaaaaaaaaaaaaaaa')).map((e) => e.status)).toEqual([401, 200]);
    expect(flushes).toHaveLength(1);
    await accessLog.flush();
    expect(rows(db)).toBe(2);
    const other = (await open()).accessLog;
    expect((await other.entries('tok_aaaaaaaaaaaaaaaa')).map((e) => e.status)).toEqual([401, 200]);
    expect((await other.entries('tok_aaaaaaaaaaaaaaaa', { status: { min: 400, max: 499 } })).map((e) => e.status)).toEqual([401]);
    expect(await other.entries('tok_bbbbbbbbbbbbbbbb')).toEqual([]);
    expect((await other.counts()).get('tok_aaaaaaaaaaaaaaaa')).toBe(2);
  });

  it('keeps the newest 10,000 entries and nothing older than 30 days', async () => {
    const { db, accessLog, clock } = await setup();
    accessLog.record(entry(clock.time - ACCESS_LOG_MAX_AGE_MS - 1));
    accessLog.record(entry(clock.time - 1));
    await accessLog.flush();
    expect((await accessLog.entries('tok_aaaaaaaaaaaaaaaa')).map((e) => e.at)).toEqual([clock.time - 1]);
    for (let i = 0; i < ACCESS_LOG_MAX_ENTRIES + 5; i++) accessLog.record(entry(clock.time + i));
    await accessLog.flush();
    expect(rows(db)).toBe(ACCESS_LOG_MAX_ENTRIES);
    const kept = await accessLog.entries('tok_aaaaaaaaaaaaaaaa');
    expect(kept).toHaveLength(ACCESS_LOG_MAX_ENTRIES);
    expect(kept[0]!.at).toBe(clock.time + ACCESS_LOG_MAX_ENTRIES + 4);
    expect(kept.at(-1)!.at).toBe(clock.time + 5);
  });

  it('counts failed authentications per source without keeping what was sent', async () => {
    const { db, accessLog } = await setup();
    accessLog.failed('127.0.0.1');
    accessLog.failed('127.0.0.1');
    await accessLog.flush();
    accessLog.failed('127.0.0.1');
    accessLog.failed('::1');
    expect((await accessLog.failures()).map((f) => [f.source, f.count])).toEqual([
      ['127.0.0.1', 3],
      ['::1', 1],
    ]);
    const columns = db.sql.all<{ name: string }>("SELECT name FROM pragma_table_info('auth_failures')").map((c) => c.name);
    expect(columns.sort()).toEqual(['count', 'last_at', 'source']);
  });

  it('drops the value of any secret-looking query parameter, and a token in the path', () => {
    expect(loggablePath('/api/v1/friends?limit=5&access_token=kith_p_abc&search=ada')).toBe('/api/v1/friends?limit=5&access_token=redacted&search=ada');
    expect(loggablePath('/launch?token=kith_l_x')).toBe('/launch?token=redacted');
    expect(loggablePath('/api/v1/kith_p_abc123/friends')).toBe('/api/v1/redacted/friends');
  });
});

describe('a busy second', () => {
  it('writes thousands of entries in slices without losing or reordering one, and the failures once', async () => {
    const { db, accessLog, clock } = await setup();
    for (let i = 0; i < 1_234; i++) accessLog.record(entry(clock.time + i, i % 7 === 0 ? 429 : 200));
    accessLog.failed('127.0.0.1');
    accessLog.failed('127.0.0.1');
    await accessLog.flush();
    expect(rows(db)).toBe(1_234);
    const ats = (await accessLog.entries('tok_aaaaaaaaaaaaaaaa')).map((e) => e.at);
    expect(ats).toEqual(Array.from({ length: 1_234 }, (_, i) => clock.time + 1_233 - i));
    expect(await accessLog.failures()).toEqual([{ source: '127.0.0.1', count: 2, lastAt: clock.time }]);
  });

  it('redacts a repeated path every time, and leaves a plain one as it is', () => {
    for (let i = 0; i < 3; i++) {
      expect(loggablePath('/api/v1/friends?limit=5&token=kith_p_abc')).toBe('/api/v1/friends?limit=5&token=redacted');
      expect(loggablePath('/api/v1/friends?limit=5')).toBe('/api/v1/friends?limit=5');
    }
  });
});
