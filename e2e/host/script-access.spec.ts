// Script access end to end, with real processes: tokens made on the "Script
// access" page and copied from it are used by a script over real HTTP; each
// request shows in the token's access log with its status (and in `kith token
// log`); a token limited to one account sees only it and stops working when
// that account is disconnected; a revoked token is refused; `kith open` gives
// the running server a fresh launch link.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect, test } from '../support/fixtures';
import { closeSecretDialog, createTokenOnPage } from '../support/script-access';

const run = promisify(execFile);
const tsx = path.resolve('node_modules', '.bin', 'tsx');

async function kithCli(env: Record<string, string>, args: string[]): Promise<string> {
  const { stdout } = await run(tsx, ['src-main/host/cli.ts', ...args], { env: { ...process.env, ...env }, timeout: 60_000 });
  return stdout;
}

test.use({ kithOptions: { contacts: 12, friends: 8 } });
// Each `kith` command starts a process and opens the core: several of them take a while on 2 shared cores.
test.setTimeout(180_000);

test('tokens made on the page work from a script, are logged per request, die with their account, and can be revoked', async ({ app, kith, page }) => {
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(kith.hostUrl).origin });
  await app.connect('google', { person: 'Ada Lovelace' });
  await app.connect('facebook', { person: 'Mei Chen' });
  await expect(app.accountCard(/Ada Lovelace/)).toContainText(/12 (contacts|friends)/);

  // A token for every account: the script reads both, and is refused what it may not do.
  const everySecret = await createTokenOnPage(app, page, { name: 'nightly export' });
  await closeSecretDialog(page);
  const every = { authorization: `Bearer ${everySecret}` };
  const all = await fetch(`${kith.hostUrl}/api/v1/friends?limit=100`, { headers: every });
  expect(all.status).toBe(200);
  const allFriends = (await all.json()) as { items: { provider: string }[]; total: number };
  expect(new Set(allFriends.items.map((f) => f.provider))).toEqual(new Set(['google', 'facebook']));
  expect((await fetch(`${kith.hostUrl}/api/v1/accounts`, { headers: every })).status).toBe(403);

  const item = page.getByRole('article', { name: 'nightly export' });
  await page.reload();
  await expect(item.getByTestId('request-count')).toHaveText('2');
  await expect(item.getByTestId('last-used')).toContainText('just now');
  await item.getByRole('button', { name: 'Access log of nightly export' }).click();
  const log = page.getByRole('dialog', { name: 'Access log: nightly export' });
  const rows = log.getByRole('table', { name: 'Requests, newest first' }).getByRole('row');
  await expect(rows).toHaveCount(3);
  await expect(rows.nth(1)).toContainText('GET /api/v1/accounts');
  await expect(rows.nth(1)).toContainText('403');
  await expect(rows.nth(2)).toContainText('GET /api/v1/friends?limit=100');
  await expect(rows.nth(2)).toContainText('200');
  await log.getByRole('combobox', { name: 'Show' }).selectOption('4xx');
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(1)).toContainText('403');
  await log.getByRole('button', { name: 'Close' }).click();

  // A token limited to the Google account reads only that account.
  const googleSecret = await createTokenOnPage(app, page, { name: 'google only', onlyAccounts: [/Ada Lovelace \(Google\)/] });
  await closeSecretDialog(page);
  const limited = { authorization: `Bearer ${googleSecret}` };
  const answer = await fetch(`${kith.hostUrl}/api/v1/friends?limit=100`, { headers: limited });
  expect(answer.status).toBe(200);
  const friends = (await answer.json()) as { items: { accountId: string; provider: string }[] };
  expect(friends.items.length).toBe(12);
  expect(new Set(friends.items.map((f) => f.provider))).toEqual(new Set(['google']));
  await expect(page.getByRole('article', { name: 'google only' })).toContainText(/Ada Lovelace \(Google\)/);

  // Another process reads the same log.
  const listed = JSON.parse(await kithCli(kith.cliEnv, ['token', 'list', '--json'])) as { id: string; name: string }[];
  const googleOnly = listed.find((t) => t.name === 'google only')!.id;
  await expect
    .poll(async () => (JSON.parse(await kithCli(kith.cliEnv, ['token', 'log', googleOnly, '--json'])) as { path: string; status: number }[]).map((e) => [e.path, e.status]))
    .toEqual([['/api/v1/friends?limit=100', 200]]);

  // Disconnecting the account ends the token limited to it, and only that one.
  const dialog = await app.disconnect(/Ada Lovelace/);
  await dialog.getByRole('button', { name: 'Disconnect' }).click();
  await expect(app.accountCard(/Ada Lovelace/)).toHaveCount(0);
  await expect.poll(async () => (await fetch(`${kith.hostUrl}/api/v1/friends?limit=100`, { headers: limited })).status).toBe(401);
  expect((await fetch(`${kith.hostUrl}/api/v1/friends?limit=100`, { headers: every })).status).toBe(200);
  await app.goTo('Script access');
  await expect(page.getByRole('article', { name: 'google only' })).toHaveCount(0);

  // Revoking asks first, then the token is refused.
  await page.getByRole('button', { name: 'Revoke nightly export' }).click();
  const confirm = page.getByRole('dialog', { name: 'Revoke “nightly export”?' });
  await confirm.getByRole('button', { name: 'Revoke' }).click();
  await expect(page.getByRole('article', { name: 'nightly export' })).toHaveCount(0);
  expect((await fetch(`${kith.hostUrl}/api/v1/friends?limit=100`, { headers: every })).status).toBe(401);

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
