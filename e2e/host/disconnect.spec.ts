import { expect, test } from '../support/fixtures';

test.use({ kithOptions: { contacts: 40, friends: 30 } });

test('disconnecting revokes the grant at the provider and wipes the account here', async ({ app, kith, page }) => {
  await app.connect('google', { person: 'Ada Lovelace' });
  await app.connect('facebook', { person: 'Mei Chen' });
  await expect(app.accountCard(/Ada Lovelace/)).toContainText(/40 (contacts|friends)/);
  await expect(app.accountCard(/Mei Chen/)).toBeVisible();

  const googleDialog = await app.disconnect(/Ada Lovelace/);
  await expect(googleDialog).toContainText(/every device/);
  await expect(googleDialog).toContainText(/40/);
  await googleDialog.getByRole('button', { name: 'Disconnect' }).click();
  await expect(app.accountCard(/Ada Lovelace/)).toHaveCount(0);
  await expect.poll(async () => (await kith.admin.tokens({ provider: 'google', status: 'active' })).length).toBe(0);
  expect((await kith.admin.grants({ provider: 'google' })).grants.every((g) => g.status === 'revoked')).toBe(true);

  const facebookDialog = await app.disconnect(/Mei Chen/);
  await expect(facebookDialog).toContainText(/Facebook/);
  await facebookDialog.getByRole('button', { name: 'Disconnect' }).click();
  await expect(app.accountCard(/Mei Chen/)).toHaveCount(0);
  await expect.poll(async () => (await kith.admin.grants({ provider: 'facebook' })).grants.every((g) => g.status === 'revoked')).toBe(true);

  await app.goTo('Friends');
  await expect(page.getByText('No accounts connected')).toBeVisible();
});

test('a disconnect with the provider down completes here and revokes once the provider is back', async ({ app, kith, page }) => {
  await app.connect('google', { person: 'Ada Lovelace' });
  await kith.admin.setFaults('google', { serverErrorRate: 1 });
  const dialog = await app.disconnect(/Ada Lovelace/);
  await dialog.getByRole('button', { name: 'Disconnect' }).click();
  await expect(app.accountCard(/Ada Lovelace/)).toHaveCount(0);
  const pending = page.getByRole('list', { name: 'Pending revocations' });
  await expect(pending).toContainText(/Ada Lovelace|ada\.lovelace/);
  expect((await kith.admin.grants({ provider: 'google' })).grants.some((g) => g.status === 'active')).toBe(true);

  await kith.admin.clearFaults('google');
  await expect.poll(async () => (await kith.admin.grants({ provider: 'google' })).grants.every((g) => g.status === 'revoked'), { timeout: 60_000 }).toBe(true);
  await expect(pending).toHaveCount(0, { timeout: 30_000 });
});
