import { expect, test } from '../support/fixtures';

test('denying consent says so and connects nothing', async ({ app, page }) => {
  const consent = await app.startLogin('google');
  await (await app.answerConsent(consent, { decision: 'deny' })).close();
  await expect(page.getByText('You declined access at Google')).toBeVisible();
  await expect(page.getByRole('article')).toHaveCount(0);
  await expect(app.connectButton('google')).toBeEnabled();
});

test('a consent given after the sign-in was cancelled lands on Kith\'s page and connects nothing', async ({ app, kith, page }) => {
  const consent = await app.startLogin('google');
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(app.signInLink()).toHaveCount(0);
  await expect(app.connectButton('google')).toBeEnabled();

  // The person finishes the consent page anyway: the browser is sent back to the loopback address.
  const landing = await app.answerConsent(consent, { person: 'Ada Lovelace' });
  await expect(landing.getByRole('heading', { level: 1 })).toHaveText('This sign-in was cancelled');
  await expect(landing.getByRole('main')).toContainText('nothing was connected');
  await landing.screenshot({ path: '/tmp/kith/late-consent.png' });
  // The late code was never exchanged: no account here, no token issued there.
  await expect(page.getByRole('article')).toHaveCount(0);
  expect(await kith.admin.tokens({ provider: 'google' })).toHaveLength(0);
});

// Facebook's Login Dialog on a loopback redirect, kept for apps in development mode (Facebook refuses
// http redirects for Live apps); Kith's default is Login for Devices (facebook-device-login.spec.ts).
test.describe("with Facebook's Login Dialog (KITH_FACEBOOK_LOGIN=oidc)", () => {
  test.use({ kithOptions: { hostEnv: { KITH_FACEBOOK_LOGIN: 'oidc' } } });

  test('connects Facebook through the dialog, whose short-lived token lapses within hours', async ({ app }) => {
    await app.connect('facebook', { person: 'Mei Chen' });
    const mei = app.accountCard(/Mei Chen/);
    await expect(mei).toBeVisible();
    // The web flow's token lasts about an hour ("Access Tokens" guide): the card warns at once.
    await expect(mei.getByRole('status').filter({ hasText: /loses access .*\(in (\d+ minutes|1 hour)\)/ })).toBeVisible();
  });
});

test.describe('with a short login timeout', () => {
  test.use({ kithOptions: { hostEnv: { KITH_LOGIN_TIMEOUT_MS: '3000' } } });

  test('a login nobody finishes times out with a clear message', async ({ app, page }) => {
    await app.connectButton('google').click();
    await expect(app.signInLink()).toBeVisible();
    await expect(page.getByText(/took too long/)).toBeVisible({ timeout: 15_000 });
    await expect(app.signInLink()).toHaveCount(0);
    await expect(page.getByRole('article')).toHaveCount(0);
  });
});
