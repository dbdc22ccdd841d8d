// The encrypted SQLite friends store at 5,000 / 50,000 / 100,000 contacts
// (the sandbox's seeded People contacts, one Google account, pages of 1,000):
// full loads (contacts per second at each size: linear work keeps the rate),
// an incremental page of 100 changes as a share of a full load, opening the
// store and reading the first page, search latency over keystroke prefixes,
// and the files on disk checked for seeded names, emails and phones.
// Baseline, same run: writing the same people the way the JSON cache does
// today (one document rewritten whole: JSON.stringify + atomic write).
// Each figure is the median of RUNS runs.
//   node --expose-gc --import tsx bench/store-at-scale.ts
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { contactAt } from '../sandbox/seed/contacts';
import { GOOGLE_PEOPLE } from '../sandbox/seed/people';
import { writeFileAtomic } from '../src-main/node/atomic-write';
import type { FriendsStorePort, StoredPerson } from '../src-main/node/store/friends-store-port';
import { openKithDatabase, type KithDatabase } from '../src-main/node/store/kith-database';
import { kithMigrations } from '../src-main/node/store/kith-schema';
import { createSqliteFriendsStore } from '../src-main/node/store/sqlite-friends-store';
import { mib, percentile, report } from './report';

const SIZES = [5_000, 50_000, 100_000];
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const PAGE = 1_000;
const ACCOUNT = 'acc_bench_google';
const seeded = GOOGLE_PEOPLE[0]!;

function contact(index: number, revision = 0): StoredPerson {
  const c = contactAt(seeded, index, revision);
  return {
    personId: c.resourceName,
    displayName: `${c.givenName} ${c.familyName}`,
    givenName: c.givenName,
    familyName: c.familyName,
    emails: [{ value: c.email, label: 'home' }],
    phones: [{ value: c.phoneDisplay, label: 'mobile', canonical: c.phoneE164 }],
    avatarUrl: `http://127.0.0.1:4545${c.avatarPath}`,
    providerUpdatedAt: new Date(Date.UTC(2025, 0, 1) + index * 1000).toISOString(),
  };
}

const median = (values: number[]) => percentile(values, 50);
const time = <T>(work: () => Promise<T>) => {
  const started = performance.now();
  return work().then((result) => [result, performance.now() - started] as const);
};

interface Folder {
  dir: string;
  file: string;
  keyHex: string;
}

function newFolder(): Folder {
  const dir = mkdtempSync(path.join(tmpdir(), 'kith-store-bench-'));
  return { dir, file: path.join(dir, 'kith.db'), keyHex: randomBytes(32).toString('hex') };
}

const open = (f: Folder) => openKithDatabase({ file: f.file, keyHex: f.keyHex, migrations: kithMigrations });

async function fullLoad(store: FriendsStorePort, size: number, revision = 0): Promise<void> {
  await store.beginSync(ACCOUNT, 'google', 'full');
  for (let start = 0; start < size; start += PAGE) {
    const upserts = Array.from({ length: Math.min(PAGE, size - start) }, (_, k) => contact(start + k, revision));
    const last = start + PAGE >= size;
    await store.applyPage(ACCOUNT, { upserts, deletes: [], syncState: { cursor: last ? null : `page-${start + PAGE}`, syncToken: last ? 'bench-token' : undefined } });
  }
}

/** 100 changes in one page: 50 edits (half of them renames), 25 deletions, 25 new people. */
async function incremental(store: FriendsStorePort, size: number, round: number): Promise<void> {
  const at = (k: number) => (k * 997 + round * 7919) % size;
  const edits = Array.from({ length: 50 }, (_, k) => (k % 2 === 0 ? contact(at(k), round + 1) : { ...contact(at(k)), emails: [{ value: `changed.${round}.${k}@example.net`, label: null }] }));
  const added = Array.from({ length: 25 }, (_, k) => contact(size + round * 25 + k));
  const deletes = Array.from({ length: 25 }, (_, k) => contact(at(50 + k)).personId);
  await store.beginSync(ACCOUNT, 'google', 'incremental');
  await store.applyPage(ACCOUNT, { upserts: [...edits, ...added], deletes, syncState: { cursor: null, syncToken: `bench-token-${round}` } });
}

/** Today's cache: the whole list as one JSON document, rewritten atomically. */
async function jsonBaseline(dir: string, size: number): Promise<number> {
  const people = Array.from({ length: size }, (_, i) => contact(i));
  const started = performance.now();
  const tuples = people.map((p) => [p.personId, p.displayName, p.emails[0]?.value ?? null, p.phones[0]?.value ?? null, p.avatarUrl]);
  await writeFileAtomic(path.join(dir, 'friends-baseline.json'), JSON.stringify({ version: 1, people: tuples }));
  return performance.now() - started;
}

// What a person types, one keystroke at a time, plus the terms of the older bench.
const TYPED = ['aiko mensah', 'kwame', 'lucia.gonzalez', '(212) 555-01', '+1 2'];
const QUERIES = [
  ...TYPED.flatMap((text) => Array.from({ length: text.length }, (_, i) => text.slice(0, i + 1)).filter((q) => q.trim() !== '' && !q.endsWith(' '))),
  ...['a', 'ma', 'lov', 'zz', 'example.org', '+1', 'Aiko', 'mensah', 'q', 'ol', 'ménsah àiko', '555 0'],
];

async function main(): Promise<void> {
  const figures: Record<string, number> = {};
  const notes: string[] = [];
  const scratch = newFolder();
  let lastFolder: Folder | null = null;
  let lastDb: KithDatabase | null = null;
  try {
    for (const size of SIZES) {
      const loads: number[] = [];
      const baselines: number[] = [];
      for (let run = 0; run < RUNS; run++) {
        if (lastDb) lastDb.close();
        if (lastFolder) rmSync(lastFolder.dir, { recursive: true, force: true });
        const folder = newFolder();
        const db = await open(folder);
        const store = createSqliteFriendsStore(db);
        loads.push((await time(() => fullLoad(store, size)))[1]);
        baselines.push(await jsonBaseline(scratch.dir, size));
        lastFolder = folder;
        lastDb = db;
      }
      const loadMs = median(loads);
      figures[`full_load_${size}_ms`] = Math.round(loadMs);
      figures[`full_load_${size}_contacts_per_s`] = Math.round(size / (loadMs / 1000));
      figures[`json_rewrite_${size}_ms`] = Math.round(median(baselines));

      if (size >= 50_000) {
        const store = createSqliteFriendsStore(lastDb!);
        const incs: number[] = [];
        for (let round = 0; round < RUNS; round++) incs.push((await time(() => incremental(store, size, round)))[1]);
        figures[`incremental_100_at_${size}_ms`] = Math.round(median(incs) * 10) / 10;
        figures[`incremental_100_at_${size}_pct_of_full`] = Math.round((median(incs) / loadMs) * 1000) / 10;
      }
    }
    figures.linearity_100k_rate_over_5k_rate =
      Math.round((figures.full_load_100000_contacts_per_s! / figures.full_load_5000_contacts_per_s!) * 100) / 100;

    // The 100,000-contact store from the last run: reopen it and read the first page, as a new process would.
    const folder = lastFolder!;
    lastDb!.close();
    global.gc?.();
    const opens: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const [db, ms] = await time(async () => {
        const db = await open(folder);
        const page = await createSqliteFriendsStore(db).search({ limit: 200 });
        if (page.items.length !== 200) throw new Error('first page incomplete');
        return db;
      });
      opens.push(ms);
      db.close();
    }
    figures.open_and_first_page_100k_ms = Math.round(median(opens) * 10) / 10;
    // The same in a new process each time (binding loaded, nothing cached in the process).
    const child = path.join(import.meta.dirname, 'store-cold-open.child.ts');
    const cold = Array.from({ length: RUNS }, () => {
      const out = execFileSync(process.execPath, ['--import', 'tsx', child, folder.file, folder.keyHex], { encoding: 'utf8' });
      return JSON.parse(out.trim().split('\n').at(-1)!) as { bindingLoadMs: number; openAndFirstPageMs: number };
    });
    figures.new_process_binding_load_ms = Math.round(median(cold.map((c) => c.bindingLoadMs)) * 10) / 10;
    figures.new_process_open_and_first_page_100k_ms = Math.round(median(cold.map((c) => c.openAndFirstPageMs)) * 10) / 10;

    const db = await open(folder);
    const store = createSqliteFriendsStore(db);
    const p95s: number[] = [];
    const p50s: number[] = [];
    const maxes: number[] = [];
    let matched = 0;
    for (let run = 0; run < RUNS; run++) {
      const samples: number[] = [];
      for (const text of QUERIES) {
        const [page, ms] = await time(() => store.search({ text, limit: 50 }));
        samples.push(ms);
        if (run === 0 && page.total > 0) matched++;
      }
      p95s.push(percentile(samples, 95));
      p50s.push(percentile(samples, 50));
      maxes.push(Math.max(...samples));
    }
    figures.search_queries = QUERIES.length;
    figures.search_queries_with_matches = matched;
    figures.search_p50_100k_ms = Math.round(median(p50s) * 100) / 100;
    figures.search_p95_100k_ms = Math.round(median(p95s) * 100) / 100;
    figures.search_max_100k_ms = Math.round(median(maxes) * 100) / 100;

    // Scrolling a broad result: the tenth page of "a" through the cursor.
    const deep: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      let after: string | null = null;
      let last = 0;
      for (let page = 0; page < 10; page++) {
        const [result, ms] = await time(() => store.search({ text: 'a', limit: 50, after }));
        after = result.nextCursor;
        last = ms;
      }
      deep.push(last);
    }
    figures.search_tenth_page_of_a_ms = Math.round(median(deep) * 100) / 100;
    db.close();

    const files = readdirSync(folder.dir);
    const onDisk = Buffer.concat(files.map((f) => readFileSync(path.join(folder.dir, f))));
    figures.store_files_mib = mib(files.reduce((sum, f) => sum + statSync(path.join(folder.dir, f)).size, 0));
    const needles = [0, 1, 777, 4_242, 99_999].flatMap((i) => {
      const c = contactAt(seeded, i, 0);
      return [`${c.givenName} ${c.familyName}`, c.email, c.phoneDisplay, c.phoneE164];
    });
    figures.seeded_strings_checked = needles.length;
    figures.seeded_strings_found_on_disk = needles.filter((n) => onDisk.includes(n)).length;
    figures.rss_mib = mib(process.memoryUsage().rss);
    notes.push(`median of ${RUNS} runs; search p95 is over ${QUERIES.length} queries (keystroke prefixes and older bench terms), limit 50, with the total count`);
    notes.push('targets: open + first page <= 50 ms, search p95 <= 5 ms, incremental 100 changes <= 5% of a full load, no seeded string on disk');
    notes.push('full load = beginSync + pages of 1,000 + the last page swapping the staged list in; json_rewrite = the same people written as today’s cache document');
  } finally {
    lastDb?.close();
    if (lastFolder) rmSync(lastFolder.dir, { recursive: true, force: true });
    rmSync(scratch.dir, { recursive: true, force: true });
  }
  report('store at scale (encrypted SQLite, one Google account)', figures, notes);
}

await main();
