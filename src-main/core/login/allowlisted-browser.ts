// The one gate every external URL passes before the system browser opens it:
// only the providers' consent origins (or the sandbox's) from KithConfig.
// Opening an unchecked URL is how a compromised renderer would phish.
import { KithError } from '../../../src-preload/api';
import type { BrowserOpener } from '../ports';

export function allowlistedBrowser(browser: BrowserOpener, allowedOrigins: readonly string[]): BrowserOpener {
  const allowed = new Set(allowedOrigins.map((origin) => new URL(origin).origin));
  return {
    async open(url) {
      let parsed: URL;
      try {
        parsed = new URL(url);
      } catch {
        throw new KithError('E_FORBIDDEN', 'Kith only opens web addresses in the browser.');
      }
      if ((parsed.protocol !== 'https:' && parsed.protocol !== 'http:') || !allowed.has(parsed.origin)) {
        throw new KithError('E_FORBIDDEN', `Kith does not open ${parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.origin : 'this kind of address'} in the browser.`);
      }
      await browser.open(parsed.toString());
    },
  };
}
