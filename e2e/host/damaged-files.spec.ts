import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '../support/fixtures';

const damaged = '{"version":1,"accounts":[{"id":"acc_12345678", "displayName": "Ada", truncated by a crash';

test.use({ kithOptions: { dataFiles: { 'accounts.json': damaged } } });

test('a damaged file is moved aside, reported in Settings, and Kith carries on', async ({ app, kith, page }) => {
  await app.goTo('Settings');
  const alert = page.getByRole('alert').filter({ hasText: 'Some of Kith’s files were damaged' });
  await expect(alert).toBeVisible();
  await expect(alert.getByRole('list', { name: 'Damaged files' })).toContainText(/"accounts" data was damaged/);
  // Nothing lost: the damaged bytes are kept beside the data, under a new name.
  const asideName = readdirSync(kith.dataDir).find((name) => name.startsWith('accounts') && name !== 'accounts.json');
  expect(asideName).toBeDefined();
  expect(readFileSync(path.join(kith.dataDir, asideName!), 'utf8')).toBe(damaged);
  await expect(alert).toContainText(asideName!);
  await page.screenshot({ path: test.info().outputPath('damaged-files.png') });

  // And Kith works: connecting an account writes a fresh, readable list.
  await app.goTo('Accounts');
  await app.connect('google', { person: 'Ada Lovelace' });
  await expect(app.accountCard(/Ada Lovelace/)).toBeVisible();
  expect(JSON.parse(readFileSync(path.join(kith.dataDir, 'accounts.json'), 'utf8'))).toBeTruthy();
});
