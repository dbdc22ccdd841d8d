// The "Script access" page as the specs use it: create a token through its
// dialog and take the secret the way a person does (Copy, then the clipboard).
import { expect, type Page } from '@playwright/test';
import type { KithApp } from './kith-app';

export interface NewTokenChoice {
  name: string;
  /** Tick these accounts (their labels, e.g. /Ada Lovelace \(Google\)/); absent: every account. */
  onlyAccounts?: RegExp[];
  abilities?: ('Read friends' | 'Read accounts')[];
}

/** Creates a token on the page and copies its secret; resolves the secret, with the dialog still open. */
export async function createTokenOnPage(app: KithApp, page: Page, choice: NewTokenChoice): Promise<string> {
  await app.goTo('Script access');
  await page.getByRole('button', { name: 'New token' }).click();
  const form = page.getByRole('dialog', { name: 'New script token' });
  await form.getByRole('textbox', { name: 'Name' }).fill(choice.name);
  for (const ability of ['Read friends', 'Read accounts'] as const) {
    const box = form.getByRole('checkbox', { name: new RegExp(`^${ability}`) });
    if ((choice.abilities ?? ['Read friends']).includes(ability)) await box.check();
    else await box.uncheck();
  }
  if (choice.onlyAccounts) {
    await form.getByRole('radio', { name: /^Only these accounts/ }).check();
    for (const account of choice.onlyAccounts) await form.getByRole('checkbox', { name: account }).check();
  }
  await form.getByRole('radio', { name: /^In 30 days/ }).check();
  await form.getByRole('button', { name: 'Create token' }).click();
  return copySecret(page, `Token created: ${choice.name}`);
}

/** In the open secret dialog: Copy, then read what reached the clipboard. */
export async function copySecret(page: Page, title: string): Promise<string> {
  const shown = page.getByRole('dialog', { name: title });
  await expect(shown).toContainText('you won’t see it again');
  await shown.getByRole('button', { name: 'Copy', exact: true }).click();
  await expect(shown.getByRole('button', { name: 'Copied', exact: true })).toBeVisible();
  const secret = await page.evaluate(() => navigator.clipboard.readText());
  expect(secret).toMatch(/^kith_p_/);
  await expect(shown.getByLabel('curl command')).toContainText(`Bearer ${secret}`);
  return secret;
}

export async function closeSecretDialog(page: Page): Promise<void> {
  await page.getByRole('dialog').getByRole('button', { name: 'Done' }).click();
  await expect(page.getByRole('dialog')).toHaveCount(0);
}
