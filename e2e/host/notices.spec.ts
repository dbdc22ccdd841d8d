import path from 'node:path';
import { expect, test } from '../support/fixtures';
import type { Locator } from '@playwright/test';

test.use({ kithOptions: { contacts: 40 } });

async function box(locator: Locator) {
  const b = await locator.boundingBox();
  if (!b) throw new Error('not on screen');
  return b;
}

test('toasts float in a corner without moving the page, repeats collapse, and a hovered toast waits', async ({ app, page }) => {
  await app.connect('google', { person: 'Ada Lovelace' });
  const card = app.accountCard(/Ada Lovelace/);
  await expect(card).toContainText(/40 (contacts|friends)/);
  const connected = app.notifications().getByRole('status').filter({ hasText: 'Connected Ada Lovelace (Google).' });
  await expect(connected).toBeVisible();
  const withToast = await box(card);
  await connected.getByRole('button', { name: 'Dismiss' }).click();
  await expect(connected).toHaveCount(0);
  expect(await box(card)).toEqual(withToast);

  const syncNow = page.getByRole('button', { name: 'Sync now' });
  for (let i = 0; i < 3; i += 1) {
    await syncNow.click();
    await expect(syncNow).toBeEnabled();
  }
  const synced = app.notifications().getByRole('status').filter({ hasText: 'Synced 1 account.' });
  await expect(synced).toHaveCount(1);
  await expect(synced).toContainText('×3');
  expect(await box(card)).toEqual(withToast);
  await page.screenshot({ path: path.join('/tmp/kith', 'toast-synced.png') });

  // Pointer over the toast: it stays past its fade time (6 s), then goes once the pointer leaves.
  // Leaving resumes the fade with the time it had left when the pointer came, up to the whole
  // 6 s when the hover follows the last repeat at once, so the wait allows that and a margin.
  await synced.hover();
  await page.waitForTimeout(7_000);
  await expect(synced).toBeVisible();
  await expect(synced).toContainText('×3');
  await page.mouse.move(5, 5);
  await expect(synced).toHaveCount(0, { timeout: 10_000 });
});

test('the offline warning clears itself when the providers are back, and "no longer has access" clears on reconnect', async ({ app, kith, page }) => {
  await app.connect('google', { person: 'Ada Lovelace' });
  const card = app.accountCard(/Ada Lovelace/);
  await expect(card).toContainText(/40 (contacts|friends)/);
  await app.notifications().getByRole('button', { name: 'Dismiss' }).click();
  const before = await box(card);

  await kith.stopSandbox();
  await page.getByRole('button', { name: 'Sync now' }).click();
  await expect(app.offlineBanner()).toBeVisible();
  await expect(app.offlineBanner()).toContainText(/last synced/);
  // Said once: no per-account toast and no line on the card repeat it.
  await expect(app.notifications().getByRole('alert')).toHaveCount(0);
  await expect(card).not.toContainText(/cannot reach/i);
  expect(await box(card)).toEqual(before);
  await page.screenshot({ path: path.join('/tmp/kith', 'toast-offline.png') });

  // The sandbox comes back empty, so Kith's old grant is unknown to it: reachable, but no access.
  await kith.restartSandbox();
  await page.getByRole('button', { name: 'Sync now' }).click();
  await expect(app.offlineBanner()).toHaveCount(0);
  const noAccess = app.notifications().getByRole('alert').filter({ hasText: 'Kith no longer has access' });
  await expect(noAccess).toBeVisible();
  await expect(card).toContainText('Needs reconnecting');
  await page.screenshot({ path: path.join('/tmp/kith', 'toast-no-access.png') });

  const consent = await app.startLogin('google', app.accountButton('Reconnect', 'Ada Lovelace', 'google'));
  await (await app.answerConsent(consent, { person: 'Ada Lovelace' })).close();
  await expect(card).not.toContainText('Needs reconnecting');
  await expect(noAccess).toHaveCount(0);
});
