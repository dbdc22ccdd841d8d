// The whole host CLI end to end: the `kith` CLI as a real process against
// the sandbox. It connects Google and Facebook (the test opens the printed
// URL with an HTTP client, as a person would in a browser), syncs, disconnects,
// then finds none of the token values the sandbox issued in any file under
// KITH_DATA_DIR or in anything the CLI printed, and finds them revoked.
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccountSummarySchema, FriendSchema, KithStatusSchema } from '../../../src-contract/kith-api';
import type { ConsentChoice } from '../../../sandbox/testing/consent';
import { startKithSandbox, type KithSandbox } from '../../core/testing/kith-sandbox';
import { runKith, runKithAnsweringConsent, type CliRun } from './testing/run-cli-process';

let env: KithSandbox;
let dataDir: string;
let kithEnv: Record<string, string>;
const printed: string[] = [];

beforeAll(async () => {
  env = await startKithSandbox({ autoConsent: true });
  dataDir = await mkdtemp(path.join(tmpdir(), 'kith-cli-'));
  kithEnv = {
    KITH_SANDBOX_URL: env.sandbox.url,
    KITH_DATA_DIR: dataDir,
    KITH_BROWSER: 'none',
    // Never touch the keyring of the machine running the tests.
    KITH_KEYRING: 'none',
    KITH_FACEBOOK_REDIRECT_URI: env.facebookRedirectUri,
  };
});
afterAll(async () => {
  await env.sandbox.close();
  await rm(dataDir, { recursive: true, force: true });
});

async function kith(args: string[], options: { consent?: ConsentChoice } = {}): Promise<CliRun> {
  const run = await runKithAnsweringConsent(args, kithEnv, options);
  printed.push(run.stdout, run.stderr);
  return run;
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

// Each command is a real process (about a second to start under tsx), so allow for a busy machine.
describe('the kith CLI against the sandbox', { timeout: 120_000 }, () => {
  let google: string;
  let facebook: string;

  it('connects Google (URL on its own line, then the account) and Facebook (--json)', async () => {
    const g = await kith(['connect', 'google', '--no-browser']);
    expect(g.code, g.stderr).toBe(0);
    expect(g.stdout).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/google\/o\/oauth2\/v2\/auth\?\S+$/m);
    expect(g.stdout).toMatch(/^Connected acc_[0-9a-f]+ {2}Google {2}/m);
    google = /Connected (acc_[0-9a-f]+)/.exec(g.stdout)![1]!;

    const f = await kith(['connect', 'facebook', '--no-browser', '--json']);
    expect(f.code, f.stderr).toBe(0);
    // Login for Devices: the code on a line of its own, the page to type, and the page with the code in it.
    const userCode = /^ {4}([A-Z0-9]{8})$/m.exec(f.stderr)?.[1];
    expect(userCode, f.stderr).toBeDefined();
    expect(f.stderr).toContain(`go to ${env.sandbox.url}/facebook/www/device and enter this code:`);
    expect(f.stderr).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:\\d+/facebook/www/device\\?user_code=${userCode}$`, 'm'));
    expect(f.stderr).toMatch(/The code expires in \d+ minutes?\./);
    const account = AccountSummarySchema.parse(JSON.parse(f.stdout));
    expect(account).toMatchObject({ provider: 'facebook', status: 'active' });
    facebook = account.id;
  });

  it('lists accounts and friends as JSON arrays, syncs, and searches', async () => {
    const accounts = await kith(['accounts', '--json']);
    expect(accounts.code).toBe(0);
    const list = AccountSummarySchema.array().parse(JSON.parse(accounts.stdout));
    expect(list.map((a) => a.id)).toEqual([google, facebook]);

    const sync = await kith(['sync']);
    expect(sync.code, sync.stderr).toBe(0);
    expect(sync.stdout).toContain(`${google}: incremental sync`);

    const friends = await kith(['friends', google, '--json']);
    // The friend lists are encrypted with the key (a key file here, so weak); the account list is not.
    expect(friends.stderr).toContain('kith: warning: your tokens are only weakly protected (key file');
    expect(accounts.stderr).not.toContain('weakly protected');
    const all = FriendSchema.array().parse(JSON.parse(friends.stdout));
    expect(all.length).toBe(list[0]!.friendCount);
    const name = all[7]!.name.split(' ')[0]!;
    const found = FriendSchema.array().parse(JSON.parse((await kith(['friends', google, '--search', name.toUpperCase(), '--json'])).stdout));
    expect(found.length).toBeGreaterThan(0);
    expect(found.every((f) => [f.name, f.email ?? '', f.phone ?? ''].join(' ').toLowerCase().includes(name.toLowerCase()))).toBe(true);

    const text = await kith(['friends', facebook]);
    expect(text.code).toBe(0);
    expect(text.stdout.split('\n')[0]).toMatch(/^NAME\s+EMAIL\s+PHONE$/);
  });

  it('fails clearly, with a non-zero exit, for bad arguments, an unknown account, a denied consent and an unreachable provider', async () => {
    const bad = await kith(['connect', 'myspace']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('unknown provider "myspace"');
    const flag = await kith(['accounts', '--bogus']);
    expect(flag.code).toBe(2);
    expect(flag.stderr).toMatch(/Unknown option '--bogus'/);

    const unknown = await kith(['friends', 'acc_0000000000', '--json']);
    expect(unknown.code).toBe(5);
    expect(unknown.stderr).toContain('Unknown account');
    expect(unknown.stdout).toBe('');

    await env.admin.updateSettings({ autoConsent: false });
    const cancelled = await runKith(['connect', 'google', '--no-browser'], kithEnv, {
      onLine: (line) => (line.startsWith('http://') ? 'interrupt' : undefined),
    });
    printed.push(cancelled.stdout, cancelled.stderr);
    expect(cancelled.code).toBe(3);
    expect(cancelled.stderr).toContain('Sign-in cancelled');
    const denied = await kith(['connect', 'google', '--no-browser'], { consent: { decision: 'deny' } });
    const declined = await kith(['connect', 'facebook', '--no-browser'], { consent: { decision: 'deny' } });
    await env.admin.updateSettings({ autoConsent: true });
    expect(denied.code).toBe(3);
    expect(denied.stderr).toContain('Consent denied');
    expect(declined.code).toBe(3);
    expect(declined.stderr).toContain('Consent denied: You declined to let Kith use your Facebook account. Nothing was connected.');

    const offlineEnv = { ...kithEnv, KITH_SANDBOX_URL: 'http://127.0.0.1:9' };
    const offline = await runKith(['sync', google], offlineEnv);
    printed.push(offline.stdout, offline.stderr);
    expect(offline.code).toBe(4);
    expect(offline.stderr).toMatch(/sync failed: .*(reach|offline|network)/i);
    // The cache is still there, offline.
    const cached = await runKith(['friends', google, '--json'], offlineEnv);
    printed.push(cached.stdout, cached.stderr);
    expect(JSON.parse(cached.stdout).length).toBeGreaterThan(0);
  });

  it('creates, lists and revokes a personal access token (shown once)', async () => {
    const created = await kith(['token', 'create', '--name', 'script', '--ability', 'friends:read', '--expires', '7']);
    expect(created.code).toBe(0);
    const token = created.stdout.trim();
    expect(token).toMatch(/^kith_/);
    const list = await kith(['token', 'list', '--json']);
    const [record] = JSON.parse(list.stdout) as Array<{ id: string; name: string }>;
    expect(record).toMatchObject({ name: 'script' });
    expect(list.stdout).not.toContain(token);
    expect((await kith(['token', 'revoke', record!.id])).code).toBe(0);
    expect(JSON.parse((await kith(['token', 'list', '--json'])).stdout)).toEqual([]);
    const again = await kith(['token', 'create', '--name', 'x', '--ability', 'root']);
    expect(again.code).toBe(2);
  });

  it('serves the app: prints a one-time launch link that opens a session, and stops cleanly on Ctrl-C', async () => {
    let launch: Response | null = null;
    const run = await runKith(['serve', '--port', '0'], kithEnv, {
      async onLine(line) {
        if (!/^http:\/\/127\.0\.0\.1:\d+\/launch\?token=kith_\S+$/.test(line)) return;
        launch = await fetch(line, { redirect: 'manual' });
        return 'interrupt';
      },
    });
    printed.push(run.stdout, run.stderr);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^Kith is serving on http:\/\/127\.0\.0\.1:\d+$/m);
    expect(launch!.status).toBe(303);
    expect(launch!.headers.get('set-cookie')).toBeTruthy();
  });

  let googleOnly = '';
  let bothAccounts = '';
  it('limits a script token to one account: the API shows it only that account and its friends', async () => {
    const limited = await kith(['token', 'create', '--name', 'google only', '--ability', 'friends:read', '--ability', 'accounts:read', '--account', google, '--json']);
    expect(limited.code, limited.stderr).toBe(0);
    const { token, id, accounts } = JSON.parse(limited.stdout) as { token: string; id: string; accounts: string[] };
    expect(accounts).toEqual([google]);
    googleOnly = id;
    bothAccounts = (JSON.parse((await kith(['token', 'create', '--name', 'both', '--ability', 'friends:read', '--account', google, '--account', facebook, '--json'])).stdout) as { id: string }).id;
    const seen: { accounts: string[]; friendAccounts: string[]; other: number } = { accounts: [], friendAccounts: [], other: 0 };
    const run = await runKith(['serve', '--port', '0'], kithEnv, {
      async onLine(line) {
        const url = /^Kith is serving on (\S+)$/.exec(line)?.[1];
        if (!url) return;
        const headers = { authorization: `Bearer ${token}` };
        seen.accounts = ((await (await fetch(`${url}/api/v1/accounts`, { headers })).json()) as { id: string }[]).map((a) => a.id);
        const page = (await (await fetch(`${url}/api/v1/friends?limit=1000`, { headers })).json()) as { items: { accountId: string }[] };
        seen.friendAccounts = [...new Set(page.items.map((f) => f.accountId))];
        seen.other = (await fetch(`${url}/api/v1/friends?accountId=${facebook}`, { headers })).status;
        return 'interrupt';
      },
    });
    expect(run.code, run.stderr).toBe(0);
    expect(seen.accounts).toEqual([google]);
    expect(seen.friendAccounts).toEqual([google]);
    // The other account reads as if it were not there.
    expect(seen.other).toBe(404);
  });

  it('disconnects both, and then no token the sandbox issued is on disk or was printed, and every grant is revoked', async () => {
    for (const id of [google, facebook]) {
      const run = await kith(['disconnect', id]);
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).toMatch(/confirmed that Kith's access is revoked/);
      if (id === google) {
        // The token limited to Google alone is revoked with it; the one that covered both keeps Facebook.
        const left = JSON.parse((await kith(['token', 'list', '--json'])).stdout) as { id: string; accounts?: string[] }[];
        expect(left.map((t) => t.id)).not.toContain(googleOnly);
        expect(left.find((t) => t.id === bothAccounts)?.accounts).toEqual([facebook]);
      }
    }
    expect(JSON.parse((await kith(['token', 'list', '--json'])).stdout)).toEqual([]);
    const status = KithStatusSchema.parse(JSON.parse((await kith(['status', '--json'])).stdout));
    expect(status.pendingRevocations).toEqual([]);
    expect(status.protection.level).toBe('weak');
    expect(JSON.parse((await kith(['accounts', '--json'])).stdout)).toEqual([]);

    const { tokens, grants } = await env.admin.grants();
    expect(tokens.filter((t) => t.provider === 'google' && t.kind === 'refresh').length).toBeGreaterThan(0);
    expect(tokens.filter((t) => t.provider === 'facebook').length).toBeGreaterThan(0);
    const files = await filesUnder(dataDir);
    expect(files.length).toBeGreaterThan(0);
    const contents = await Promise.all(files.map((f) => readFile(f, 'latin1')));
    const output = printed.join('\n');
    for (const token of tokens) {
      for (const [i, content] of contents.entries()) expect(content.includes(token.value), `${token.kind} token found in ${files[i]}`).toBe(false);
      expect(output.includes(token.value), `${token.kind} token printed`).toBe(false);
    }
    // The denied consent made no grant; every grant Kith got is revoked, and no access or refresh token still works.
    expect(grants.length).toBeGreaterThanOrEqual(2);
    expect(grants.every((g) => g.status === 'revoked')).toBe(true);
    expect(tokens.filter((t) => t.kind !== 'id' && t.status === 'active')).toEqual([]);
  });
});
