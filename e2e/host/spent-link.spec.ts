import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '../support/fixtures';

test('a spent launch link shows a page like the app, saying how to get a new link', async ({ app, kith, browser }) => {
  await expect(app.nav('Accounts')).toBeVisible();
  // Another browser (no session cookie) opens the same link: it has been used.
  for (const colorScheme of ['light', 'dark'] as const) {
    const context = await browser.newContext({ colorScheme });
    const page = await context.newPage();
    const response = await page.goto(kith.launchUrl);
    expect(response?.status()).toBe(401);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('This launch link has already been used or has expired');
    await expect(page.locator('code').first()).toHaveText('npx kith open');
    await expect(page.getByRole('main')).toContainText('while kith serve runs');
    const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(background).toBe(colorScheme === 'light' ? 'rgb(245, 246, 250)' : 'rgb(15, 17, 23)');
    const { violations } = await new AxeBuilder({ page }).analyze();
    expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
    await page.screenshot({ path: `/tmp/kith/spent-link-${colorScheme}.png` });
    await context.close();
  }
});
