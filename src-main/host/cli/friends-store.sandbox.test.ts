// The friends store on disk as the host uses it (conf documents, key-file
// cipher, encrypted kith.db), with the real core against the sandbox over
// HTTP, in real processes: no contact's name, email or phone is readable in
// any file of the data folder; a sync killed at any moment leaves the old or
// the new list and no stray temp file; and one process can sync while
// another lists (WAL and the busy timeout, no lock files of Kith's own).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FriendPageSchema } from '../../../src-contract/kith-api';
import { loadConfig } from '../../core/config';
import { createKithCore } from '../../core/kith-core';
import { startKithSandbox, type KithSandbox } from '../../core/testing/kith-sandbox';
import { createHostPorts } from './host-ports';

const CHILD = fileURLToPath(new URL('./testing/friends-core.child.ts', import.meta.url));
const CONTACTS = 1_000;
/** Eight or more characters that are not control characters nor U+FFFD. */
const PRINTABLE_RUN = /[^\p{Cc}\ufffd]{8,}/gu;

let env: KithSandbox;
let dataDir: string;

beforeAll(async () => {
  env = await startKithSandbox({ contacts: CONTACTS });
  dataDir = await mkdtemp(path.join(tmpdir(), 'kith-friends-disk-'));
  const connected = await runChild('connect');
  expect(JSON.parse(connected.stdout.trim())).toMatchObject({ ok: true, friendCount: CONTACTS });
}, 120_000);
afterAll(async () => {
  await env?.close();
  await rm(dataDir, { recursive: true, force: true });
});

function spawnChild(mode: string, extra: string[] = []): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', CHILD, mode, dataDir, env.env.KITH_SANDBOX_URL, env.env.KITH_FACEBOOK_REDIRECT_URI, ...extra], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

function runChild(mode: string, extra: string[] = []): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const proc = spawnChild(mode, extra);
    const out = { stdout: '', stderr: '' };
    proc.stdout!.on('data', (c: Buffer) => (out.stdout += c.toString()));
    proc.stderr!.on('data', (c: Buffer) => (out.stderr += c.toString()));
    proc.on('error', reject);
    proc.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`child ${mode} exited ${code}: ${out.stderr.slice(0, 1500)}`))));
  });
}

/** Starts a sync loop and SIGKILLs it `delayMs` after it is ready. */
function syncAndKill(delayMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const proc = spawnChild('sync-loop');
    let stdout = '';
    let stderr = '';
    proc.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
    proc.stdout!.on('data', (c: Buffer) => {
      const first = stdout === '';
      stdout += c.toString();
      if (first && stdout.includes('ready')) setTimeout(() => proc.kill('SIGKILL'), delayMs);
    });
    proc.on('error', reject);
    proc.on('exit', (_code, signal) => (signal === 'SIGKILL' ? resolve(stdout) : reject(new Error(`sync loop exited on its own: ${stderr.slice(0, 1500)}`))));
  });
}

/** A core in this process over the same data folder, as `kith` run next would be. */
async function openCore() {
  const config = loadConfig({ ...env.env, KITH_DATA_DIR: dataDir, KITH_KEYRING: 'none', KITH_BROWSER: 'none' });
  const ports = await createHostPorts({ config, noBrowser: true, printErr: () => {} });
  return createKithCore(ports, config, { shell: 'host', version: 'test', autoSync: false });
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

describe('the friends store on disk', () => {
  it('holds no seeded contact name, email or phone readable in any file of the data folder', async () => {
    const core = await openCore();
    const [account] = await core.accounts.list({});
    const needles = new Set<string>();
    for (let offset = 0; ; offset += 1000) {
      const page = FriendPageSchema.parse(await core.friends.list({ sort: 'first_name', view: 'entries', offset, limit: 1000 }));
      for (const f of page.items) {
        for (const value of [f.name, f.email, f.phone, f.phone?.replace(/\D/g, '')]) {
          // Short strings turn up by chance in megabytes of ciphertext; eight characters do not.
          if (value && value.length >= 8 && value !== account?.displayName && value !== account?.email) needles.add(value);
        }
      }
      if (page.items.length < 1000) break;
    }
    await core.close();
    expect(needles.size).toBeGreaterThan(CONTACTS);
    const files = await filesUnder(dataDir);
    expect(files.map((f) => path.basename(f))).toContain('kith.db');
    const found: string[] = [];
    for (const file of files) {
      const bytes = await readFile(file);
      // As `strings` does: runs of printable text, in which every needle is looked for.
      const runs = [bytes.toString('latin1'), bytes.toString('utf8'), bytes.toString('utf16le')].flatMap((text) => text.match(PRINTABLE_RUN) ?? []);
      for (const run of runs) for (const needle of needles) if (run.includes(needle)) found.push(`${path.basename(file)}: ${needle}`);
    }
    expect(found).toEqual([]);
  }, 60_000);

  it('killed 20 times mid-sync, leaves the old or the new list each time and no stray temp file', async () => {
    let previous = CONTACTS;
    const seen = new Set<'old' | 'new'>();
    for (let round = 0; round < 20; round++) {
      // Each round a full sync (expired sync token) of a list that grew by 10.
      await env.admin.expireSyncTokens();
      await env.admin.changeContacts({ updated: 0, deleted: 0, added: 10 });
      const current = CONTACTS + 10 * (round + 1);
      await syncAndKill([0, 150, 500, 1_200, 2_500, 4_000, 6_000][round % 7]!);
      const core = await openCore();
      const total = (await core.friends.list({ sort: 'first_name', view: 'entries', offset: 0, limit: 1 })).total;
      const listed = (await core.friends.list({ sort: 'first_name', view: 'entries', offset: Math.max(0, total - 5), limit: 50 })).items.length;
      const status = await core.status.get({});
      await core.close();
      expect(status.storageProblems).toEqual([]);
      // The list held before this round, or the sandbox's list as it is now: never a mix.
      expect([previous, current]).toContain(total);
      expect(listed).toBe(Math.min(5, total));
      seen.add(total === current ? 'new' : 'old');
      previous = total;
      // The friends store leaves only its database, WAL, shared-memory index and key check, and no JSON cache.
      // (The documents' own temp files, e.g. accounts.json.tmp-…, are the document store's to clean up.)
      const stray = (await readdir(dataDir)).filter((f) => (f.startsWith('kith.') && !/^kith\.db(-wal|-shm|\.keycheck)?$/.test(f)) || f.startsWith('friends-'));
      expect(stray).toEqual([]);
    }
    // The kills landed both before and after a sync completed.
    expect([...seen].sort()).toEqual(['new', 'old']);
  }, 300_000);

  it('lets one process sync while another lists, neither waiting into an error', async () => {
    const writer = spawnChild('sync-loop');
    let written = '';
    const ready = new Promise<void>((resolve) =>
      writer.stdout!.on('data', (c: Buffer) => {
        written += c.toString();
        if (written.includes('ready')) resolve();
      }),
    );
    await ready;
    const churn = setInterval(() => void env.admin.expireSyncTokens().catch(() => {}), 300);
    try {
      const reader = await runChild('list-loop', ['6000']);
      const seen = JSON.parse(reader.stdout.trim().split('\n').at(-1)!) as { totals: number[]; errors: string[] };
      expect(seen.errors).toEqual([]);
      expect(seen.totals.length).toBeGreaterThan(10);
      expect(seen.totals.every((n) => n > 0)).toBe(true);
      expect(written).toMatch(/synced true:\d+/);
    } finally {
      clearInterval(churn);
      writer.kill('SIGKILL');
    }
  }, 120_000);
});
