// Where a spec's screenshots go: docs/screenshots (the README's) when KITH_UPDATE_SCREENSHOTS=1,
// else test-results/screenshots, so an ordinary run leaves the work tree clean.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';

const root = path.resolve(import.meta.dirname, '..', '..');

export function screenshotDir(): string {
  const dir = process.env.KITH_UPDATE_SCREENSHOTS === '1' ? path.join(root, 'docs', 'screenshots') : path.join(root, 'test-results', 'screenshots');
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** A still frame (toasts dismissed, finite animations done, the caret hidden) of the page, as `name`.png. */
export async function screenshot(page: Page, name: string): Promise<void> {
  const dismiss = page.getByRole('region', { name: 'Notifications' }).getByRole('button', { name: 'Dismiss' });
  if ((await dismiss.count()) > 0) {
    // Dismissing takes focus; the spec goes on from where its focus was.
    const focused = await page.evaluateHandle(() => document.activeElement);
    while ((await dismiss.count()) > 0) await dismiss.first().click();
    await focused.evaluate((el) => (el as HTMLElement | null)?.focus());
  }
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getComputedTiming().iterations === Infinity));
  await page.screenshot({ path: path.join(screenshotDir(), `${name}.png`), caret: 'hide', animations: 'disabled' });
}
