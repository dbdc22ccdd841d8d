// axe-core over every page and dialog Kith shows, in both themes (chosen in Settings):
// any violation of serious or critical impact fails, with the rule, the element and why.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from '../support/fixtures';
import type { KithApp } from '../support/kith-app';

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

/** The Friends page's details (pane and page), filter sidebar and menu, letter strip and export menu. */
async function checkFriendsParts(app: KithApp, page: Page, theme: 'light' | 'dark') {
  await app.friendRows().first().click();
  await expect(page.locator('section.friend-details-pane')).toBeVisible();
  await expectNoSeriousViolations(page, `${theme} friend details pane, sidebar and letters`);
  await screenshot(page, `${theme}-friend-details`);
  await page.getByRole('button', { name: 'Close details' }).click();
  await page.getByText('Export', { exact: true }).click();
  await expect(page.getByRole('group', { name: 'Export friends' })).toBeVisible();
  await expectNoSeriousViolations(page, `${theme} export menu`);
  await page.keyboard.press('Escape');

  const size = page.viewportSize();
  await page.setViewportSize({ width: 800, height: 600 });
  await page.getByText(/^Show: /).click();
  await expect(page.getByRole('button', { name: 'All accounts', exact: true })).toBeVisible();
  await expectNoSeriousViolations(page, `${theme} friends filter menu at 800 × 600`);
  await page.keyboard.press('Escape');
  await app.friendRows().first().click();
  await expect(page.locator('section.friend-details-page')).toBeVisible();
  await expectNoSeriousViolations(page, `${theme} friend details page at 800 × 600`);
  await screenshot(page, `${theme}-friend-details-narrow`);
  await page.getByRole('button', { name: 'Back to friends' }).click();
  if (size) await page.setViewportSize(size);
}

async function everyState(app: KithApp, page: Page, theme: 'light' | 'dark', stopProviders: () => Promise<void>, revoke: () => Promise<unknown>) {
  await expectNoSeriousViolations(page, `${theme} accounts, empty`);
  await app.goTo('Friends');
  await expect(page.getByRole('region', { name: 'No accounts connected' })).toBeVisible();
  await expectNoSeriousViolations(page, `${theme} friends, no accounts`);
  await app.goTo('Accounts');
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
  await checkFriendsParts(app, page, theme);

  await app.goTo('Settings');
  await expectNoSeriousViolations(page, `${theme} settings`);
  await screenshot(page, `${theme}-settings`);
  const dialog = await app.disconnect(/Kofi Mensah/);
  await expectNoSeriousViolations(page, `${theme} disconnect dialog`);
  await screenshot(page, `${theme}-dialog`);
  await dialog.getByRole('button', { name: 'Cancel' }).click();

  await stopProviders();
  await app.goTo('Accounts');
  await page.getByRole('button', { name: 'Sync now' }).click();
  await expect(app.offlineBanner()).toBeVisible();
  await expectNoSeriousViolations(page, `${theme} offline`);
  await screenshot(page, `${theme}-offline`);
}

for (const theme of ['light', 'dark'] as const) {
  test(`every page, dialog and toast passes axe in the ${theme} theme`, async ({ app, kith, page }) => {
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
