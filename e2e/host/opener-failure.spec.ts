// When Kith cannot start a browser for a sign-in, the window says so and hands
// the person the link, with Copy, instead of claiming it opened the page.
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '../support/fixtures';

// A browser program that does not exist: the opener fails the way a missing xdg-open does.
test.use({ kithOptions: { contacts: 12, hostEnv: { KITH_BROWSER: '/nonexistent/kith-no-browser' } } });

test('a browser that cannot be opened: the window says so, shows the link with Copy, and the link still signs in', async ({ app, page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await app.connectButton('google').click();
  const panel = page.getByRole('region', { name: 'Finish signing in in your browser' });
  await expect(panel).toContainText('Kith could not open your browser');
  await expect(panel).not.toContainText('Kith opened');
  const link = panel.getByRole('textbox', { name: 'Google sign-in link' });
  const url = await link.inputValue();
  expect(url).toMatch(/\/google\/o\/oauth2\/v2\/auth\?/);
  await panel.getByRole('button', { name: 'Copy link' }).click();
  await expect(panel.getByRole('status')).toHaveText('The link is on your clipboard.');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(url);
  await page.screenshot({ path: '/tmp/kith/opener-failed.png' });
  // The panel with its link box passes axe as the rest of the app does (no serious or critical violation).
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getComputedTiming().iterations === Infinity));
  const serious = (await new AxeBuilder({ page }).analyze()).violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);

  // The copied link is the sign-in: pasted into a browser, it connects the account.
  const consent = await context.newPage();
  await consent.goto(url);
  await (await app.answerConsent(consent, { person: 'Ada Lovelace' })).close();
  await expect(app.accountCard(/Ada Lovelace/)).toContainText(/12 (contacts|friends)/);
});

test('a Facebook code sign-in with no browser says to open the device page by hand', async ({ app }) => {
  await app.connectButton('facebook').click();
  await expect(app.devicePanel()).toContainText('Kith could not open your browser');
  await expect(app.devicePanel().getByRole('link', { name: 'Open facebook.com/device' })).toBeVisible();
});
