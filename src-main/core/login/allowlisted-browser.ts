// The core's browser: every URL the login flow opens passes the external-URL
// gate against the providers' consent origins (or the sandbox's) from
// KithConfig.allowedBrowserOrigins before the shell's opener sees it.
import type { BrowserOpener } from '../ports';
import { requireExternalUrl } from './external-url-gate';

export function allowlistedBrowser(browser: BrowserOpener, allowedOrigins: readonly string[]): BrowserOpener {
  return {
    async open(url) {
      await browser.open(requireExternalUrl(url, allowedOrigins).toString());
    },
  };
}
