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

test('a disconnect with the provider failing completes here, waits in History in plain words, and is confirmed there once the provider is back', async ({ app, kith, page }) => {
  await app.connect('facebook', { person: 'Kofi Mensah' });
  // connect() returns once the device page is answered; Kith connects on its next poll, which a fault set now would fail.
  await expect(app.accountCard(/Kofi Mensah/)).toBeVisible();
  await kith.admin.setFaults('facebook', { serverErrorRate: 1 });
  const dialog = await app.disconnect(/Kofi Mensah/);
  await dialog.getByRole('button', { name: 'Disconnect' }).click();
  await expect(app.accountCard(/Kofi Mensah/)).toHaveCount(0);

  const entry = page.getByRole('region', { name: 'History' }).getByRole('group', { name: 'Disconnected Kofi Mensah’s Facebook account' });
  await expect(entry).toContainText('Waiting for Facebook to confirm removing Kith from Kofi Mensah’s account — Kith retries every few minutes.');
  await expect(entry).toContainText('Last try: Facebook answered with an error');
  await expect(entry).toContainText(/Deleted here: the saved sign-in and \d+ cached friends/);
  await expect(entry).not.toContainText('(revocation)');
  await expect(entry.getByRole('button', { name: /^Dismiss/ })).toHaveCount(0);
  expect((await kith.admin.grants({ provider: 'facebook' })).grants.some((g) => g.status === 'active')).toBe(true);

  await kith.admin.clearFaults('facebook');
  await expect.poll(async () => (await kith.admin.grants({ provider: 'facebook' })).grants.every((g) => g.status === 'revoked'), { timeout: 60_000 }).toBe(true);
  await expect(entry).toContainText(/Facebook confirmed removing Kith from Kofi Mensah’s account on /, { timeout: 10_000 });

  // The receipt stays after a reload, until the person dismisses it.
  await page.reload();
  await expect(entry).toContainText('Facebook confirmed removing Kith');
  await entry.getByRole('button', { name: 'Dismiss “Disconnected Kofi Mensah’s Facebook account” from History' }).click();
  await expect(entry).toHaveCount(0);
  await expect(page.getByRole('region', { name: 'History' })).toContainText('No disconnects yet.');
});
