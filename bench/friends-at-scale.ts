// 50,000 contacts on one Google account, through the real core with the host's
// on-disk store and cipher, against the sandbox over real HTTP: full sync,
// incremental sync, a cold start reading the cache back, paging and search.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, statSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig } from '../src-main/core/config';
import { createKithCore, type KithCore } from '../src-main/core/kith-core';
import { createLogger } from '../src-main/core/log/logger';
import type { CorePorts } from '../src-main/core/ports';
import { createSandboxBrowser } from '../src-main/core/testing/sandbox-browser';
import { createConfDocumentStore } from '../src-main/node/conf-document-store';
import { createNodeCipher } from '../src-main/node/node-cipher';
import { createSqliteFriendsDatabase } from '../src-main/node/store/sqlite-friends-database';
import { startKithSandbox } from '../src-main/core/testing/kith-sandbox';
import { mib, percentile, report } from './report';

const CONTACTS = Number(process.env.BENCH_CONTACTS ?? 50_000);

async function openCore(dataDir: string, env: Record<string, string>): Promise<KithCore> {
  const log = createLogger({ level: 'error' });
  const store = await createConfDocumentStore({ dir: dataDir, log });
  const ports: CorePorts = {
    cipher: createNodeCipher({ dataDir, keyring: null, log }),
    store,
    friendsDatabase: createSqliteFriendsDatabase({ dataDir }),
    browser: createSandboxBrowser(),
    fetch: globalThis.fetch,
    clock: { now: () => Date.now() },
    randomBytes: (size) => new Uint8Array(randomBytes(size)),
    log,
  };
  return createKithCore(ports, loadConfig(env), { shell: 'host', version: 'bench' });
}

const time = async <T>(work: () => Promise<T>): Promise<[T, number]> => {
  const started = performance.now();
  const result = await work();
  return [result, performance.now() - started];
};

async function main(): Promise<void> {
  const sandbox = await startKithSandbox({ contacts: CONTACTS });
  const { admin } = sandbox;
  const dataDir = mkdtempSync(path.join(tmpdir(), 'kith-bench-'));
  const env = { ...sandbox.env, KITH_DATA_DIR: dataDir };
  try {
    let core = await openCore(dataDir, env);
    const account = await core.accounts.connect({ provider: 'google' });
    global.gc?.();
    const heapBefore = process.memoryUsage().heapUsed;
    let peakRss = 0;
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 20);
    const [[full], fullMs] = await time(() => core.sync.run({ accountId: account.id }));
    clearInterval(sampler);
    if (!full?.ok || full.friendCount !== CONTACTS) throw new Error(`full sync failed: ${JSON.stringify(full)}`);
    global.gc?.();
    const heapAfter = process.memoryUsage().heapUsed;

    await admin.changeContacts({ person: 'ada.lovelace@example.com', updated: 100, deleted: 100, added: 100 });
    const [[inc], incMs] = await time(() => core.sync.run({ accountId: account.id }));
    if (!inc?.ok || inc.mode !== 'incremental') throw new Error(`incremental sync failed: ${JSON.stringify(inc)}`);
    await core.close();

    // A cold start: a new core reads the cache from disk for its first query.
    core = await openCore(dataDir, env);
    const [, coldMs] = await time(() => core.friends.list({ offset: 0, limit: 200 }));
    const pageTimes: number[] = [];
    for (let offset = 0; offset < 20_000; offset += 1000) pageTimes.push((await time(() => core.friends.list({ offset, limit: 200 })))[1]);
    const searchTimes: number[] = [];
    for (const term of ['a', 'ma', 'lov', 'zz', 'example.org', '+1', 'Aiko', 'mensah', 'q', 'ol']) {
      searchTimes.push((await time(() => core.friends.list({ search: term, offset: 0, limit: 200 })))[1]);
    }
    await core.close();
    const cacheBytes = readdirSync(dataDir)
      .filter((f) => f.startsWith('kith.db'))
      .reduce((sum, f) => sum + statSync(path.join(dataDir, f)).size, 0);

    report(`friends at scale (${CONTACTS.toLocaleString('en-US')} contacts, one Google account)`, {
      full_sync_ms: Math.round(fullMs),
      full_sync_contacts_per_s: Math.round(CONTACTS / (fullMs / 1000)),
      incremental_sync_300_changes_ms: Math.round(incMs),
      cold_first_page_ms: Math.round(coldMs),
      page_p50_ms: percentile(pageTimes, 50),
      page_p95_ms: percentile(pageTimes, 95),
      search_p50_ms: percentile(searchTimes, 50),
      search_p95_ms: percentile(searchTimes, 95),
      heap_retained_after_sync_mib: mib(heapAfter - heapBefore),
      peak_rss_during_sync_mib: mib(peakRss),
      cache_file_mib: mib(cacheBytes),
    }, [global.gc ? 'heap measured after gc' : 'run with node --expose-gc for exact heap figures', 'sandbox runs in the same process, so RSS includes it']);
  } finally {
    await sandbox.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
