// Reads Kith's settings from the environment. Every problem names the
// variable to fix; no value is echoed back (a client secret could be one).
import { homedir } from 'node:os';
import { isAbsolute, resolve } from 'node:path';
import { KithError } from '../../../src-contract/kith-api';
import type { BuiltInConfig } from './built-in-config';
import { FacebookLoginSchema, GRAPH_API_VERSION, KithConfigSchema, type BrowserChoice, type KithConfig } from './kith-config';
import { perUserDataDir } from './per-user-data-dir';
import {
  DEFAULT_FACEBOOK_REDIRECT_URI,
  FACEBOOK_DEVICE_SCOPES,
  FACEBOOK_SCOPES,
  GOOGLE_SCOPES,
  REAL_CONSENT_ORIGINS,
  REAL_FACEBOOK,
  REAL_GOOGLE,
  SANDBOX_CREDENTIALS,
  sandboxFacebook,
  sandboxGoogle,
} from './provider-endpoints';

export type Env = Record<string, string | undefined>;

/** RFC 8252 leaves it to the app; five minutes is long enough to find a password, short enough to free the port. */
export const DEFAULT_LOGIN_TIMEOUT_MS = 5 * 60_000;

/** "A few minutes": a cache this old when Kith opens or the computer wakes is refreshed at once. */
export const DEFAULT_SYNC_STALE_AFTER_MS = 5 * 60_000;

/** The machine Kith runs on, for the per-user data folder; tests pass another. */
export interface HostMachine {
  platform: NodeJS.Platform;
  home: string;
}

export interface LoadConfigOptions {
  /** The client ids a packaged app was built with (built-in-config.ts): used where the environment sets none. */
  builtIn?: BuiltInConfig | null;
}

/**
 * Builds and validates the configuration; throws KithError('E_CONFIG') listing every
 * bad or missing variable. The only place Kith reads environment variables: the
 * shells pass `process.env` here and read the result.
 */
export function loadConfig(env: Env, machine: HostMachine = { platform: process.platform, home: homedir() }, options: LoadConfigOptions = {}): KithConfig {
  const problems: string[] = [];
  // Built-in ids are the real providers' app: the sandbox has its own seeded ones.
  const builtIn: Record<string, string | undefined> = env.KITH_SANDBOX_URL?.trim() ? {} : { ...options.builtIn };
  const read = (name: string): string | null => {
    const value = env[name]?.trim() || builtIn[name]?.trim();
    return value ? value : null;
  };

  const sandboxUrl = parseSandboxUrl(read('KITH_SANDBOX_URL'), problems);
  const sandbox = sandboxUrl !== null || read('KITH_SANDBOX_URL') !== null;

  const googleClientId = read('KITH_GOOGLE_CLIENT_ID');
  const googleClientSecret = read('KITH_GOOGLE_CLIENT_SECRET');
  const facebookAppId = read('KITH_FACEBOOK_APP_ID');

  if (googleClientId !== null && !/^[A-Za-z0-9._-]+\.apps\.googleusercontent\.com$/.test(googleClientId)) {
    problems.push('KITH_GOOGLE_CLIENT_ID is not a Google OAuth client id (expected "<id>.apps.googleusercontent.com").');
  }
  if (googleClientId === null && !sandbox) {
    problems.push('KITH_GOOGLE_CLIENT_ID is not set: give a Google "Desktop app" OAuth client id, or set KITH_SANDBOX_URL to use the sandbox providers.');
  }
  // Google's token endpoint wants the desktop client's secret even with PKCE; it ships with the app and is not confidential.
  if (googleClientId !== null && googleClientSecret === null) {
    problems.push('KITH_GOOGLE_CLIENT_SECRET is not set: a Google desktop client id needs its client secret.');
  }
  if (googleClientId === null && googleClientSecret !== null) {
    problems.push('KITH_GOOGLE_CLIENT_SECRET is set without KITH_GOOGLE_CLIENT_ID.');
  }
  if (facebookAppId !== null && !/^\d{5,20}$/.test(facebookAppId)) {
    problems.push('KITH_FACEBOOK_APP_ID is not a Facebook app id (expected digits only).');
  }
  if (facebookAppId === null && !sandbox) {
    problems.push('KITH_FACEBOOK_APP_ID is not set: give a Facebook app id, or set KITH_SANDBOX_URL to use the sandbox providers.');
  }
  const facebookLoginRaw = read('KITH_FACEBOOK_LOGIN');
  const facebookLogin = FacebookLoginSchema.safeParse(facebookLoginRaw ?? 'device');
  if (!facebookLogin.success) {
    problems.push('KITH_FACEBOOK_LOGIN must be "device" (Facebook Login for Devices, the default) or "oidc" (the Login Dialog on a loopback redirect: apps in development mode only).');
  }
  const facebookClientToken = read('KITH_FACEBOOK_CLIENT_TOKEN');
  const devicesLogin = !facebookLogin.success || facebookLogin.data === 'device';
  if (facebookClientToken !== null && !/^[A-Za-z0-9_-]{8,128}$/.test(facebookClientToken)) {
    problems.push('KITH_FACEBOOK_CLIENT_TOKEN is not a Facebook client token (letters and digits, from App settings > Advanced > Security > Client token).');
  }
  // Login for Devices sends APP_ID|CLIENT_TOKEN: a real app id needs its own client token, and the other way round.
  if (devicesLogin && facebookAppId !== null && facebookClientToken === null) {
    problems.push(
      'KITH_FACEBOOK_CLIENT_TOKEN is not set: Facebook Login for Devices needs the app\'s client token (App settings > Advanced > Security > Client token), or set KITH_FACEBOOK_LOGIN=oidc for an app in development mode.',
    );
  }
  if (facebookAppId === null && facebookClientToken !== null) {
    problems.push('KITH_FACEBOOK_CLIENT_TOKEN is set without KITH_FACEBOOK_APP_ID.');
  }

  const redirect = parseFacebookRedirect(read('KITH_FACEBOOK_REDIRECT_URI') ?? DEFAULT_FACEBOOK_REDIRECT_URI, problems);
  const loginTimeoutRaw = read('KITH_LOGIN_TIMEOUT_MS');
  const loginTimeoutMs = loginTimeoutRaw === null ? DEFAULT_LOGIN_TIMEOUT_MS : Number(loginTimeoutRaw);
  if (!Number.isInteger(loginTimeoutMs) || loginTimeoutMs < 1_000 || loginTimeoutMs > 30 * 60_000) {
    problems.push('KITH_LOGIN_TIMEOUT_MS must be a whole number of milliseconds from 1000 to 1800000.');
  }
  const staleRaw = read('KITH_SYNC_STALE_AFTER_MS');
  const syncStaleAfterMs = staleRaw === null ? DEFAULT_SYNC_STALE_AFTER_MS : Number(staleRaw);
  if (!Number.isInteger(syncStaleAfterMs) || syncStaleAfterMs < 0 || syncStaleAfterMs > 24 * 60 * 60_000) {
    problems.push('KITH_SYNC_STALE_AFTER_MS must be a whole number of milliseconds from 0 to 86400000.');
  }
  const testingRaw = read('KITH_GOOGLE_APP_IN_TESTING');
  if (testingRaw !== null && testingRaw !== '0' && testingRaw !== '1') problems.push('KITH_GOOGLE_APP_IN_TESTING must be 1 (consent screen in Testing) or 0.');
  const dataDirRaw = read('KITH_DATA_DIR');
  const dataDir = dataDirRaw === null ? null : isAbsolute(dataDirRaw) ? dataDirRaw : resolve(dataDirRaw);
  const browserRaw = read('KITH_BROWSER');
  const browser: BrowserChoice = browserRaw === null ? { kind: 'system' } : browserRaw === 'none' ? { kind: 'none' } : { kind: 'program', program: browserRaw };
  const logLevel = (['info', 'warn', 'error'] as const).find((level) => level === env.KITH_LOG) ?? null;
  const devServerUrl = read('VITE_DEV_SERVER_URL');
  if (devServerUrl !== null && !(/^https?:\/\//i.test(devServerUrl) && URL.canParse(devServerUrl))) problems.push('VITE_DEV_SERVER_URL is not a URL (expected e.g. http://localhost:5173).');

  if (problems.length > 0) {
    throw new KithError('E_CONFIG', `Kith's configuration has ${problems.length === 1 ? 'a problem' : 'problems'}:\n- ${problems.join('\n- ')}`.slice(0, 2000));
  }

  const google = sandboxUrl ? sandboxGoogle(sandboxUrl) : REAL_GOOGLE;
  const facebook = sandboxUrl ? sandboxFacebook(sandboxUrl) : REAL_FACEBOOK;
  const config: KithConfig = {
    sandboxUrl,
    dataDir,
    defaultDataDir: perUserDataDir(machine.platform, machine.home, { xdgDataHome: read('XDG_DATA_HOME'), appData: read('APPDATA') }),
    browser,
    logLevel,
    useKeyring: env.KITH_KEYRING !== 'none',
    rendererDir: read('KITH_RENDERER_DIR'),
    devServerUrl,
    insideSnap: Boolean(env.SNAP),
    google: {
      clientId: googleClientId ?? SANDBOX_CREDENTIALS.googleClientId,
      clientSecret: googleClientSecret ?? SANDBOX_CREDENTIALS.googleClientSecret,
      ...google,
      scopes: GOOGLE_SCOPES,
      appInTesting: testingRaw === '1',
    },
    facebook: {
      appId: facebookAppId ?? SANDBOX_CREDENTIALS.facebookAppId,
      login: facebookLogin.data!,
      clientToken: facebookClientToken ?? (facebookAppId === null ? SANDBOX_CREDENTIALS.facebookClientToken : null),
      redirectUri: redirect!.uri,
      redirect: { port: redirect!.port, path: redirect!.path },
      graphApiVersion: GRAPH_API_VERSION,
      ...facebook,
      scopes: facebookLogin.data === 'oidc' ? FACEBOOK_SCOPES : FACEBOOK_DEVICE_SCOPES,
    },
    allowedBrowserOrigins: sandboxUrl ? [new URL(sandboxUrl).origin] : REAL_CONSENT_ORIGINS,
    loginTimeoutMs,
    syncStaleAfterMs,
  };
  const checked = KithConfigSchema.safeParse(config);
  if (!checked.success) {
    // Only reachable through a bug above; say which field, not its value.
    const paths = checked.error.issues.map((issue) => issue.path.join('.')).join(', ');
    throw new KithError('E_CONFIG', `Kith built an invalid configuration (${paths}).`);
  }
  return checked.data;
}

function parseSandboxUrl(raw: string | null, problems: string[]): string | null {
  if (raw === null) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    problems.push('KITH_SANDBOX_URL is not a URL (expected e.g. http://127.0.0.1:4545).');
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    problems.push('KITH_SANDBOX_URL must be an http:// or https:// URL.');
    return null;
  }
  if (url.search || url.hash || url.username || url.password) {
    problems.push('KITH_SANDBOX_URL must not have a query, fragment or credentials.');
    return null;
  }
  return `${url.origin}${url.pathname}`.replace(/\/+$/, '');
}

/**
 * Facebook matches redirect URIs exactly, so Kith's loopback server must own this
 * one: plain http (RFC 8252 §7.3 loopback redirection), a loopback host the server
 * binds (127.0.0.1; "localhost" resolves to it), and an explicit port.
 */
function parseFacebookRedirect(raw: string, problems: string[]): { uri: string; port: number; path: string } | null {
  const bad = (why: string) => {
    problems.push(`KITH_FACEBOOK_REDIRECT_URI ${why} (expected e.g. ${DEFAULT_FACEBOOK_REDIRECT_URI}).`);
    return null;
  };
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return bad('is not a URL');
  }
  if (url.protocol !== 'http:') return bad('must use http:// (a loopback redirect)');
  if (url.hostname !== 'localhost' && url.hostname !== '127.0.0.1') return bad('must point at localhost or 127.0.0.1');
  // URL drops a default port (":80"), and Kith cannot know which port to listen on without one.
  const portMatch = /^http:\/\/[^/:?#]+:(\d+)(?:[/?#]|$)/i.exec(raw);
  if (!portMatch) return bad('must name its port explicitly');
  const port = Number(portMatch[1]);
  if (!Number.isInteger(port) || port < 1 || port > 65535) return bad('has a port outside 1-65535');
  if (url.search || url.hash || url.username || url.password) return bad('must not have a query, fragment or credentials');
  const path = url.pathname || '/';
  // Facebook compares the string Kith sends; send it exactly as configured.
  return { uri: raw, port, path };
}
