// The one gate every external URL passes before the system browser opens it:
// only the providers' consent origins (or the sandbox's) from KithConfig.
// Opening an unchecked URL is how a compromised renderer would phish.
import { KithError } from '../../../src-contract/kith-api';
import type { BrowserOpener } from '../ports';
import { parseWebUrl } from './web-url';

export function allowlistedBrowser(browser: BrowserOpener, allowedOrigins: readonly string[]): BrowserOpener {
  const allowed = new Set(allowedOrigins.map((origin) => new URL(origin).origin));
  return {
    async open(url) {
      const parsed = parseWebUrl(url);
      if (!allowed.has(parsed.origin)) throw new KithError('E_FORBIDDEN', `Kith does not open ${parsed.origin} in the browser.`);
      await browser.open(parsed.toString());
    },
  };
}
