// axe-core over every page and dialog Kith shows, in both themes (chosen in Settings):
// any violation of serious or critical impact fails, with the rule, the element and why.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from '../support/fixtures';
import type { KithApp } from '../support/kith-app';
import { closeSecretDialog, createTokenOnPage } from '../support/script-access';

test.use({ kithOptions: { contacts: 30, friends: 30 } });

async function expectNoSeriousViolations(page: Page, state: string): Promise<void> {
  // Contrast is measured on a still frame: a toast still sliding in (opacity rising) is not what a person reads.
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getComputedTiming().iterations === Infinity));
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const report = serious.flatMap((v) => v.nodes.map((n) => `${state}: ${v.id} (${v.impact}) at ${n.target.join(' ')}: ${n.failureSummary ?? v.help}`));
  expect(report, report.join('\n')).toEqual([]);
}

async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `/tmp/kith/a11y-${name}.png` });
}

async function everyState(app: KithApp, page: Page, theme: 'light' | 'dark', stopProviders: () => Promise<void>, revoke: () => Promise<unknown>) {
  await expectNoSeriousViolations(page, `${theme} accounts, empty`);
  await app.connectButton('google').click();
  await expect(app.signInLink()).toBeVisible();
  await expectNoSeriousViolations(page, `${theme} sign-in panel`);
  await page.getByRole('button', { name: 'Cancel' }).click();
  // Facebook's device login: the code, Copy code, the device page link, the countdown.
  await app.connectButton('facebook').click();
  await expect(app.devicePanel()).toBeVisible();
  await expectNoSeriousViolations(page, `${theme} device code panel`);
  await screenshot(page, `${theme}-device-code`);
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(app.devicePanel()).toHaveCount(0);

  await app.connect('google', { person: 'Ada Lovelace' });
  await app.connect('facebook', { person: 'Kofi Mensah' });
  await expect(app.accountCard(/Kofi Mensah/)).toContainText(/friends use Kith/);
  await expect(app.notifications().getByRole('status')).toContainText('Connected Kofi Mensah');
  await expectNoSeriousViolations(page, `${theme} accounts with a toast`);
  await screenshot(page, `${theme}-accounts`);

  await revoke();
  await page.getByRole('button', { name: 'Sync now' }).click();
  await expect(app.accountCard(/Ada Lovelace/)).toContainText('Needs reconnecting');
  await expectNoSeriousViolations(page, `${theme} accounts, one needs reconnecting`);
  await screenshot(page, `${theme}-reconnect`);

  await app.goTo('Friends');
  await expect(app.friendRows().first()).toBeVisible();
  await expectNoSeriousViolations(page, `${theme} friends`);
  await screenshot(page, `${theme}-friends`);

  await app.goTo('Settings');
  await expectNoSeriousViolations(page, `${theme} settings`);
  await screenshot(page, `${theme}-settings`);
  const dialog = await app.disconnect(/Kofi Mensah/);
  await expectNoSeriousViolations(page, `${theme} disconnect dialog`);
  await screenshot(page, `${theme}-dialog`);
  await dialog.getByRole('button', { name: 'Cancel' }).click();

  // Script access: the empty list, the create form, the secret shown once, the list, a token's access log.
  await app.goTo('Script access');
  await expect(page.getByText('No script has access.')).toBeVisible();
  await expectNoSeriousViolations(page, `${theme} script access, empty`);
  await page.getByRole('button', { name: 'New token' }).click();
  await page.getByRole('radio', { name: /^Only these accounts/ }).check();
  await expectNoSeriousViolations(page, `${theme} new token dialog`);
  await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
  await createTokenOnPage(app, page, { name: `${theme} script` });
  await expectNoSeriousViolations(page, `${theme} token secret dialog`);
  await screenshot(page, `${theme}-token-secret`);
  await closeSecretDialog(page);
  await expectNoSeriousViolations(page, `${theme} script access list`);
  await screenshot(page, `${theme}-script-access`);
  await page.getByRole('button', { name: `Access log of ${theme} script` }).click();
  await expectNoSeriousViolations(page, `${theme} access log dialog`);
  await page.getByRole('dialog').getByRole('button', { name: 'Close' }).click();

  await stopProviders();
  await app.goTo('Accounts');
  await page.getByRole('button', { name: 'Sync now' }).click();
  await expect(app.offlineBanner()).toBeVisible();
  await expectNoSeriousViolations(page, `${theme} offline`);
  await screenshot(page, `${theme}-offline`);
}

for (const theme of ['light', 'dark'] as const) {
  test(`every page, dialog and toast passes axe in the ${theme} theme`, async ({ app, kith, page }) => {
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(kith.hostUrl).origin });
    // The system says the opposite, so the setting is what decides.
    await page.emulateMedia({ colorScheme: theme === 'light' ? 'dark' : 'light' });
    await app.chooseTheme(theme === 'light' ? 'Light' : 'Dark');
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
    await app.goTo('Accounts');
    await everyState(app, page, theme, () => kith.stopSandbox(), () =>
      kith.admin.revokeGrant({ provider: 'google', person: 'ada.lovelace@example.com', reason: 'removed-app' }),
    );
  });
}

test('the theme setting outlasts a reload and overrides the system', async ({ app, page }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await app.chooseTheme('Dark');
  const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const dark = await background();
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  expect(await background()).toBe(dark);
  await app.chooseTheme('System');
  expect(await background()).not.toBe(dark);
});
