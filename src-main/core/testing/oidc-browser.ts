// Test helper only: a BrowserOpener that plays the system browser and the
// person against oidc-provider's pages (oidc-provider-server.ts) over plain
// HTTP: it keeps the authorization server's cookies by hand (path and
// Max-Age honoured, as a browser does; the interaction and resume cookies
// are path-scoped), follows redirects one by one, signs in as the chosen
// account, allows or denies, and delivers the final redirect to whatever
// loopback server it points at.
import type { BrowserOpener } from '../ports';

export interface OidcChoice {
  /** The account to sign in as (its accountId); default: the preselected one (login_hint, else the first). */
  account?: string;
  decision?: 'allow' | 'deny';
}

export interface OidcBrowser extends BrowserOpener {
  /** What the next open() does. */
  next: OidcChoice;
  opened: string[];
  /** The redirects handed to the client (its redirect_uri with code/state or error). */
  delivered: URL[];
  /** The answer of the client's loopback server to each delivered redirect. */
  answers: Array<Promise<{ status: number; text: string }>>;
  errors: unknown[];
}

export function createOidcBrowser(): OidcBrowser {
  const browser: OidcBrowser = {
    next: {},
    opened: [],
    delivered: [],
    answers: [],
    errors: [],
    async open(url) {
      browser.opened.push(url);
      const choice = browser.next;
      browser.next = {};
      // Like a real browser, it runs on its own; the login flow waits for the loopback redirect.
      void authorizeInBrowser(url, choice)
        .then((redirect) => {
          browser.delivered.push(redirect);
          const answer = fetch(redirect).then(async (r) => ({ status: r.status, text: await r.text() }));
          browser.answers.push(answer);
          return answer;
        })
        .catch((error: unknown) => browser.errors.push(error));
    },
  };
  return browser;
}

interface StoredCookie {
  name: string;
  value: string;
  path: string;
  expiresAt: number | null;
}

/**
 * Follows an authorization URL through sign-in and consent at the authorization server and
 * returns where it finally redirects (the client's redirect_uri), without loading that URL.
 */
export async function authorizeInBrowser(authorizationUrl: string, choice: OidcChoice = {}): Promise<URL> {
  const server = new URL(authorizationUrl).origin;
  const jar: StoredCookie[] = [];
  let url = new URL(authorizationUrl);
  let init: RequestInit = {};
  for (let step = 0; step < 20; step += 1) {
    const response = await fetch(url, { ...init, redirect: 'manual', headers: { ...(init.headers as Record<string, string>), cookie: cookieHeader(jar, url) } });
    remember(jar, response.headers.getSetCookie());
    init = {};
    if (response.status >= 300 && response.status < 400) {
      await response.arrayBuffer();
      const next = new URL(response.headers.get('location') ?? '', url);
      if (next.origin !== server) return next;
      url = next;
      continue;
    }
    const html = await response.text();
    if (response.status !== 200) throw new Error(`authorization server answered ${response.status}: ${html.slice(0, 300)}`);
    const form = chooseForm(html, choice);
    url = new URL(form.action, url);
    init = { method: 'POST', body: form.body.toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } };
  }
  throw new Error('too many redirects at the authorization server');
}

function chooseForm(html: string, choice: OidcChoice): { action: string; body: URLSearchParams } {
  const forms = [...html.matchAll(/<form method="post" action="([^"]+)">([\s\S]*?)<\/form>/g)].map((m) => ({ action: m[1]!, inner: m[2]! }));
  const login = forms.find((f) => f.action.endsWith('/login'));
  if (login) {
    const account = choice.account ?? /name="account" value="([^"]+)" checked/.exec(login.inner)?.[1];
    if (!account) throw new Error('the sign-in page preselects no account');
    return { action: login.action, body: new URLSearchParams({ account }) };
  }
  const wanted = choice.decision === 'deny' ? '/abort' : '/confirm';
  const consent = forms.find((f) => f.action.endsWith(wanted));
  if (!consent) throw new Error(`no ${wanted} form on the page: ${html.slice(0, 300)}`);
  return { action: consent.action, body: new URLSearchParams() };
}

function cookieHeader(jar: StoredCookie[], url: URL): string {
  const now = Date.now();
  return jar
    .filter((c) => (c.expiresAt === null || c.expiresAt > now) && (url.pathname === c.path || url.pathname.startsWith(c.path.endsWith('/') ? c.path : `${c.path}/`)))
    .map((c) => `${c.name}=${c.value}`)
    .join('; ');
}

/** RFC 6265 §5.2, the parts oidc-provider's cookies use: name=value, Path, Max-Age, Expires. */
function remember(jar: StoredCookie[], setCookies: string[]): void {
  for (const line of setCookies) {
    const [pair = '', ...attributes] = line.split(';').map((part) => part.trim());
    const eq = pair.indexOf('=');
    if (eq <= 0) continue;
    const cookie: StoredCookie = { name: pair.slice(0, eq), value: pair.slice(eq + 1), path: '/', expiresAt: null };
    for (const attribute of attributes) {
      const [key = '', value = ''] = attribute.split('=');
      const lower = key.toLowerCase();
      if (lower === 'path' && value.startsWith('/')) cookie.path = value;
      if (lower === 'max-age') cookie.expiresAt = Date.now() + Number(value) * 1000;
      if (lower === 'expires' && cookie.expiresAt === null) cookie.expiresAt = Date.parse(value);
    }
    const existing = jar.findIndex((c) => c.name === cookie.name && c.path === cookie.path);
    if (existing >= 0) jar.splice(existing, 1);
    jar.push(cookie);
  }
}
