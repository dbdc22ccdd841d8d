// Facebook through Login for Devices, as a person does it in Chromium: Kith
// shows a code, the person copies it, opens facebook.com/device (the sandbox's
// device page; the system browser is played by following the panel's link),
// confirms the code and allows access, and Kith connects by itself. The
// token's real lifetime (the sandbox gives this flow Facebook's ~60 days)
// sets the account's deadline. A denied or expired code says so and offers
// a new one.
import { formatDayTime } from '../../src-renderer/lib/access-words';
import { expect, test } from '../support/fixtures';

const DAY_MS = 24 * 3600 * 1000;

test('connects Facebook with a code: shown large, copied, confirmed at the device page, then connected for about 60 days', async ({ app, kith, page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(kith.hostUrl).origin });
  await app.connectButton('facebook').click();
  const panel = app.devicePanel();
  await expect(panel).toBeVisible();
  const code = await app.shownDeviceCode();
  // The code on screen is the one Facebook (the sandbox) is waiting for.
  const [pending] = await kith.admin.deviceLogins();
  expect(pending).toMatchObject({ userCode: code, status: 'pending' });
  await expect(panel).toContainText(/The code expires in \d+:\d\d\./);

  await panel.getByRole('button', { name: 'Copy code' }).click();
  await expect(panel.getByRole('button', { name: 'Copied' })).toBeVisible();
  await expect(panel.getByRole('status')).toHaveText('The code is on your clipboard.');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(code);

  const devicePage = await app.openDevicePage();
  expect(new URL(devicePage.url()).searchParams.get('user_code')).toBe(code);
  await app.answerDevicePage(devicePage, code, { person: 'Kofi Mensah' });
  await devicePage.close();

  const kofi = app.accountCard(/Kofi Mensah/);
  await expect(kofi).toBeVisible();
  await expect(panel).toHaveCount(0);
  await expect(kofi).toContainText('Connected');
  // The deadline is the device token's, about 60 days out, not the web flow's hour.
  const deadline = kofi.getByText(/^Kith’s access ends on /);
  await expect(deadline).toContainText(formatDayTime(Date.now() + 60 * DAY_MS, Date.now()).split(',')[0]!);
  await expect(deadline).toContainText('Facebook gives Kith no way to renew it');
  await expect(kofi.getByText(/loses access/)).toHaveCount(0);
  expect((await kith.admin.tokens({ provider: 'facebook', kind: 'device' })).length).toBe(1);
});

test('a code the person declines says so, and Get a new code shows another one', async ({ app, kith, page }) => {
  await app.connectButton('facebook').click();
  const first = await app.shownDeviceCode();
  await app.answerDevicePage(await app.openDevicePage(), first, { decision: 'deny' });
  await expect(page.getByText('You chose not to allow Kith at Facebook, so nothing was connected.')).toBeVisible();
  await expect(page.getByRole('article')).toHaveCount(0);

  await page.getByRole('button', { name: 'Get a new code' }).click();
  const second = await app.shownDeviceCode();
  expect(second).not.toBe(first);
  expect((await kith.admin.deviceLogins()).map((d) => d.userCode)).toContain(second);
  await app.devicePanel().getByRole('button', { name: 'Cancel' }).click();
  await expect(app.devicePanel()).toHaveCount(0);
  await expect(app.connectButton('facebook')).toBeEnabled();
});

test('a code nobody confirms expires with clear words and the offer of a new one', async ({ app, kith, page }) => {
  await kith.admin.updateSettings({ facebookDeviceCodeTtlSeconds: 4 });
  await app.connectButton('facebook').click();
  const code = await app.shownDeviceCode();
  await expect(page.getByText('The code expired before it was confirmed at Facebook, so nothing was connected. Get a new code when you are ready.')).toBeVisible({ timeout: 20_000 });
  await expect(app.devicePanel()).toHaveCount(0);
  // Facebook's page says the same of the old code.
  const devicePage = await page.context().newPage();
  await devicePage.goto(`${kith.sandboxUrl}/facebook/www/device`);
  await devicePage.getByLabel('Enter the code shown on your device').fill(code);
  await devicePage.getByRole('button', { name: 'Continue' }).click();
  await expect(devicePage.getByRole('alert')).toContainText('expired');
  await devicePage.close();
  await expect(page.getByRole('button', { name: 'Get a new code' })).toBeVisible();
});
