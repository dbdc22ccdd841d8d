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
//
// Where a caller allows contact links (the Friends page's Email and Call), a
// mailto: or tel: URL passes too, but only in its plainest form: mailto: with
// exactly one address and no header fields (RFC 6068 section 2 lets `?body=`,
// `cc=` and, in some mail programs, `attach=` ride along: a link could attach a
// local file or address more people than shown), and tel: with a number of
// digits and RFC 3966's visual separators only (no parameters such as
// `;phone-context=` or `;postd=`, which dial extra digits unseen).
import { KithError } from '../../../src-contract/kith-api';

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

export type ExternalUrlRefusal = 'not-a-url' | 'not-web' | 'credentials' | 'plain-http-off-machine' | 'origin-not-allowed' | 'not-a-plain-contact';

export interface ExternalUrlOptions {
  /** Also allow a plain mailto: (one address) or tel: (one number) URL. */
  contactLinks?: boolean;
}

/** One addr-spec (RFC 5322 dot-atom local part, a DNS name): no `%`, `?`, `,`, `&` or whitespace, so no second address or header field. */
const PLAIN_EMAIL = /^[A-Za-z0-9!#$'*+/=^_`{|}~-]+(?:\.[A-Za-z0-9!#$'*+/=^_`{|}~-]+)*@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;
/** RFC 3966 global-number-digits or local digits with visual separators (`-`, `.`, `(`, `)`), and nothing else. */
const PLAIN_PHONE = /^\+?[0-9().-]{3,40}$/;

function isPlainContact(url: URL): boolean {
  if (url.search || url.hash || url.username || url.password || url.host) return false;
  if (url.protocol === 'mailto:') return url.pathname.length <= 254 && PLAIN_EMAIL.test(url.pathname);
  return PLAIN_PHONE.test(url.pathname) && (url.pathname.match(/[0-9]/g)?.length ?? 0) >= 3;
}

export type ExternalUrlVerdict = { url: URL } | { refused: ExternalUrlRefusal; what: string };

function sameOrigin(origin: string, url: URL): boolean {
  try {
    return new URL(origin).origin === url.origin;
  } catch {
    return false;
  }
}

/** Checks `rawUrl` against the rules above; `allowedOrigins` omitted checks only the shape (scheme, credentials, plain http). */
export function checkExternalUrl(rawUrl: string, allowedOrigins?: readonly string[], options: ExternalUrlOptions = {}): ExternalUrlVerdict {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return { refused: 'not-a-url', what: 'an invalid URL' };
  }
  if (options.contactLinks && (url.protocol === 'mailto:' || url.protocol === 'tel:')) {
    // Named by scheme only: the address is a person's.
    return isPlainContact(url) ? { url } : { refused: 'not-a-plain-contact', what: `a ${url.protocol} URL` };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { refused: 'not-web', what: `a ${url.protocol} URL` };
  if (url.username || url.password) return { refused: 'credentials', what: url.origin };
  if (url.protocol === 'http:' && !LOOPBACK_HOSTS.has(url.hostname)) return { refused: 'plain-http-off-machine', what: url.origin };
  if (allowedOrigins && !allowedOrigins.some((origin) => sameOrigin(origin, url))) return { refused: 'origin-not-allowed', what: url.origin };
  return { url };
}

export function isAllowedExternalUrl(rawUrl: string, allowedOrigins?: readonly string[], options?: ExternalUrlOptions): boolean {
  return 'url' in checkExternalUrl(rawUrl, allowedOrigins, options);
}

/** The URL to open, or a KithError (E_FORBIDDEN) whose message is safe to show: it names the origin at most. */
export function requireExternalUrl(rawUrl: string, allowedOrigins?: readonly string[], options?: ExternalUrlOptions): URL {
  const verdict = checkExternalUrl(rawUrl, allowedOrigins, options);
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
    case 'not-a-plain-contact':
      throw new KithError('E_FORBIDDEN', 'Kith opens mail and phone links only for one plain address or number.');
  }
}

/**
 * The mailto: or tel: URL for a friend's email or phone as shown ("(212) 555-0100" becomes
 * tel:(212)555-0100: RFC 3966 has no spaces), checked by the rules above; E_FORBIDDEN when
 * the value is not one plain address or number (a phone with letters or an extension).
 */
export function contactUrl(kind: 'email' | 'phone', value: string): URL {
  const trimmed = value.trim();
  const raw = kind === 'email' ? `mailto:${trimmed}` : `tel:${trimmed.replace(/\s+/g, '')}`;
  return requireExternalUrl(raw, undefined, { contactLinks: true });
}
