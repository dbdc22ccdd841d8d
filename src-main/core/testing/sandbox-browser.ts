// The BrowserOpener that stands in for the system browser and the person at
// the sandbox, over plain HTTP: it answers the sandbox's consent page through
// sandbox/testing/consent.ts (auto-consent skips the page) and follows the
// redirect to Kith's loopback server, keeping the page that server showed
// ("Kith is connected", "You declined"). Facebook's device page is answered
// the same way, with the code Kith filled in.
import { FACEBOOK_DEVICE_PAGE_PATH } from '../../../sandbox/facebook/device-page';
import { consent, deviceConsent, type ConsentChoice } from '../../../sandbox/testing/consent';
import type { BrowserOpener } from '../ports';

export type { ConsentChoice };

/** The last page a browser tab showed. */
export interface SandboxTab {
  status: number;
  text: string;
}

export interface SandboxBrowser extends BrowserOpener {
  /** What the next consent does, once; then back to the default choice. */
  next: ConsentChoice;
  /** Every URL Kith asked to open, as asked. */
  opened: string[];
  /** One per opened URL: the page the tab ends on; rejects when the tab could not load. */
  tabs: Array<Promise<SandboxTab>>;
  /** Errors of tabs that could not load, for debugging a stuck login. */
  errors: unknown[];
}

export interface SandboxBrowserOptions {
  /** The default answer at the consent page (default: allow, for the preselected person, friends granted). */
  choice?: ConsentChoice;
  /** Alters the URL before the "browser" loads it (a forged state, say). */
  rewrite?: (url: URL) => void;
}

export function createSandboxBrowser(options: SandboxBrowserOptions = {}): SandboxBrowser {
  const browser: SandboxBrowser = {
    next: {},
    opened: [],
    tabs: [],
    errors: [],
    async open(url) {
      browser.opened.push(url);
      const choice = { ...options.choice, ...browser.next };
      browser.next = {};
      const target = new URL(url);
      options.rewrite?.(target);
      // Like a real browser, the tab runs on its own; the login flow waits for the loopback redirect.
      const tab = visit(target.toString(), choice);
      tab.catch((error: unknown) => browser.errors.push(error));
      browser.tabs.push(tab);
    },
  };
  return browser;
}

async function visit(url: string, choice: ConsentChoice): Promise<SandboxTab> {
  const target = new URL(url);
  // Facebook's device page (Login for Devices): confirm the prefilled code, then answer its consent.
  if (target.pathname === FACEBOOK_DEVICE_PAGE_PATH) {
    const userCode = target.searchParams.get('user_code') ?? '';
    target.search = '';
    const page = await deviceConsent(target.toString(), userCode, choice);
    return { status: page.status, text: page.html };
  }
  const { redirect } = await consent(url, choice);
  const page = await fetch(redirect);
  return { status: page.status, text: await page.text() };
}
