// The empty Friends page says why it is empty, in its own words, with the action that
// helps: nothing connected, a first sync still running, a sync that found nobody, an
// account that needs reconnecting, a permission kept from Kith (asked again from the
// page), a search that matches no one. Host shell + sandbox, real processes.
import { expect, test } from '../support/fixtures';
import { FriendsPage } from '../support/friends-page';

test.describe('with no contacts at the provider', () => {
  test.use({ kithOptions: { contacts: 0 } });

  test('nothing connected, then synced with nobody, then needing a reconnect', async ({ app, kith, page }) => {
    const friends = new FriendsPage(app);
    await app.goTo('Friends');
    const none = friends.emptyState('No accounts connected');
    await expect(none).toBeVisible();
    await expect(none.getByRole('link', { name: 'Connect an account' })).toBeVisible();

    await app.goTo('Accounts');
    await app.connect('google', { person: 'Ada Lovelace' });
    await expect(app.accountCard(/Ada Lovelace/)).toContainText(/Last synced/);
    await app.goTo('Friends');
    const nobody = friends.emptyState('No one to show');
    await expect(nobody).toContainText('Ada Lovelace’s Google account has no contacts');
    await expect(nobody.getByRole('button', { name: 'Sync again' })).toBeVisible();
    // Not the words of a list that was never synced.
    await expect(page.getByText('Not synced yet')).toHaveCount(0);

    await kith.admin.revokeGrant({ provider: 'google', person: 'ada.lovelace@example.com', reason: 'removed-app' });
    await app.goTo('Accounts');
    await page.getByRole('button', { name: 'Sync now' }).click();
    await expect(app.accountCard(/Ada Lovelace/)).toContainText('Needs reconnecting');
    await app.goTo('Friends');
    const lost = friends.emptyState('Ada Lovelace (Google) needs reconnecting');
    await expect(lost).toBeVisible();
    await expect(lost.getByRole('button', { name: 'Reconnect Ada Lovelace’s Google account' })).toBeVisible();
  });
});

test.describe('with contacts at the provider', () => {
  test.use({ kithOptions: { contacts: 20 } });

  test('a declined permission says so and asks again from the page; a search with no match offers to clear it', async ({ app, page }) => {
    const friends = new FriendsPage(app);
    await app.connect('google', { person: 'Ada Lovelace', withoutContacts: true });
    await app.goTo('Friends');
    const declined = friends.emptyState("You didn't share your contacts with Kith");
    await expect(declined).toContainText('Google was not allowed to give Kith your contacts');
    await expect(page.getByText('No friends synced yet')).toHaveCount(0);

    // The button asks Google again, for the contacts only; allowing them fills the list.
    const consent = await app.startLogin('google', declined.getByRole('button', { name: 'Share contacts' }));
    await (await app.answerConsent(consent)).close();
    await expect(friends.rows().first()).toBeVisible();
    await expect(friends.count()).toHaveText(/^20 people/);

    await app.searchBox().fill('nobody-has-this-name');
    const noMatch = friends.emptyState('No one matches “nobody-has-this-name”');
    await expect(noMatch).toBeVisible();
    await noMatch.getByRole('button', { name: 'Clear search' }).click();
    await expect(app.searchBox()).toHaveValue('');
    await expect(friends.rows().first()).toBeVisible();
  });

  test('while the first sync runs the page says it has not synced yet', async ({ app, kith }) => {
    const friends = new FriendsPage(app);
    // Every API answer takes a while, so the first sync is still on its way when the page opens.
    await kith.admin.setFaults('google', { latencyMs: 4_000 });
    await app.connect('google', { person: 'Ada Lovelace' });
    await app.goTo('Friends');
    const waiting = friends.emptyState('Not synced yet');
    await expect(waiting).toContainText('Kith is syncing Ada Lovelace (Google) for the first time');
    await kith.admin.setFaults('google', { latencyMs: 0 });
    await expect(friends.rows().first()).toBeVisible({ timeout: 30_000 });
  });
});
