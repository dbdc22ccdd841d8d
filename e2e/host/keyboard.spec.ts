// The main flows with the keyboard alone: Tab, Shift+Tab, Enter, Escape and the list's keys.
// (The provider's consent page is the provider's, answered as in the other specs.)
import type { Locator, Page } from '@playwright/test';
import { expect, test } from '../support/fixtures';

test.use({ kithOptions: { contacts: 200, friends: 30 } });

/** Presses Tab (or Shift+Tab) until `target` has focus; fails after `max` presses. */
async function tabTo(page: Page, target: Locator, options: { backwards?: boolean; max?: number } = {}): Promise<void> {
  for (let i = 0; i < (options.max ?? 40); i += 1) {
    if (await target.evaluate((el) => el === document.activeElement).catch(() => false)) return;
    await page.keyboard.press(options.backwards ? 'Shift+Tab' : 'Tab');
  }
  throw new Error(`Tab never reached ${target.toString()}`);
}

test('connect an account with the keyboard', async ({ app, page }) => {
  await tabTo(page, app.connectButton('google'));
  await page.keyboard.press('Enter');
  // Focus follows to the sign-in panel, where the link and Cancel are.
  await expect(page.getByRole('heading', { name: 'Finish signing in in your browser' })).toBeFocused();
  await tabTo(page, app.signInLink());
  const [consent] = await Promise.all([page.context().waitForEvent('page'), page.keyboard.press('Enter')]);
  await consent.waitForLoadState();
  await (await app.answerConsent(consent, { person: 'Ada Lovelace' })).close();
  await expect(app.accountCard(/Ada Lovelace/)).toBeVisible();
  // The panel is gone; focus is back where the person started, not on <body>.
  await expect(app.connectButton('google')).toBeFocused();
  await page.screenshot({ path: '/tmp/kith/keyboard-connected.png' });
});

test("Facebook's device code with the keyboard: focus on its panel, Copy code and the device page by Tab", async ({ app, page }) => {
  await tabTo(page, app.connectButton('facebook'));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Enter this code at Facebook' })).toBeFocused();
  const code = await app.shownDeviceCode();
  await tabTo(page, app.devicePanel().getByRole('button', { name: 'Copy code' }));
  await tabTo(page, app.devicePanel().getByRole('link', { name: 'Open facebook.com/device' }));
  const [devicePage] = await Promise.all([page.context().waitForEvent('page'), page.keyboard.press('Enter')]);
  await devicePage.waitForLoadState();
  await (await app.answerDevicePage(devicePage, code, { person: 'Kofi Mensah' })).close();
  await expect(app.accountCard(/Kofi Mensah/)).toBeVisible();
});

test('browse friends with the keyboard: open Friends, search, scroll by keys', async ({ app, page }) => {
  await app.connect('google', { person: 'Ada Lovelace' });
  await tabTo(page, app.nav('Friends'));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Friends' })).toBeFocused();
  await expect(app.friendRows().first()).toBeVisible();

  // Into the list: End goes to the last friend, scrolling it into view; Home comes back.
  await tabTo(page, app.friendList());
  await page.keyboard.press('End');
  const last = app.friendList().locator('[data-index="199"]');
  await expect(last).toBeFocused();
  await expect(last).toBeInViewport();
  expect(await app.friendList().evaluate((el) => el.scrollTop)).toBeGreaterThan(1000);
  await page.keyboard.press('PageUp');
  await expect(app.friendList().locator(':focus')).not.toHaveAttribute('data-index', '199');
  await page.keyboard.press('Home');
  await expect(app.friendList().locator('[data-index="0"]')).toBeFocused();
  expect(await app.friendList().evaluate((el) => el.scrollTop)).toBe(0);
  const first = await app.firstFriendName();

  // Back to the search box and narrow the list down.
  await tabTo(page, app.searchBox(), { backwards: true });
  await page.keyboard.type(first);
  await expect(app.friendRows().first()).toContainText(first);
  for (const row of await app.friendRows().allTextContents()) expect(row.toLowerCase()).toContain(first.toLowerCase());
  await page.screenshot({ path: '/tmp/kith/keyboard-friends.png' });
});

test('disconnect with the keyboard: the dialog keeps focus and gives it back', async ({ app, page }) => {
  await app.connect('google', { person: 'Ada Lovelace' });
  await app.connect('facebook', { person: 'Kofi Mensah' });
  await expect(app.accountCard(/Kofi Mensah/)).toBeVisible();
  await tabTo(page, app.nav('Settings'));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeFocused();

  const ada = app.accountButton('Disconnect', 'Ada Lovelace', 'google');
  await tabTo(page, ada);
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Disconnect Ada Lovelace (Google)?' });
  const cancel = dialog.getByRole('button', { name: 'Cancel' });
  const confirm = dialog.getByRole('button', { name: 'Disconnect' });
  await expect(cancel).toBeFocused();
  // Tab and Shift+Tab go round inside the dialog, never out to the page or <body>.
  await page.keyboard.press('Tab');
  await expect(confirm).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(cancel).toBeFocused();
  await page.keyboard.press('Shift+Tab');
  await expect(confirm).toBeFocused();
  await page.keyboard.press('Shift+Tab');
  await expect(cancel).toBeFocused();
  await page.screenshot({ path: '/tmp/kith/keyboard-dialog.png' });

  // Escape cancels and returns focus to the button that opened the dialog.
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(ada).toBeFocused();

  await page.keyboard.press('Enter');
  await expect(cancel).toBeFocused();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await expect(app.accountCard(/Ada Lovelace/)).toHaveCount(0);
  // The opener is gone: focus moves to the next account's Disconnect button.
  const kofi = app.accountButton('Disconnect', 'Kofi Mensah', 'facebook');
  await expect(kofi).toBeFocused();

  await page.keyboard.press('Enter');
  await expect(page.getByRole('dialog', { name: 'Disconnect Kofi Mensah (Facebook)?' }).getByRole('button', { name: 'Cancel' })).toBeFocused();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await expect(app.accountCard(/Kofi Mensah/)).toHaveCount(0);
  // No account left: focus lands on the list's heading.
  await expect(page.getByRole('heading', { name: 'Connected accounts' })).toBeFocused();
});

test('a second disconnect asked for while the first is still at the provider keeps its dialog', async ({ app, page, kith }) => {
  await app.connect('google', { person: 'Ada Lovelace' });
  await app.connect('facebook', { person: 'Kofi Mensah' });
  await expect(app.accountCard(/Kofi Mensah/)).toBeVisible();
  await app.goTo('Settings');
  // Kith removes the account here first and then asks Google to revoke: a slow Google keeps the
  // answer away for a while after Ada's card has gone and focus has moved on to Kofi's button.
  await kith.admin.setFaults('google', { latencyMs: 2_000 });
  await tabTo(page, app.accountButton('Disconnect', 'Ada Lovelace', 'google'));
  await page.keyboard.press('Enter');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await expect(app.accountCard(/Ada Lovelace/)).toHaveCount(0);
  const kofi = app.accountButton('Disconnect', 'Kofi Mensah', 'facebook');
  await expect(kofi).toBeFocused();

  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Disconnect Kofi Mensah (Facebook)?' });
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  // Ada's answer arrives while Kofi's question is open: it says so, and leaves the question open.
  await expect(app.notifications()).toContainText('Disconnected Ada Lovelace (Google).');
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(kofi).toBeFocused();
});
