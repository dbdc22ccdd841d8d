// The one rule for what Kith hands to a system browser, applied by the core's
// allowlisted browser, the Electron shell's `shell.openExternal` wrapper and the
// host's opener. Opening an unchecked URL is how a compromised page would phish
// or launch a protocol handler (file:, smb:, ms-msdt:) on the machine.
//
// A URL passes when it parses; is http or https; carries no user name or
// password (`https://accounts.google.com@evil.example/` reads as Google to a
// person); uses plain http only on this machine (where only the sandbox and
// Kith's own server live); and, when an allowlist is given, sits on one of its
// origins exactly (scheme, host and port). A refused URL is named by its origin
// only: its path or query may hold anything, a code or a token included.
import { KithError } from '../../../src-contract/kith-api';

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

export type ExternalUrlRefusal = 'not-a-url' | 'not-web' | 'credentials' | 'plain-http-off-machine' | 'origin-not-allowed';

export type ExternalUrlVerdict = { url: URL } | { refused: ExternalUrlRefusal; what: string };

function sameOrigin(origin: string, url: URL): boolean {
  try {
    return new URL(origin).origin === url.origin;
  } catch {
    return false;
  }
}

/** Checks `rawUrl` against the rules above; `allowedOrigins` omitted checks only the shape (scheme, credentials, plain http). */
export function checkExternalUrl(rawUrl: string, allowedOrigins?: readonly string[]): ExternalUrlVerdict {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return { refused: 'not-a-url', what: 'an invalid URL' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { refused: 'not-web', what: `a ${url.protocol} URL` };
  if (url.username || url.password) return { refused: 'credentials', what: url.origin };
  if (url.protocol === 'http:' && !LOOPBACK_HOSTS.has(url.hostname)) return { refused: 'plain-http-off-machine', what: url.origin };
  if (allowedOrigins && !allowedOrigins.some((origin) => sameOrigin(origin, url))) return { refused: 'origin-not-allowed', what: url.origin };
  return { url };
}

export function isAllowedExternalUrl(rawUrl: string, allowedOrigins?: readonly string[]): boolean {
  return 'url' in checkExternalUrl(rawUrl, allowedOrigins);
}

/** The URL to open, or a KithError (E_FORBIDDEN) whose message is safe to show: it names the origin at most. */
export function requireExternalUrl(rawUrl: string, allowedOrigins?: readonly string[]): URL {
  const verdict = checkExternalUrl(rawUrl, allowedOrigins);
  if ('url' in verdict) return verdict.url;
  switch (verdict.refused) {
    case 'not-a-url':
      throw new KithError('E_FORBIDDEN', 'Kith only opens web addresses in the browser.');
    case 'not-web':
      throw new KithError('E_FORBIDDEN', 'Kith only opens http and https addresses in the browser.');
    case 'credentials':
      throw new KithError('E_FORBIDDEN', 'Kith does not open addresses that carry a user name or password.');
    case 'plain-http-off-machine':
      throw new KithError('E_FORBIDDEN', `Kith opens plain http only on this computer, not ${verdict.what}.`);
    case 'origin-not-allowed':
      throw new KithError('E_FORBIDDEN', `Kith does not open ${verdict.what} in the browser.`);
  }
}
