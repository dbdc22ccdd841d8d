// A person's details, by keyboard and by pointer, in Chromium against the host shell and
// the sandbox: open, copy (the clipboard read back), see the phone, move between people,
// close; Email and Call handed to the system's opener through Kith's URL gate.
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '../support/fixtures';
import { FriendsPage } from '../support/friends-page';
import { screenshot } from '../support/screenshots';

// A stand-in for xdg-open: records each URL Kith hands to the system, one per line (the
// consent page's too: the test follows the page's own sign-in link instead).
const opened = path.join(tmpdir(), `kith-e2e-opened-${process.pid}.txt`);
const opener = path.join(tmpdir(), `kith-e2e-opener-${process.pid}.sh`);
writeFileSync(opener, `#!/bin/sh\nprintf '%s\\n' "$1" >> '${opened}'\n`);
chmodSync(opener, 0o755);
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const openedUrls = () => {
  try {
    return readFileSync(opened, 'utf8')
      .split('\n')
      .filter((url) => /^(mailto|tel):/.test(url));
  } catch {
    return [];
  }
};

test.use({
  kithOptions: { contacts: 40, friends: 30, hostEnv: { KITH_BROWSER: opener } },
  permissions: ['clipboard-read', 'clipboard-write'],
  viewport: { width: 1280, height: 800 },
});

test('opens a person with the keyboard, copies their email, sees their phone, moves on and closes', async ({ app, page }) => {
  writeFileSync(opened, '');
  await app.connect('google', { person: 'Ada Lovelace' });
  await app.goTo('Friends');
  const friends = new FriendsPage(app);
  await expect(friends.rows().first()).toBeVisible();
  // The row shows both what people search for: the email and the phone.
  await expect(friends.rows().first()).toContainText(/@example\.org/);
  await expect(friends.rows().first()).toContainText(/\(\d{3}\) 555-\d{4}/);
  await expect(friends.rows().first()).toContainText('Ada Lovelace');

  const name = await friends.openWithKeyboard(0);
  const details = friends.details(name);
  await expect(friends.detailsHeading()).toBeFocused();
  const email = (await details.locator('.friend-field-value').first().innerText()).trim();
  expect(email).toMatch(/@example\.org$/);
  await expect(details.getByText(/\(\d{3}\) 555-\d{4}/)).toBeVisible();
  await expect(details).toContainText('from Ada Lovelace’s Google');
  await expect(details).toContainText(/Last synced/);
  await screenshot(page, 'friend-details');

  // E copies the email while the details have focus.
  await page.keyboard.press('e');
  await expect.poll(() => friends.clipboard()).toBe(email);
  await expect(details.getByRole('button', { name: new RegExp(`^Copy (\\w+ )?email ${escape(email)}$`) })).toHaveText('Copied');

  // The phone's Copy button, by name.
  const phone = (await details.locator('.friend-field-value').nth(1).innerText()).trim();
  // Each field says its label as Google gives it ("Mobile phone").
  await expect(details.getByText(/^(\w+ )?phone$/i)).toBeVisible();
  await details.getByRole('button', { name: new RegExp(`^Copy (\\w+ )?phone ${escape(phone)}$`) }).click();
  await expect.poll(() => friends.clipboard()).toBe(phone);

  // Email and Call go to the system's mail and phone apps through the gate, never opened by the page.
  await details.getByRole('button', { name: `Email ${email}`, exact: true }).click();
  await details.getByRole('button', { name: `Call ${phone}`, exact: true }).click();
  await expect.poll(openedUrls).toEqual([`mailto:${email}`, `tel:${phone.replace(/\s+/g, '')}`]);

  // Arrow keys move between people; the list follows.
  await friends.detailsHeading().focus();
  await page.keyboard.press('ArrowDown');
  const second = (await friends.rows().and(page.locator('[data-index="1"]')).locator('.friend-name').innerText()).trim();
  await expect(friends.detailsHeading()).toHaveText(second);
  await expect(friends.rows().and(page.locator('[data-index="1"]'))).toHaveAttribute('aria-current', 'true');

  // Escape closes and gives focus back to the row of the person shown.
  await page.keyboard.press('Escape');
  await expect(friends.details()).toHaveCount(0);
  await expect(friends.rows().and(page.locator('[data-index="1"]'))).toBeFocused();

  // A click opens too; at 800 × 600 the details are a page over the list, with a way back.
  await page.setViewportSize({ width: 800, height: 600 });
  await friends.rows().nth(2).click();
  await expect(friends.details()).toHaveClass(/friend-details-page/);
  await screenshot(page, 'friend-details-narrow');
  await friends.details().getByRole('button', { name: 'Back to friends' }).click();
  await expect(friends.details()).toHaveCount(0);
});

test('a Facebook friend’s details say what Facebook shares', async ({ app }) => {
  await app.connect('facebook', { person: 'Kofi Mensah' });
  await app.goTo('Friends');
  const friends = new FriendsPage(app);
  await expect(friends.rows().first()).toBeVisible();
  await friends.openWithKeyboard(0);
  await expect(friends.details()).toContainText('Facebook shares only the name and profile picture of friends who also use Kith');
  await expect(friends.details().getByRole('list', { name: 'Where this comes from' })).toContainText(/Facebook.*Kofi Mensah.*Last synced/);
});
