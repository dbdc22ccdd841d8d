import { expect, test } from '../support/fixtures';

test.use({ kithOptions: { contacts: 60 } });

test('a grant revoked at the provider turns the account to Reconnect, and reconnecting restores it without a duplicate', async ({ app, kith, page }) => {
  await app.connect('google', { person: 'Grace Hopper' });
  const grace = app.accountCard(/Grace Hopper/);
  await expect(grace).toContainText(/60 (contacts|friends)/);

  // The person removes Kith from their Google account.
  expect(await kith.admin.revokeGrant({ provider: 'google', person: 'grace.hopper@example.com', reason: 'removed-app' })).toBe(1);
  await page.getByRole('button', { name: 'Sync now' }).click();
  const reconnect = app.accountButton('Reconnect', 'Grace Hopper', 'google');
  await expect(reconnect).toBeVisible();

  // Friends stay readable while the account needs reconnecting.
  await app.goTo('Friends');
  await expect(app.friendRows().first()).toBeVisible();
  await app.goTo('Accounts');

  const consent = await app.startLogin('google', reconnect);
  await (await app.answerConsent(consent, { person: 'Grace Hopper' })).close();
  await expect(reconnect).toHaveCount(0);
  await expect(page.getByRole('article', { name: /Grace Hopper/ })).toHaveCount(1);
  const active = await kith.admin.grants({ provider: 'google', status: 'active' });
  expect(active.grants.filter((g) => g.person === 'grace.hopper@example.com' && g.status === 'active')).toHaveLength(1);
});
