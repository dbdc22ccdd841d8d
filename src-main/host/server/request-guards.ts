// Checks that stop other web pages from using the server through the
// person's browser: DNS rebinding (a hostile name resolving to 127.0.0.1
// still sends its own Host), cross-site requests (Origin, Sec-Fetch-Site) and
// form-encoded CSRF (only application/json is accepted on POST, which a plain
// HTML form cannot send).

/**
 * A public origin must still name this machine: any other name would reopen
 * the DNS-rebinding hole the Host check closes.
 */
export function isLoopbackOrigin(origin: string): boolean {
  try {
    const url = new URL(origin);
    const host = url.hostname.toLowerCase();
    return url.protocol === 'http:' && (host === '127.0.0.1' || host === 'localhost' || host.endsWith('.localhost')) && url.origin === origin.replace(/\/$/, '');
  } catch {
    return false;
  }
}

/** Host values the server answers to: `127.0.0.1:<port>`, `localhost:<port>`, and the public origin's host. */
export function allowedHosts(port: number, publicOrigin?: string): Set<string> {
  const hosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  if (publicOrigin) hosts.add(new URL(publicOrigin).host);
  return hosts;
}

/** Origins the page can be served from, and so may send requests. */
export function allowedOrigins(port: number, publicOrigin?: string): Set<string> {
  const origins = new Set([`http://127.0.0.1:${port}`, `http://localhost:${port}`]);
  if (publicOrigin) origins.add(new URL(publicOrigin).origin);
  return origins;
}

export function isAllowedHost(host: string | undefined, hosts: ReadonlySet<string>): boolean {
  return host !== undefined && hosts.has(host.toLowerCase());
}

/** An absent Origin is allowed (scripts, same-origin GETs); a present one must be ours. `null` (sandboxed frames, file://) is foreign. */
export function isAllowedOrigin(origin: string | undefined, origins: ReadonlySet<string>): boolean {
  return origin === undefined || origins.has(origin.toLowerCase());
}

/**
 * Fetch Metadata (W3C): a browser tells which site started the request.
 * Another port on 127.0.0.1 is "same-site" yet another origin, and SameSite
 * cookies reach it, so only "same-origin" and "none" (typed in the address bar) pass.
 */
export function isAllowedFetchSite(site: string | undefined): boolean {
  return site === undefined || site === 'same-origin' || site === 'none';
}

export function isJsonContentType(contentType: string | undefined): boolean {
  if (!contentType) return false;
  const [type] = contentType.split(';');
  return type?.trim().toLowerCase() === 'application/json';
}

export function isStateChanging(method: string): boolean {
  return !['GET', 'HEAD', 'OPTIONS'].includes(method.toUpperCase());
}

/** What the guards read of a request (headers by their lower-case names). */
export interface GuardedRequest {
  method: string;
  path: string;
  host: string | undefined;
  origin: string | undefined;
  fetchSite: string | undefined;
  contentType: string | undefined;
}

export interface Refusal {
  code: 'E_FORBIDDEN' | 'E_INVALID_INPUT';
  message: string;
  status?: number;
}

/** Why the server must refuse this request before anything else looks at it, or null when it may go on. */
export function refusalOf(request: GuardedRequest, allowed: { hosts: ReadonlySet<string>; origins: ReadonlySet<string> }): Refusal | null {
  // DNS rebinding: a hostile name that resolves to 127.0.0.1 still carries its own Host.
  if (!isAllowedHost(request.host, allowed.hosts)) return { code: 'E_FORBIDDEN', message: 'This server answers only to 127.0.0.1 and localhost.' };
  if (request.path.startsWith('/api/') || isStateChanging(request.method)) {
    if (!isAllowedOrigin(request.origin, allowed.origins) || !isAllowedFetchSite(request.fetchSite)) {
      return { code: 'E_FORBIDDEN', message: 'Requests from other sites are refused.' };
    }
  }
  if (request.method === 'POST' && !isJsonContentType(request.contentType)) {
    return { code: 'E_INVALID_INPUT', message: 'Send the request body as application/json.', status: 415 };
  }
  return null;
}
