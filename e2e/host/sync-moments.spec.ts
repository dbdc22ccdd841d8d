// Kith syncs when a person expects fresh data, not only every 30 minutes:
// when it opens with a stale cache, and when the network comes back.
import { expect, test } from '../support/fixtures';

test.use({ kithOptions: { contacts: 40 } });

test('a stale cache is synced when Kith opens, without pressing Sync now', async ({ app, kith }) => {
  await app.connect('google', { person: 'Ada Lovelace' });
  await expect(app.accountCard(/Ada Lovelace/)).toContainText(/40 (contacts|friends)/);

  // Kith is closed; meanwhile Ada gains three contacts. Every cache counts as stale on this start.
  await kith.admin.changeContacts({ person: 'ada', added: 3 });
  const launchUrl = await kith.restartHost({ env: { KITH_SYNC_STALE_AFTER_MS: '0' } });
  await app.open(launchUrl);
  await expect(app.accountCard(/Ada Lovelace/)).toContainText(/43 (contacts|friends)/);
});

test('a fresh cache is left alone when Kith opens', async ({ app, kith }) => {
  await app.connect('google', { person: 'Ada Lovelace' });
  await expect(app.accountCard(/Ada Lovelace/)).toContainText(/40 (contacts|friends)/);
  await kith.admin.changeContacts({ person: 'ada', added: 3 });
  const launchUrl = await kith.restartHost();
  await app.open(launchUrl);
  await expect(app.accountCard(/Ada Lovelace/)).toContainText(/40 (contacts|friends)/);
  // Not a slow sync still on its way: the cache stays as it was until something asks.
  await app.page.waitForTimeout(2_000);
  await expect(app.accountCard(/Ada Lovelace/)).toContainText(/40 (contacts|friends)/);
});

test('going offline shows the offline notice at once; coming back syncs and clears it', async ({ app, kith, context }) => {
  await app.connect('google', { person: 'Ada Lovelace' });
  const card = app.accountCard(/Ada Lovelace/);
  await expect(card).toContainText(/40 (contacts|friends)/);
  await kith.admin.changeContacts({ person: 'ada', added: 2 });

  await context.setOffline(true);
  await expect(app.offlineBanner()).toBeVisible();
  await app.page.screenshot({ path: '/tmp/kith/sync-offline.png' });

  await context.setOffline(false);
  await expect(card).toContainText(/42 (contacts|friends)/);
  await expect(app.offlineBanner()).toHaveCount(0);
});
