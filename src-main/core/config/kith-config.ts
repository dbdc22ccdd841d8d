// Everything Kith reads from its environment: its providers (client ids, every
// endpoint URL, the Facebook redirect URI, which origins the browser may be
// sent to) and the shells' settings (data folder, browser, log level, keyring).
// Built once by loadConfig(env), the only reader of the environment; the schema
// below checks the result, so a config assembled any other way (tests) is held
// to the same rules.
import { z } from 'zod';

/** The one Graph API version Kith speaks (v26.0 introduced 29 July 2026; every URL below carries it). */
export const GRAPH_API_VERSION = 'v26.0';

const httpUrl = z.url({ protocol: /^https?$/ });

export const GoogleConfigSchema = z
  .object({
    clientId: z.string().min(1),
    /** A desktop client's secret: Google requires it at the token endpoint, but it is not confidential (RFC 8252 §8.5). */
    clientSecret: z.string().min(1),
    authorizationUrl: httpUrl,
    tokenUrl: httpUrl,
    revokeUrl: httpUrl,
    userinfoUrl: httpUrl,
    /** JWKS the id_token signature is checked against. */
    jwksUrl: httpUrl,
    /** Accepted `iss` values of the id_token. */
    issuers: z.array(z.string().min(1)).min(1),
    /** @googleapis/people rootUrl, ending in a slash. */
    peopleRootUrl: httpUrl,
    scopes: z.array(z.string().min(1)).min(1),
    /** The OAuth consent screen is in "Testing": Google's refresh tokens then expire after 7 days, and Kith warns ahead. */
    appInTesting: z.boolean(),
  })
  .strict();
export type GoogleConfig = z.infer<typeof GoogleConfigSchema>;

/**
 * How Kith signs a person in to Facebook. 'device': Facebook Login for Devices (app id + client
 * token, the person confirms a code at facebook.com/device; no redirect, no secret), the only way
 * that works for a Live app from a desktop: Facebook refuses http redirect URIs for Live apps
 * ("Enforce HTTPS for Facebook Login"). 'oidc': the Login Dialog's code flow with PKCE on a
 * loopback redirect, which Facebook accepts only while the app is in development mode.
 */
export const FacebookLoginSchema = z.enum(['device', 'oidc']);
export type FacebookLogin = z.infer<typeof FacebookLoginSchema>;

export const FacebookConfigSchema = z
  .object({
    appId: z.string().regex(/^\d+$/),
    login: FacebookLoginSchema,
    /**
     * The app's client token (App settings > Advanced > Security > Client token): Login for Devices
     * sends APP_ID|CLIENT_TOKEN. Facebook makes it to be embedded in apps, unlike the app secret.
     * Null only with `login: 'oidc'`.
     */
    clientToken: z.string().regex(/^[A-Za-z0-9_-]{8,128}$/).nullable(),
    /** Facebook matches redirect URIs exactly, so the loopback server listens on this one. */
    redirectUri: httpUrl,
    redirect: z.object({ port: z.number().int().min(1).max(65535), path: z.string().startsWith('/') }).strict(),
    graphApiVersion: z.string().regex(/^v\d+\.\d+$/),
    /** The Login Dialog, version included: …/vNN.0/dialog/oauth. */
    dialogUrl: httpUrl,
    /** The Graph API base, version included and without a trailing slash: …/vNN.0. */
    graphUrl: httpUrl,
    jwksUrl: httpUrl,
    issuers: z.array(z.string().min(1)).min(1),
    scopes: z.array(z.string().min(1)).min(1),
  })
  .strict();
export type FacebookConfig = z.infer<typeof FacebookConfigSchema>;

/** How the host shell opens a URL (KITH_BROWSER): the OS's opener, nothing (the URL is only printed), or a program given the URL. */
export const BrowserChoiceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('system') }).strict(),
  z.object({ kind: z.literal('none') }).strict(),
  z.object({ kind: z.literal('program'), program: z.string().min(1) }).strict(),
]);
export type BrowserChoice = z.infer<typeof BrowserChoiceSchema>;

export const KithConfigSchema = z
  .object({
    /** The sandbox base URL (no trailing slash) when Kith talks to the sandbox providers, else null. */
    sandboxUrl: httpUrl.nullable(),
    /** KITH_DATA_DIR made absolute, or null: each shell picks its per-user default. */
    dataDir: z.string().min(1).nullable(),
    /** The host shell's folder when KITH_DATA_DIR is unset (per-user-data-dir.ts); Electron uses its userData folder. */
    defaultDataDir: z.string().min(1),
    /** KITH_BROWSER. */
    browser: BrowserChoiceSchema,
    /** KITH_LOG (info, warn or error), or null for the shell's default; another value is ignored. */
    logLevel: z.enum(['info', 'warn', 'error']).nullable(),
    /** False with KITH_KEYRING=none: the host never asks the OS keyring (tests, headless machines) and keeps its key in a file. */
    useKeyring: z.boolean(),
    /** KITH_RENDERER_DIR: where `kith serve` finds the built pages, or null for the repository's dist/renderer. */
    rendererDir: z.string().min(1).nullable(),
    /** VITE_DEV_SERVER_URL: the renderer's dev server, which an unpackaged Electron app loads instead of app://kith. */
    devServerUrl: httpUrl.nullable(),
    /**
     * Running inside a Snap ($SNAP is set): conf writes with a plain, non-atomic
     * writeFileSync there, so the document store takes its atomic path for every document.
     */
    insideSnap: z.boolean(),
    google: GoogleConfigSchema,
    facebook: FacebookConfigSchema,
    /** Origins (scheme://host:port) the BrowserOpener wrapper may open: the consent pages' and the sandbox's. */
    allowedBrowserOrigins: z.array(z.string().min(1)).min(1),
    /** How long a sign-in may take (5 minutes; KITH_LOGIN_TIMEOUT_MS shortens it for tests). */
    loginTimeoutMs: z.number().int().min(1_000).max(30 * 60_000),
    /** At start and on wake, a last sync older than this is synced at once (5 minutes; KITH_SYNC_STALE_AFTER_MS, 0 for always, in tests). */
    syncStaleAfterMs: z.number().int().min(0).max(24 * 60 * 60_000),
  })
  .strict();
export type KithConfig = z.infer<typeof KithConfigSchema>;
