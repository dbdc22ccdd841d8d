// The vault as a person meets it in the window: a passphrase set in Settings is
// asked for at the next start (a wrong one answered in words), and a lost key
// opens a locked screen that says why and offers to start over, after which
// reconnecting brings the friends back without leaving a grant Kith forgot.
import { renameSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '../support/fixtures';

test.use({ kithOptions: { contacts: 25 } });

const PASSPHRASE = 'a passphrase for the e2e run';

test('a passphrase set in Settings is asked for at the next start; wrong, then right, and the friends are there', async ({ app, kith, page }) => {
  await app.connect('google', { person: 'Ada Lovelace' });
  await app.goTo('Friends');
  await expect(app.friendRows().first()).toBeVisible();
  const firstFriend = await app.firstFriendName();

  await app.goTo('Settings');
  const section = page.getByRole('region', { name: 'Passphrase' });
  await section.getByRole('button', { name: 'Protect with a passphrase' }).click();
  await section.getByLabel('New passphrase (at least 8 characters)').fill(PASSPHRASE);
  await section.getByLabel('New passphrase again').fill(PASSPHRASE);
  await section.getByRole('button', { name: 'Set passphrase' }).click();
  await expect(section.getByRole('status')).toContainText('protected by passphrase (scrypt): strong protection');
  await expect(section.getByLabel('Lock Kith when it is not used for')).toHaveValue('15');

  await page.goto(await kith.restartHost());
  await expect(page.getByRole('heading', { name: 'Kith is locked' })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Main' })).toHaveCount(0);
  const field = page.getByLabel('Passphrase', { exact: true });
  await expect(field).toBeFocused();
  await field.fill('not the passphrase');
  await page.getByRole('button', { name: 'Unlock' }).click();
  await expect(page.getByRole('alert')).toContainText('That is not the passphrase Kith’s data is protected with. Nothing was changed. Try again; the next try waits 1 s.');

  await field.fill(PASSPHRASE);
  await page.getByRole('button', { name: 'Unlock' }).click();
  await expect(app.nav('Accounts')).toBeVisible();
  await app.goTo('Friends');
  await expect(app.friendRows().first()).toContainText(firstFriend);
});

test('a lost key opens a locked screen that says why; starting over and reconnecting brings the friends back', async ({ app, kith, page }) => {
  await app.connect('google', { person: 'Ada Lovelace' });
  await app.goTo('Friends');
  await expect(app.friendRows().first()).toBeVisible();

  const keyFile = path.join(kith.dataDir, 'vault.key');
  await page.goto(await kith.restartHost({ meanwhile: () => renameSync(keyFile, `${keyFile}.moved-by-the-test`) }));
  await expect(page.getByRole('heading', { name: 'Kith’s key is missing' })).toBeVisible();
  await expect(page.getByRole('main')).toContainText('that sealed your saved sign-ins is gone. Kith did not make a new one');
  await expect(page.getByRole('main')).toContainText('Nothing was deleted or overwritten.');

  await page.getByRole('button', { name: 'Start over…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Start over with a new key?' });
  await expect(dialog).toContainText('renamed aside with a timestamp, not deleted');
  await expect(dialog).toContainText('each is marked "needs reconnecting"');
  await dialog.getByRole('button', { name: 'Start over' }).click();

  await expect(app.nav('Accounts')).toBeVisible();
  const reconnect = app.accountButton('Reconnect', 'Ada Lovelace', 'google');
  await expect(reconnect).toBeVisible();
  const consent = await app.startLogin('google', reconnect);
  await (await app.answerConsent(consent, { person: 'Ada Lovelace' })).close();
  await expect(reconnect).toHaveCount(0);
  await app.goTo('Friends');
  await expect(app.friendRows().first()).toBeVisible();

  // The old grant and the new one are one grant at Google; Kith holds it, and nothing else is live.
  const active = await kith.admin.grants({ provider: 'google', status: 'active' });
  expect(active.grants.filter((g) => g.person === 'ada.lovelace@example.com' && g.status === 'active')).toHaveLength(1);
});
