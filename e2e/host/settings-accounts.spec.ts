// Settings lists every account with where it stands and the action that helps,
// and the data folder with Copy and Open.
import { expect, test } from '../support/fixtures';

test.use({ kithOptions: { contacts: 15 } });

test("Settings says an account needs reconnecting, and its Reconnect button signs the person in again", async ({ app, kith, page }) => {
  await app.connect('google', { person: 'Ada Lovelace' });
  await expect(app.accountCard(/Ada Lovelace/)).toContainText(/15 (contacts|friends)/);
  await app.goTo('Settings');
  const row = app.accountCard(/Ada Lovelace/);
  await expect(row).toContainText('Connected');
  await expect(row.getByRole('button', { name: /^Reconnect/ })).toHaveCount(0);

  await kith.admin.revokeGrant({ provider: 'google', person: 'ada' });
  await app.goTo('Accounts');
  await page.getByRole('button', { name: 'Sync now' }).click();
  await expect(app.accountCard(/Ada Lovelace/)).toContainText('Needs reconnecting');
  await app.goTo('Settings');
  await expect(row).toContainText('Needs reconnecting');
  await page.screenshot({ path: '/tmp/kith/settings-needs-reconnect.png' });

  await row.getByRole('button', { name: 'Reconnect Ada Lovelace’s Google account' }).click();
  // The sign-in goes on on the Accounts page, where its panel and link are.
  await expect(page.getByRole('heading', { name: 'Finish signing in in your browser' })).toBeVisible();
  const [consent] = await Promise.all([page.context().waitForEvent('page'), app.signInLink().click()]);
  await consent.waitForLoadState();
  await (await app.answerConsent(consent, { person: 'Ada Lovelace' })).close();
  await expect(app.accountCard(/Ada Lovelace/)).not.toContainText('Needs reconnecting');
  await app.goTo('Settings');
  await expect(row).toContainText('Connected');
});

test('the data folder: Copy puts its path on the clipboard; Open says when it cannot open it', async ({ app, kith, page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await app.goTo('Settings');
  const card = page.getByRole('region', { name: 'Data folder' });
  await expect(card).toContainText(kith.dataDir);
  await card.getByRole('button', { name: 'Copy path' }).click();
  await expect(card.getByRole('status').filter({ hasText: 'clipboard' })).toHaveText('The path is on your clipboard.');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(kith.dataDir);

  // KITH_BROWSER=none in tests: Kith opens nothing, and says what to do instead.
  await card.getByRole('button', { name: 'Open folder' }).click();
  await expect(card).toContainText('Kith could not open the folder here. Copy its path and open it in your file manager.');
});
