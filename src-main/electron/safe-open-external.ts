// The one way Kith's Electron shell opens a URL in the system browser: for a
// link the page tries to open, and for the consent page the core asks for.
// Only the providers' and the sandbox's origins (KithConfig.allowedBrowserOrigins)
// pass; `shell.openExternal` on an unchecked URL would let a compromised page
// launch any protocol handler on the machine.

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * The URL to open when it is http(s) on an allowed origin, carries no credentials,
 * and (for plain http) points at this machine, where only the sandbox lives;
 * else what to call it in a log (its origin only: the path or query of a refused
 * URL may hold anything).
 */
function checkExternalUrl(rawUrl: string, allowedOrigins: readonly string[]): { url: URL } | { refused: string } {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return { refused: 'an invalid URL' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { refused: `a ${url.protocol} URL` };
  const allowed =
    !url.username &&
    !url.password &&
    (url.protocol === 'https:' || LOOPBACK_HOSTS.has(url.hostname)) &&
    allowedOrigins.some((origin) => {
      try {
        return new URL(origin).origin === url.origin;
      } catch {
        return false;
      }
    });
  return allowed ? { url } : { refused: url.origin };
}

export function isAllowedExternalUrl(rawUrl: string, allowedOrigins: readonly string[]): boolean {
  return 'url' in checkExternalUrl(rawUrl, allowedOrigins);
}

export type SafeOpenExternal = (url: string) => Promise<boolean>;

/** Wraps `shell.openExternal`; resolves false (and opens nothing) for a URL off the allowlist. */
export function createSafeOpenExternal(
  openExternal: (url: string) => Promise<void>,
  allowedOrigins: readonly string[],
  onRefused: (origin: string) => void = () => {},
): SafeOpenExternal {
  return async (rawUrl) => {
    const checked = checkExternalUrl(rawUrl, allowedOrigins);
    if ('refused' in checked) {
      onRefused(checked.refused);
      return false;
    }
    await openExternal(checked.url.toString());
    return true;
  };
}
