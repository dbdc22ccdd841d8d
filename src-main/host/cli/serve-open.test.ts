// `kith serve --open` and `kith open` as real processes: the browser is
// started with the path of a 0600 page, never the launch link, so no other
// user can read the token from /proc/<pid>/cmdline; the page opens the app
// and is removed once used; `kith open` gets a fresh link from the running server.
import { chmod, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runKith } from './testing/run-cli-process';

let dir: string;
let dataDir: string;
let kithEnv: Record<string, string>;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'kith-open-'));
  dataDir = path.join(dir, 'data');
  // A stand-in browser: records its pid and argument, then stays running like a browser would.
  const stub = path.join(dir, 'browser.sh');
  await writeFile(stub, `#!/bin/sh\necho "$$" > "${dir}/browser.pid"\nprintf '%s' "$1" > "${dir}/browser.arg"\nsleep 20\n`);
  await chmod(stub, 0o700);
  kithEnv = {
    KITH_SANDBOX_URL: 'http://127.0.0.1:9',
    KITH_FACEBOOK_REDIRECT_URI: 'http://localhost:9/kith/facebook/callback',
    KITH_DATA_DIR: dataDir,
    KITH_BROWSER: stub,
    KITH_KEYRING: 'none',
  };
});
afterEach(async () => {
  const pid = await readFile(path.join(dir, 'browser.pid'), 'utf8').catch(() => '');
  if (pid.trim()) {
    try {
      process.kill(Number(pid.trim()));
    } catch {
      // Already gone.
    }
  }
  await rm(dir, { recursive: true, force: true });
});

async function waitFor<T>(probe: () => Promise<T | null>): Promise<T> {
  for (let i = 0; i < 200; i++) {
    const value = await probe();
    if (value !== null) return value;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error('timed out');
}

describe('kith serve --open', () => {
  it('opens the browser with a private page, not the launch token, and the page opens the app once', async () => {
    const seen: { cmdline: string; page: string; mode: number; launch: number; pageAfter: boolean; fresh: string; freshStatus: number } = {
      cmdline: '',
      page: '',
      mode: 0,
      launch: 0,
      pageAfter: true,
      fresh: '',
      freshStatus: 0,
    };
    const run = await runKith(['serve', '--port', '0', '--open'], kithEnv, {
      timeoutMs: 30_000,
      async onLine(line) {
        if (!line.startsWith('For a fresh link')) return;
        const pid = await waitFor(async () => (await readFile(path.join(dir, 'browser.pid'), 'utf8').catch(() => '')).trim() || null);
        // What every local user can read about the browser process.
        seen.cmdline = (await waitFor(() => readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => null))).replaceAll('\0', ' ');
        const arg = await waitFor(async () => (await readFile(path.join(dir, 'browser.arg'), 'utf8').catch(() => '')) || null);
        const pagePath = fileURLToPath(arg);
        seen.mode = (await stat(pagePath)).mode & 0o777;
        seen.page = await readFile(pagePath, 'utf8');
        const target = /url=([^"]+)"/.exec(seen.page)?.[1]?.replaceAll('&#38;', '&') ?? '';
        seen.launch = (await fetch(target, { redirect: 'manual' })).status;
        seen.pageAfter = existsSync(pagePath);
        const open = await runKith(['open', '--print'], kithEnv);
        seen.fresh = open.stdout.trim();
        seen.freshStatus = (await fetch(seen.fresh, { redirect: 'manual' })).status;
        return 'interrupt';
      },
    });
    expect(run.code, run.stderr).toBe(0);
    expect(seen.cmdline).toContain('file://');
    expect(seen.cmdline).not.toMatch(/kith_[a-z]_/);
    expect(seen.cmdline).not.toContain('token=');
    expect(seen.mode).toBe(0o600);
    expect(seen.page).toMatch(/\/launch\?token=kith_l_/);
    expect(seen.launch).toBe(303);
    expect(seen.pageAfter).toBe(false);
    expect(seen.fresh).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/launch\?token=kith_l_/);
    expect(seen.freshStatus).toBe(303);
    // The server file is gone with the server: `kith open` then says so.
    expect(existsSync(path.join(dataDir, 'kith-serve.json'))).toBe(false);
    const none = await runKith(['open', '--print'], kithEnv);
    expect(none.code).not.toBe(0);
    expect(none.stderr).toMatch(/No "kith serve" is running/);
  });
});

describe('kith token log', () => {
  it("shows each request a script made with the token, recorded by the running server", async () => {
    const created = await runKith(['token', 'create', '--name', 'nightly export', '--ability', 'friends:read', '--json'], kithEnv);
    expect(created.code, created.stderr).toBe(0);
    const { token, id } = JSON.parse(created.stdout) as { token: string; id: string };
    let logged: { method: string; path: string; status: number; bytes: number }[] = [];
    const run = await runKith(['serve', '--port', '0'], kithEnv, {
      timeoutMs: 30_000,
      async onLine(line) {
        const url = /^Kith is serving on (\S+)$/.exec(line)?.[1];
        if (!url) return;
        expect((await fetch(`${url}/api/v1/friends?limit=3`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
        expect((await fetch(`${url}/api/v1/friends?access_token=${token}`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(400);
        expect((await fetch(`${url}/api/v1/accounts`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(403);
        // Written within a second, by the server; read by another process.
        logged = await waitFor(async () => {
          const out = await runKith(['token', 'log', id, '--json'], kithEnv);
          const entries = JSON.parse(out.stdout || '[]') as typeof logged;
          return entries.length >= 3 ? entries : null;
        });
        return 'interrupt';
      },
    });
    expect(run.code, run.stderr).toBe(0);
    expect(logged.map((e) => [e.method, e.path, e.status])).toEqual([
      ['GET', '/api/v1/accounts', 403],
      ['GET', '/api/v1/friends?access_token=redacted', 400],
      ['GET', '/api/v1/friends?limit=3', 200],
    ]);
    expect(logged[2]!.bytes).toBeGreaterThan(0);
    expect(JSON.stringify(logged)).not.toContain(token);
    const table = await runKith(['token', 'log', id, '--status', '2xx'], kithEnv);
    expect(table.stdout).toMatch(/GET\s+\/api\/v1\/friends\?limit=3\s+200/);
    expect(table.stdout).not.toContain('/api/v1/accounts');
  });
});
