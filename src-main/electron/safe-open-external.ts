// The one way Kith's Electron shell opens a URL in the system browser: for a
// link the page tries to open, and for the consent page the core asks for.
// Only URLs that pass the external-URL gate against the providers' and the
// sandbox's origins (KithConfig.allowedBrowserOrigins) are handed to
// `shell.openExternal`; on an unchecked URL it would let a compromised page
// launch any protocol handler on the machine.
import { checkExternalUrl } from '../core/login/external-url-gate';

export type SafeOpenExternal = (url: string) => Promise<boolean>;

/** Wraps `shell.openExternal`; resolves false (and opens nothing) for a URL the gate refuses, reported by origin only. */
export function createSafeOpenExternal(
  openExternal: (url: string) => Promise<void>,
  allowedOrigins: readonly string[],
  onRefused: (origin: string) => void = () => {},
): SafeOpenExternal {
  return async (rawUrl) => {
    // A friend's plain mailto: or tel: link (the Friends page's Email and Call) goes to the mail or phone app.
    const verdict = checkExternalUrl(rawUrl, allowedOrigins, { contactLinks: true });
    if ('refused' in verdict) {
      onRefused(verdict.what);
      return false;
    }
    await openExternal(verdict.url.toString());
    return true;
  };
}
