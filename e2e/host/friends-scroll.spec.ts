// The friend list as a window onto a long list of 64 px rows: the rows at the scroll position
// are the ones in the DOM and on screen, a scroll brings their people, and the rows kept below
// the view for scrolling are few while a search is being typed and come back once it settles.
import type { Locator } from '@playwright/test';
import { expect, test } from '../support/fixtures';

const CONTACTS = 300;
const ROW_HEIGHT = 64;

test.use({ kithOptions: { contacts: CONTACTS, friends: 0 }, viewport: { width: 1280, height: 900 } });

test.beforeEach(async ({ app }) => {
  await app.connect('google', { person: 'Ada Lovelace' });
  await app.goTo('Friends');
  await expect(app.friendRows().first()).toBeVisible();
});

/** Rows rendered wholly below the list's visible part, and the rows at least partly in it (by data-index). */
function rowsAroundView(list: Locator): Promise<{ below: number; inView: number[] }> {
  return list.evaluate((element) => {
    const box = element.getBoundingClientRect();
    const rows = [...element.querySelectorAll<HTMLElement>('[role="listitem"]')];
    const below = rows.filter((row) => row.getBoundingClientRect().top >= box.bottom).length;
    const inView = rows
      .filter((row) => {
        const r = row.getBoundingClientRect();
        return r.bottom > box.top && r.top < box.bottom;
      })
      .map((row) => Number(row.dataset.index))
      .sort((a, b) => a - b);
    return { below, inView };
  });
}

test('a scroll far down shows the rows of that place, with their people', async ({ app }) => {
  const list = app.friendList();
  await list.evaluate((element, top) => element.scrollTo({ top }), 150 * ROW_HEIGHT);
  // Row 150 at the top of the view (the list's padding may leave a sliver of 149), the following rows after it, none missing.
  await expect(list.locator('[data-index="150"]')).toBeInViewport();
  const { inView } = await rowsAroundView(list);
  expect(inView[0]).toBeGreaterThanOrEqual(149);
  expect(inView).toContain(150);
  expect(inView.length).toBeGreaterThanOrEqual(8);
  expect(inView).toEqual(Array.from({ length: inView.length }, (_, i) => inView[0]! + i));
  // Their pages arrive: every row in view names a person, none is still loading.
  await expect(list.locator('[aria-busy="true"]')).toHaveCount(0);
  await expect(list.locator('[data-index="150"]')).not.toHaveAccessibleName('Loading…');
  // Back at the top.
  await list.evaluate((element) => element.scrollTo({ top: 0 }));
  await expect(list.locator('[data-index="0"]')).toBeInViewport();
});

test('while a search is typed few rows wait below the view; once it settles, enough for a scroll', async ({ app, page }) => {
  const list = app.friendList();
  // Settled at first: rows rendered below the view for a scroll to show at once.
  await expect.poll(async () => (await rowsAroundView(list)).below).toBeGreaterThanOrEqual(8);
  // The rows below the view in the first render of a search's answer, seen as it is committed
  // (a MutationObserver runs before anything else can), before the search has had time to settle.
  await page.evaluate(() => {
    const state = window as unknown as { belowAtFirstRows?: number };
    const observer = new MutationObserver(() => {
      const count = document.querySelector('.friend-count')?.textContent ?? '';
      if (!count.includes('matching “a”')) return;
      const element = document.querySelector('[role="list"][aria-label="Friends"]')!;
      const bottom = element.getBoundingClientRect().bottom;
      state.belowAtFirstRows = [...element.querySelectorAll('[role="listitem"]')].filter((row) => row.getBoundingClientRect().top >= bottom).length;
      observer.disconnect();
    });
    observer.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
  });
  await app.searchBox().fill('a');
  await expect(page.locator('.friend-count')).toContainText('matching “a”');
  const total = Number((await page.locator('.friend-count').textContent())!.replace(/,/g, '').match(/\d+/)![0]);
  expect(total, 'the search must leave more rows than a screen holds').toBeGreaterThan(30);
  expect(await page.evaluate(() => (window as unknown as { belowAtFirstRows?: number }).belowAtFirstRows)).toBeLessThanOrEqual(2);
  // Held still: the rows below the view come back, keyed as before (the rows in view keep their elements).
  const firstRow = await list.locator('[data-index="0"]').elementHandle();
  await expect.poll(async () => (await rowsAroundView(list)).below).toBeGreaterThanOrEqual(8);
  expect(await firstRow!.evaluate((row) => row.isConnected)).toBe(true);
});
