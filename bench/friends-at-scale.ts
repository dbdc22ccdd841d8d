// Contacts on one Google account (BENCH_CONTACTS, default 50,000), through the
// real core with the host's on-disk stores (conf documents, key-file cipher,
// the encrypted kith.db) against the sandbox over real HTTP:
// - full sync vs a bare fetch + JSON.parse of the same pages in the same run
//   (alternating, BENCH_RUNS each, medians; target ≤ 1.3×);
// - an incremental sync of 100 changes vs the full sync (target ≤ 5 %);
// - a cold open (new core: key unsealed, database opened) + first page (≤ 50 ms at 100k);
// - search in the core over keystroke-like queries, p95 (≤ 5 ms at 100k);
// - RSS right after a sync (≤ 150 MB; the sandbox runs in this process, so it is included).
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig } from '../src-main/core/config';
import { createKithCore, type KithCore } from '../src-main/core/kith-core';
import { createLogger } from '../src-main/core/log/logger';
import type { CorePorts } from '../src-main/core/ports';
import { PEOPLE_PAGE_SIZE, PEOPLE_PERSON_FIELDS } from '../src-main/core/providers/google-contacts';
import { startKithSandbox } from '../src-main/core/testing/kith-sandbox';
import { createSandboxBrowser } from '../src-main/core/testing/sandbox-browser';
import { createConfDocumentStore } from '../src-main/node/conf-document-store';
import { createNodeCipher } from '../src-main/node/node-cipher';
import { createSqliteFriendsDatabase } from '../src-main/node/store/sqlite-friends-database';
import { mib, percentile, report } from './report';

const CONTACTS = Number(process.env.BENCH_CONTACTS ?? 50_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);

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
  return createKithCore(ports, loadConfig(env), { shell: 'host', version: 'bench', autoSync: false });
}

const time = async <T>(work: () => Promise<T>): Promise<[T, number]> => {
  const started = performance.now();
  const result = await work();
  return [result, performance.now() - started];
};
const median = (values: number[]) => percentile(values, 50);

/** What any client must do at least: fetch every page of the same listing and parse it. */
async function bareFetch(peopleRootUrl: string, accessToken: string): Promise<number> {
  let pageToken: string | null = null;
  let people = 0;
  do {
    const url = new URL('v1/people/me/connections', peopleRootUrl);
    url.searchParams.set('personFields', PEOPLE_PERSON_FIELDS);
    url.searchParams.set('pageSize', String(PEOPLE_PAGE_SIZE));
    url.searchParams.set('requestSyncToken', 'true');
    if (pageToken) url.searchParams.set('pageToken', pageToken);
    const response = await fetch(url, { headers: { Authorization: `Bearer ${accessToken}` } });
    const page = JSON.parse(await response.text()) as { connections?: unknown[]; nextPageToken?: string };
    people += page.connections?.length ?? 0;
    pageToken = page.nextPageToken ?? null;
  } while (pageToken);
  return people;
}

const QUERIES = ['a', 'ai', 'aik', 'aiko', 'aiko m', 'aiko men', 'mensah', 'mensah aiko', 'z', 'zo', 'zoe', 'ma', 'mar', 'mari', 'maria', 'lov', 'example', 'example.org', '+1', '555', '555 01', 'q', 'ol', 'ole', 'kofi', 'smith', 'jo', 'joh', 'john', 'li', 'lin', 'wei', 'an', 'ann', 'anna', 'b', 'be', 'ben', 'c', 'ca', 'car', 'carl', 'd', 'da', 'dav', 'e', 'em', 'emi', 'f', 'fa', 'g', 'gr', 'h', 'ha', 'x'];

async function main(): Promise<void> {
  const sandbox = await startKithSandbox({ contacts: CONTACTS });
  const { admin } = sandbox;
  const dataDir = mkdtempSync(path.join(tmpdir(), 'kith-bench-'));
  const env = { ...sandbox.env, KITH_DATA_DIR: dataDir };
  const peopleRootUrl = loadConfig(env).google.peopleRootUrl;
  try {
    let core = await openCore(dataDir, env);
    const account = await core.accounts.connect({ provider: 'google' });
    const fullMs: number[] = [];
    const bareMs: number[] = [];
    let rssAfterSync = 0;
    for (let run = 0; run < RUNS; run++) {
      const accessToken = (await admin.grants({ provider: 'google', kind: 'access', status: 'active' })).tokens.at(-1)!.value;
      const [count, bare] = await time(() => bareFetch(peopleRootUrl, accessToken));
      if (count !== CONTACTS) throw new Error(`bare fetch saw ${count} people`);
      bareMs.push(bare);
      // An expired sync token makes the next sync a full one, as on a first start.
      await admin.expireSyncTokens();
      const [[full], ms] = await time(() => core.sync.run({ accountId: account.id }));
      if (!full?.ok || full.friendCount !== CONTACTS || full.mode !== 'full') throw new Error(`full sync failed: ${JSON.stringify(full)}`);
      fullMs.push(ms);
      rssAfterSync = Math.max(rssAfterSync, process.memoryUsage().rss);
    }
    const incMs: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      await admin.changeContacts({ person: 'ada.lovelace@example.com', updated: 34, deleted: 33, added: 33 });
      const [[inc], ms] = await time(() => core.sync.run({ accountId: account.id }));
      if (!inc?.ok || inc.mode !== 'incremental') throw new Error(`incremental sync failed: ${JSON.stringify(inc)}`);
      incMs.push(ms);
    }
    await core.close();

    // Cold: a new core over the same folder — key unsealed, database opened, first page read.
    const coldMs: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const [opened, openMs] = await time(() => openCore(dataDir, env));
      const [, pageMs] = await time(() => opened.friends.list({ sort: 'first_name', view: 'entries', offset: 0, limit: 200 }));
      coldMs.push(openMs + pageMs);
      if (run < RUNS - 1) await opened.close();
      else core = opened;
    }
    const searchMs: number[] = [];
    for (let round = 0; round < 3; round++) {
      for (const search of QUERIES) searchMs.push((await time(() => core.friends.list({ search, sort: 'first_name', view: 'entries', offset: 0, limit: 50 })))[1]);
    }
    await core.close();
    const storeBytes = readdirSync(dataDir)
      .filter((f) => f.startsWith('kith.db'))
      .reduce((sum, f) => sum + statSync(path.join(dataDir, f)).size, 0);

    const full = median(fullMs);
    const bare = median(bareMs);
    report(`friends at scale (${CONTACTS.toLocaleString('en-US')} contacts, one Google account, medians of ${RUNS})`, {
      bare_fetch_parse_ms: Math.round(bare),
      full_sync_ms: Math.round(full),
      full_sync_vs_bare_fetch_ratio: Math.round((full / bare) * 100) / 100,
      full_sync_contacts_per_s: Math.round(CONTACTS / (full / 1000)),
      incremental_sync_100_changes_ms: Math.round(median(incMs)),
      incremental_vs_full_percent: Math.round((median(incMs) / full) * 1000) / 10,
      cold_open_first_page_ms: Math.round(median(coldMs) * 10) / 10,
      search_p50_ms: Math.round(percentile(searchMs, 50) * 100) / 100,
      search_p95_ms: Math.round(percentile(searchMs, 95) * 100) / 100,
      rss_after_sync_mib: mib(rssAfterSync),
      store_files_mib: mib(storeBytes),
    }, ['the sandbox runs in this process, so RSS includes it and its seeded contacts']);
  } finally {
    await sandbox.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
