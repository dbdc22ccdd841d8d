// A BrowserOpener that behaves like a person at the sandbox: it loads the
// consent page, approves (or declines), and follows the redirect to Kith's
// loopback server, all over plain HTTP.
import { consent, type ConsentChoice } from '../../../sandbox/testing/consent';
import type { BrowserOpener } from '../ports';

export interface SandboxBrowser extends BrowserOpener {
  /** What the next consent does (default: allow for the preselected person). */
  next: ConsentChoice;
  opened: string[];
  /** Errors from the last consent, for debugging a stuck login. */
  errors: unknown[];
}

export function createSandboxBrowser(): SandboxBrowser {
  const browser: SandboxBrowser = {
    next: {},
    opened: [],
    errors: [],
    async open(url) {
      browser.opened.push(url);
      const choice = browser.next;
      browser.next = {};
      // Like a real browser, this runs on its own; the login flow waits for the loopback redirect.
      void (async () => {
        const { redirect } = await consent(url, choice);
        await (await fetch(redirect)).text();
      })().catch((error: unknown) => browser.errors.push(error));
    },
  };
  return browser;
}
