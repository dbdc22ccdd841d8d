// Disconnect everywhere from Settings, over the real host shell and sandbox:
// the confirmation lists every grant, cache, script token and session; then
// everything ends, the sandbox lists every grant revoked, the script token
// stops working, and this window (its session ended too) shows the receipt.
import AxeBuilder from '@axe-core/playwright';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { expect, test } from '../support/fixtures';

test.use({ kithOptions: { contacts: 20, friends: 20 } });

const root = path.resolve(import.meta.dirname, '..', '..');

test('disconnect everywhere ends every grant, cache, script token and session, and leaves a receipt', async ({ app, kith, page }) => {
  await app.connect('google', { person: 'Ada Lovelace' });
  await app.connect('facebook', { person: 'Kofi Mensah' });
  await expect(app.accountCard(/Kofi Mensah/)).toBeVisible();
  const created = execFileSync(process.execPath, [path.join(root, 'bin', 'kith.mjs'), 'token', 'create', '--name', 'backup script', '--ability', 'friends:read'], {
    cwd: root,
    env: { ...process.env, KITH_DATA_DIR: kith.dataDir, KITH_SANDBOX_URL: kith.sandboxUrl, KITH_BROWSER: 'none' },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const scriptToken = /kith_p_[A-Za-z0-9]+/.exec(created)![0];
  const asScript = () => fetch(`${kith.hostUrl}/api/v1/friends?limit=5`, { headers: { authorization: `Bearer ${scriptToken}` } });
  expect((await asScript()).status).toBe(200);

  await app.goTo('Settings');
  await page.getByRole('button', { name: 'Disconnect everywhere…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Disconnect everywhere?' });
  await expect(dialog.getByRole('list', { name: 'Grants to revoke' })).toContainText('Google: Kith’s access to Ada Lovelace’s account is revoked on every device.');
  await expect(dialog.getByRole('list', { name: 'Grants to revoke' })).toContainText('Facebook: Kith is removed from Kofi Mensah’s apps.');
  await expect(dialog.getByRole('list', { name: 'Deleted on this computer' })).toContainText(/Ada Lovelace \(Google\): the saved sign-in and 20 cached friends/);
  await expect(dialog.getByRole('list', { name: 'Script tokens that end' })).toContainText('backup script');
  await expect(dialog).toContainText('this window’s included');
  await dialog.getByRole('button', { name: 'Disconnect everywhere' }).click();

  // This window's session ended with everything else; the page that says so shows the receipt.
  await expect(page.getByRole('heading', { name: 'This Kith window’s session ended' })).toBeVisible();
  const receipt = page.getByRole('group', { name: 'Disconnected everywhere' });
  await expect(receipt).toContainText('Google confirmed removing Kith from Ada Lovelace’s account');
  await expect(receipt).toContainText('Facebook confirmed removing Kith from Kofi Mensah’s account');
  await expect(receipt).toContainText('Script access ended: 1 token (backup script).');
  await expect(receipt).toContainText('1 browser session of kith serve ended.');
  const serious = (await new AxeBuilder({ page }).analyze()).violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);

  const { grants } = await kith.admin.grants();
  expect(grants.length).toBeGreaterThanOrEqual(2);
  expect(grants.filter((g) => g.status !== 'revoked')).toEqual([]);
  expect((await kith.admin.tokens({ status: 'active' })).filter((t) => t.kind !== 'id')).toEqual([]);
  expect((await asScript()).status).toBe(401);
});
