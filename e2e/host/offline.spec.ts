import { expect, test } from '../support/fixtures';

test.use({ kithOptions: { contacts: 120 } });

test('friends stay readable with the providers unreachable, under an offline banner', async ({ app, kith, page }) => {
  await app.connect('google', { person: 'Ada Lovelace' });
  await expect(app.accountCard(/Ada Lovelace/)).toContainText(/120 (contacts|friends)/);
  await app.goTo('Friends');
  const firstFriend = await app.firstFriendName();

  await kith.stopSandbox();
  await app.goTo('Accounts');
  await page.getByRole('button', { name: 'Sync now' }).click();
  await expect(app.offlineBanner()).toBeVisible();
  await expect(app.offlineBanner()).toContainText(/synced/i);

  // A fresh window (the cache is on disk, not in the page) still shows everything.
  await page.reload();
  await app.goTo('Friends');
  await expect(app.friendRows().first()).toContainText(firstFriend);
  await app.searchBox().fill(firstFriend);
  await expect(app.friendRows().first()).toContainText(firstFriend);
  await app.goTo('Accounts');
  await expect(app.accountCard(/Ada Lovelace/)).toBeVisible();
});
