// The page object: drives Kith the way a person does, by accessible roles and
// names, and plays the system browser for the providers' consent pages.
import { expect, type Locator, type Page } from '@playwright/test';
import { PROVIDER_NAMES } from '../../src-contract/provider-names';

export type Provider = 'google' | 'facebook';

export interface ConsentChoice {
  decision?: 'allow' | 'deny';
  /** Seeded person to pick on the consent page, by (part of) the name shown. */
  person?: string;
  /** Facebook: untick the friends permission. */
  withoutFriends?: boolean;
  /** Google: untick "See and download your contacts" on the granular consent screen. */
  withoutContacts?: boolean;
  /** Google: time-based access chosen on the consent screen. */
  accessFor?: 'For 1 hour' | 'For 1 day' | 'For 7 days';
}

export class KithApp {
  constructor(readonly page: Page) {}

  async open(launchUrl: string): Promise<void> {
    await this.page.goto(launchUrl);
    // The launch link is traded for a session cookie and leaves the address bar.
    await expect(this.page).not.toHaveURL(/token=/);
    await expect(this.nav('Accounts')).toBeVisible();
  }

  nav(name: 'Accounts' | 'Friends' | 'Script access' | 'Settings'): Locator {
    return this.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name });
  }

  async goTo(name: 'Accounts' | 'Friends' | 'Script access' | 'Settings'): Promise<void> {
    await this.nav(name).click();
    await expect(this.nav(name)).toHaveAttribute('aria-current', 'page');
  }

  connectButton(provider: Provider): Locator {
    return this.page.getByRole('button', { name: `Connect ${PROVIDER_NAMES[provider]}` });
  }

  signInLink(): Locator {
    return this.page.getByRole('link', { name: 'Open the sign-in page' });
  }

  /** The panel of a device login (Facebook Login for Devices): the code, Copy code, the device page, Cancel. */
  devicePanel(provider: Provider = 'facebook'): Locator {
    return this.page.getByRole('region', { name: `Enter this code at ${PROVIDER_NAMES[provider]}` });
  }

  /** The code the device panel shows, as a person reads it. */
  async shownDeviceCode(provider: Provider = 'facebook'): Promise<string> {
    const code = this.devicePanel(provider).locator('#device-code');
    await expect(code).toHaveText(/^[A-Z0-9-]{4,}$/);
    return (await code.innerText()).trim();
  }

  /** Opens the device page from the panel's link, as the system browser would have. */
  async openDevicePage(provider: Provider = 'facebook'): Promise<Page> {
    const [devicePage] = await Promise.all([this.page.context().waitForEvent('page'), this.devicePanel(provider).getByRole('link', { name: 'Open facebook.com/device' }).click()]);
    await devicePage.waitForLoadState();
    return devicePage;
  }

  /** At the device page: checks the code Kith filled in, presses Continue, answers the consent; returns the page it ends on. */
  async answerDevicePage(devicePage: Page, code: string, choice: ConsentChoice = {}): Promise<Page> {
    await expect(devicePage.getByLabel('Enter the code shown on your device')).toHaveValue(code);
    await devicePage.getByRole('button', { name: 'Continue' }).click();
    if (choice.person) await devicePage.getByRole('radio', { name: new RegExp(choice.person) }).check();
    if (choice.withoutFriends) await devicePage.getByRole('checkbox').uncheck();
    await devicePage.getByRole('button', { name: choice.decision === 'deny' ? 'Deny' : 'Allow' }).click();
    await expect(devicePage.getByRole('heading', { name: choice.decision === 'deny' ? 'Login cancelled' : 'Success!' })).toBeVisible();
    return devicePage;
  }

  /** Starts a login and opens the consent page in a new tab, as the system browser would. */
  async startLogin(provider: Provider, via: Locator = this.connectButton(provider)): Promise<Page> {
    await via.click();
    await expect(this.page.getByRole('heading', { name: 'Finish signing in in your browser' })).toBeVisible();
    const [consent] = await Promise.all([this.page.context().waitForEvent('page'), this.signInLink().click()]);
    await consent.waitForLoadState();
    return consent;
  }

  /** Answers a provider's consent page; returns the page the loopback redirect showed. */
  async answerConsent(consent: Page, choice: ConsentChoice = {}): Promise<Page> {
    if (choice.person) await consent.getByRole('radio', { name: new RegExp(choice.person) }).check();
    if (choice.withoutFriends) await consent.getByRole('checkbox').uncheck();
    if (choice.withoutContacts) await consent.getByRole('checkbox', { name: 'See and download your contacts' }).uncheck();
    if (choice.accessFor) await consent.getByRole('radio', { name: choice.accessFor }).check();
    await consent.getByRole('button', { name: choice.decision === 'deny' ? 'Deny' : 'Allow' }).click();
    await consent.waitForURL(/^http:\/\/(127\.0\.0\.1|localhost):\d+\//);
    return consent;
  }

  /**
   * Connects through whichever sign-in Kith shows: Facebook's device code (Login for Devices, the
   * default) or the consent page on a redirect (Google; Facebook with KITH_FACEBOOK_LOGIN=oidc).
   */
  async connect(provider: Provider, choice: ConsentChoice = {}): Promise<void> {
    await this.connectButton(provider).click();
    const device = this.devicePanel(provider);
    // Both appear only once Kith has started the sign-in (the panel says "Opening…" before that).
    await expect(device.or(this.signInLink())).toBeVisible();
    if (await device.isVisible()) {
      const code = await this.shownDeviceCode(provider);
      const devicePage = await this.answerDevicePage(await this.openDevicePage(provider), code, choice);
      await devicePage.close();
      return;
    }
    const [consent] = await Promise.all([this.page.context().waitForEvent('page'), this.signInLink().click()]);
    await consent.waitForLoadState();
    const landing = await this.answerConsent(consent, choice);
    await landing.close();
  }

  accountCard(name: string | RegExp): Locator {
    return this.page.getByRole('article', { name });
  }

  /** The question shown when someone other than the account's person signed in. */
  otherPersonPrompt(): Locator {
    return this.page.getByRole('alert').filter({ hasText: 'signed in, not' });
  }

  /** Expects the consent page to have preselected this person (the login_hint Kith sent). */
  async expectPreselected(consent: Page, person: string | RegExp): Promise<void> {
    await expect(consent.getByRole('radio', { name: person })).toBeChecked();
  }

  friendList(): Locator {
    return this.page.getByRole('list', { name: 'Friends' });
  }

  friendRows(): Locator {
    return this.friendList().getByRole('listitem');
  }

  /** The name on the first friend row (its first line of text). */
  async firstFriendName(): Promise<string> {
    return (await this.friendRows().first().innerText()).split('\n')[0]!.trim();
  }

  searchBox(): Locator {
    return this.page.getByLabel('Search friends');
  }

  /** The toasts' corner. */
  notifications(): Locator {
    return this.page.getByRole('region', { name: 'Notifications', exact: true });
  }

  offlineBanner(): Locator {
    return this.notifications().getByRole('status', { name: 'Offline' });
  }

  /** Each account's buttons say whose they are: "Reconnect Ada Lovelace’s Google account". */
  accountButton(action: 'Reconnect' | 'Disconnect', person: string, provider: Provider): Locator {
    return this.page.getByRole('button', { name: `${action} ${person}’s ${PROVIDER_NAMES[provider]} account`, exact: true });
  }

  /** Settings → Appearance → Theme. */
  async chooseTheme(theme: 'System' | 'Light' | 'Dark'): Promise<void> {
    await this.goTo('Settings');
    await this.page.getByRole('group', { name: 'Theme' }).getByRole('radio', { name: new RegExp(`^${theme}`) }).check();
  }

  async disconnect(accountName: string | RegExp): Promise<Locator> {
    await this.goTo('Settings');
    await this.accountCard(accountName).getByRole('button', { name: /^Disconnect / }).click();
    const dialog = this.page.getByRole('dialog');
    await expect(dialog).toBeVisible();
    return dialog;
  }
}
