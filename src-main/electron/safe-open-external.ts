// The one way Kith's Electron shell opens a URL in the system browser: for a
// link the page tries to open, and for the consent page the core asks for.
// Only the providers' and the sandbox's origins (KithConfig.allowedBrowserOrigins)
// pass; `shell.openExternal` on an unchecked URL would let a compromised page
// launch any protocol handler on the machine.

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * True when the URL is http(s) on an allowed origin, carries no credentials,
 * and (for plain http) points at this machine, where only the sandbox lives.
 */
export function isAllowedExternalUrl(rawUrl: string, allowedOrigins: readonly string[]): boolean {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return false;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return false;
  if (url.username || url.password) return false;
  if (url.protocol === 'http:' && !LOOPBACK_HOSTS.has(url.hostname)) return false;
  return allowedOrigins.some((origin) => {
    try {
      return new URL(origin).origin === url.origin;
    } catch {
      return false;
    }
  });
}

export type SafeOpenExternal = (url: string) => Promise<boolean>;

/** Wraps `shell.openExternal`; resolves false (and opens nothing) for a URL off the allowlist. */
export function createSafeOpenExternal(
  openExternal: (url: string) => Promise<void>,
  allowedOrigins: readonly string[],
  onRefused: (origin: string) => void = () => {},
): SafeOpenExternal {
  return async (rawUrl) => {
    if (!isAllowedExternalUrl(rawUrl, allowedOrigins)) {
      // The origin only: the path or query of a refused URL may hold anything.
      let origin = 'an invalid URL';
      try {
        const url = new URL(rawUrl);
        origin = url.protocol === 'http:' || url.protocol === 'https:' ? url.origin : `a ${url.protocol} URL`;
      } catch {
        // keep the placeholder
      }
      onRefused(origin);
      return false;
    }
    await openExternal(new URL(rawUrl).toString());
    return true;
  };
}
