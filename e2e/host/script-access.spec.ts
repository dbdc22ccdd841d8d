// Script access end to end, with real processes: a token made with `kith token
// create` and limited to one account is used by a script over real HTTP, its
// requests appear in `kith token log`, it sees only its account, and it stops
// working when that account is disconnected in the page; `kith open` gives the
// running server a fresh launch link.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect, test } from '../support/fixtures';

const run = promisify(execFile);
const tsx = path.resolve('node_modules', '.bin', 'tsx');

async function kithCli(env: Record<string, string>, args: string[]): Promise<string> {
  const { stdout } = await run(tsx, ['src-main/host/cli.ts', ...args], { env: { ...process.env, ...env }, timeout: 60_000 });
  return stdout;
}

test.use({ kithOptions: { contacts: 12, friends: 8 } });
// Each `kith` command starts a process and opens the core: several of them take a while on 2 shared cores.
test.setTimeout(180_000);

test('a token limited to one account reads only it, is logged per request, and dies with its account', async ({ app, kith, page }) => {
  await app.connect('google', { person: 'Ada Lovelace' });
  await app.connect('facebook', { person: 'Mei Chen' });
  await expect(app.accountCard(/Ada Lovelace/)).toContainText(/12 (contacts|friends)/);
  const accounts = JSON.parse(await kithCli(kith.cliEnv, ['accounts', '--json'])) as { id: string; provider: string }[];
  const google = accounts.find((a) => a.provider === 'google')!.id;

  const created = JSON.parse(await kithCli(kith.cliEnv, ['token', 'create', '--name', 'e2e script', '--ability', 'friends:read', '--account', google, '--json'])) as {
    token: string;
    id: string;
  };
  // The script: a real HTTP request with the token.
  const headers = { authorization: `Bearer ${created.token}` };
  const answer = await fetch(`${kith.hostUrl}/api/v1/friends?limit=100`, { headers });
  expect(answer.status).toBe(200);
  const friends = (await answer.json()) as { items: { accountId: string }[] };
  expect(friends.items.length).toBe(12);
  expect(new Set(friends.items.map((f) => f.accountId))).toEqual(new Set([google]));

  await expect
    .poll(async () => (JSON.parse(await kithCli(kith.cliEnv, ['token', 'log', created.id, '--json'])) as { path: string; status: number }[]).map((e) => [e.path, e.status]))
    .toEqual([['/api/v1/friends?limit=100', 200]]);

  const dialog = await app.disconnect(/Ada Lovelace/);
  await dialog.getByRole('button', { name: 'Disconnect' }).click();
  await expect(app.accountCard(/Ada Lovelace/)).toHaveCount(0);
  await expect.poll(async () => (await fetch(`${kith.hostUrl}/api/v1/friends?limit=100`, { headers })).status).toBe(401);

  // A spent launch link never needs a restart: `kith open` asks the running server for a fresh one.
  const fresh = (await kithCli(kith.cliEnv, ['open', '--print'])).trim();
  expect(fresh).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/launch\?token=kith_l_/);
  const other = await page.context().browser()!.newContext();
  const second = await other.newPage();
  await second.goto(fresh);
  await expect(second).not.toHaveURL(/token=/);
  await expect(second.getByRole('navigation', { name: 'Main' })).toBeVisible();
  await other.close();
});
