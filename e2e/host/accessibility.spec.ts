// axe-core over every page and dialog Kith shows, in both themes (chosen in Settings):
// any violation of serious or critical impact fails, with the rule, the element and why.
import { renameSync } from 'node:fs';
import path from 'node:path';
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

async function everyState(
  app: KithApp,
  page: Page,
  theme: 'light' | 'dark',
  stopProviders: () => Promise<void>,
  revoke: () => Promise<unknown>,
  failFacebook: () => Promise<unknown>,
) {
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

  // History with a disconnect still waiting for its provider, and the disconnect everywhere confirmation.
  await failFacebook();
  const pending = await app.disconnect(/Kofi Mensah/);
  await pending.getByRole('button', { name: 'Disconnect' }).click();
  await expect(page.getByRole('group', { name: 'Disconnected Kofi Mensah’s Facebook account' })).toContainText('Waiting for Facebook to confirm');
  await expectNoSeriousViolations(page, `${theme} settings, a disconnect pending in History`);
  await screenshot(page, `${theme}-history-pending`);
  await page.getByRole('button', { name: 'Disconnect everywhere…' }).click();
  const everywhere = page.getByRole('dialog', { name: 'Disconnect everywhere?' });
  await expect(everywhere).toContainText('Ada Lovelace');
  await expectNoSeriousViolations(page, `${theme} disconnect everywhere dialog`);
  await screenshot(page, `${theme}-everywhere-dialog`);
  await everywhere.getByRole('button', { name: 'Cancel' }).click();
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
    // Some 30 axe runs over every state in one walk (each state is reached from the one before):
    // on two shared cores it takes 60-90 s, so it gets three times the usual budget.
    test.slow();
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(kith.hostUrl).origin });
    // The system says the opposite, so the setting is what decides. Reduced motion (base.css) makes
    // a toast that arrives while axe runs appear at once, so contrast is never measured mid-fade.
    await page.emulateMedia({ colorScheme: theme === 'light' ? 'dark' : 'light', reducedMotion: 'reduce' });
    await app.chooseTheme(theme === 'light' ? 'Light' : 'Dark');
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
    await app.goTo('Accounts');
    await everyState(app, page, theme, () => kith.stopSandbox(), () =>
      kith.admin.revokeGrant({ provider: 'google', person: 'ada.lovelace@example.com', reason: 'removed-app' }),
      () => kith.admin.setFaults('facebook', { serverErrorRate: 1 }),
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

// The vault's screens stand before the app: the passphrase form in Settings, the unlock screen
// (and its wrong-passphrase alert), the start-over dialog and the locked screen. A restarted
// host has a new port, so a new origin with no stored theme: the system's scheme decides.
for (const theme of ['light', 'dark'] as const) {
  test(`the vault's unlock and locked screens pass axe in the ${theme} theme`, async ({ app, kith, page }) => {
    await page.emulateMedia({ colorScheme: theme, reducedMotion: 'reduce' });
    await app.goTo('Settings');
    const section = page.getByRole('region', { name: 'Passphrase' });
    await section.getByRole('button', { name: 'Protect with a passphrase' }).click();
    await expectNoSeriousViolations(page, `${theme} passphrase form`);
    await section.getByLabel('New passphrase (at least 8 characters)').fill('accessible passphrase');
    await section.getByLabel('New passphrase again').fill('accessible passphrase');
    await section.getByRole('button', { name: 'Set passphrase' }).click();
    await expect(section.getByRole('status')).toContainText('strong protection');
    await expectNoSeriousViolations(page, `${theme} settings with a passphrase`);

    await page.goto(await kith.restartHost());
    await expect(page.getByRole('heading', { name: 'Kith is locked' })).toBeVisible();
    await expectNoSeriousViolations(page, `${theme} unlock screen`);
    await page.getByLabel('Passphrase', { exact: true }).fill('wrong passphrase');
    await page.getByRole('button', { name: 'Unlock' }).click();
    await expect(page.getByRole('alert')).toContainText('not the passphrase');
    await expectNoSeriousViolations(page, `${theme} unlock screen, wrong passphrase`);
    await screenshot(page, `${theme}-unlock`);

    await page.getByRole('button', { name: 'Start over…' }).click();
    await expect(page.getByRole('dialog', { name: 'Start over with a new key?' })).toBeVisible();
    await expectNoSeriousViolations(page, `${theme} start-over dialog`);
    await page.getByRole('button', { name: 'Keep things as they are' }).click();

    // The key record says a passphrase wraps the key; without it Kith cannot tell which key sealed the data.
    await page.goto(await kith.restartHost({ meanwhile: () => renameSync(path.join(kith.dataDir, 'vault.keymeta'), path.join(kith.dataDir, 'vault.keymeta.moved')) }));
    await expect(page.getByRole('heading', { name: 'Kith’s key is missing' })).toBeVisible();
    await expectNoSeriousViolations(page, `${theme} locked screen`);
    await screenshot(page, `${theme}-locked`);
  });
}
