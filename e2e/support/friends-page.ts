// The Friends page as a person uses it: the list, a person's details (pane or page),
// the filters, the empty states. By accessible roles and names, as kith-app.ts.
import { expect, type Locator, type Page } from '@playwright/test';
import type { KithApp } from './kith-app';

export class FriendsPage {
  readonly page: Page;

  constructor(readonly app: KithApp) {
    this.page = app.page;
  }

  list(): Locator {
    return this.app.friendList();
  }

  rows(): Locator {
    return this.app.friendRows();
  }

  row(name: string | RegExp): Locator {
    return this.rows().filter({ has: this.page.locator('.friend-name', { hasText: name }) });
  }

  /** The details view of one person (a region named by them), or of whoever it shows. */
  details(name?: string | RegExp): Locator {
    const regions = this.page.locator('section.friend-details');
    return name === undefined ? regions : this.page.getByRole('region', { name, exact: typeof name === 'string' });
  }

  detailsHeading(): Locator {
    return this.details().locator('h2');
  }

  /** Keyboard only: into the list, down to row `index` (0-based), Enter. */
  async openWithKeyboard(index = 0): Promise<string> {
    await this.list().focus();
    for (let i = 0; i <= index; i += 1) await this.page.keyboard.press('ArrowDown');
    const row = this.rows().and(this.page.locator(`[data-index="${index}"]`));
    await expect(row).toBeFocused();
    const name = (await row.locator('.friend-name').innerText()).trim();
    await this.page.keyboard.press('Enter');
    await expect(this.detailsHeading()).toHaveText(name);
    return name;
  }

  count(): Locator {
    return this.page.locator('.friend-count');
  }

  /** The empty list's card, named by its title. */
  emptyState(title: string | RegExp): Locator {
    return this.page.getByRole('region', { name: title });
  }

  async clipboard(): Promise<string> {
    return this.page.evaluate(() => navigator.clipboard.readText());
  }
}
