// Test helper only: panva's oidc-provider (an OpenID Certified authorization
// server nobody here wrote) on 127.0.0.1, set up the way Google runs a
// "Desktop app" OAuth client, so Kith's Google client can be proven against
// it. One native client (RFC 8252 §7.3: loopback redirect on any port),
// client_secret_post at the token and revocation endpoints, PKCE S256
// required, revocation on, id_tokens carrying email and profile claims.
//
// oidc-provider leaves the login and consent pages to the deployment
// (its docs, "User flows"); the ones here are two plain HTML forms that a
// test's browser fills in: pick an account, then allow or deny.
//
// Key rotation is modelled as oidc-provider's docs describe it ("jwks":
// push the new key to the front and reload every process): rotateKeys()
// builds a new Provider with the new key first and the old one still
// published, and swaps it in behind the same port and issuer. Its storage
// (oidc-provider-store.ts) outlives each Provider, as a deployment's shared
// database does, so grants and refresh tokens survive the reload.
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, type JWK } from 'jose';
import Provider, { type Configuration } from 'oidc-provider';
import type { GoogleConfig } from '../config/kith-config';
import { GOOGLE_SCOPES } from '../config/provider-endpoints';
import { createSharedOidcStore } from './oidc-provider-store';

export const CONTACTS_SCOPE = 'https://www.googleapis.com/auth/contacts.readonly';

export interface OidcAccount {
  accountId: string;
  email: string;
  name: string;
  picture: string;
}

export const OIDC_ACCOUNTS: readonly OidcAccount[] = [
  { accountId: '108234567890123456789', email: 'ada@example.test', name: 'Ada Lovelace', picture: 'https://example.test/ada.png' },
  { accountId: '108234567890123456790', email: 'alan@example.test', name: 'Alan Turing', picture: 'https://example.test/alan.png' },
];

/** A private signing key as oidc-provider takes it (RS256, with its kid). */
export type SigningJwk = JWK & { kid: string };

export interface OidcProviderServer {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Kith's Google configuration pointed at this server, read from its discovery document. */
  googleConfig(): Promise<GoogleConfig>;
  /** The key that signs id_tokens now (private: tests re-sign tampered tokens with it). */
  readonly signingKey: SigningJwk;
  /** Reloads the server with a new signing key in front; the previous one stays published. */
  rotateKeys(): Promise<SigningJwk>;
  close(): Promise<void>;
}

export async function newSigningKey(): Promise<SigningJwk> {
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  return { ...(await exportJWK(privateKey)), kid: `k-${randomBytes(6).toString('hex')}`, use: 'sig' };
}

export async function startOidcProviderServer(): Promise<OidcProviderServer> {
  const clientId = 'kith-oidc-provider-test.apps.googleusercontent.com';
  const clientSecret = `GOCSPX-${randomBytes(18).toString('base64url')}`;
  const cookieKeys = [randomBytes(32).toString('hex')];
  const adapter = createSharedOidcStore();
  let keys: SigningJwk[] = [await newSigningKey()];
  let provider: Provider | null = null;

  const server: Server = createServer((request, response) => {
    if (!provider) return void response.writeHead(503).end();
    const current = provider;
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    if (url.pathname.startsWith('/interaction/')) {
      interaction(current, url, request, response).catch(() => {
        if (!response.headersSent) response.writeHead(500, { 'content-type': 'text/plain' });
        response.end('interaction failed');
      });
      return;
    }
    current.callback()(request, response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const configuration = (): Configuration => ({
    adapter,
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        // A native client: oidc-provider then accepts this loopback URI on any port (RFC 8252 §7.3).
        application_type: 'native',
        redirect_uris: ['http://127.0.0.1/kith/google/callback'],
        token_endpoint_auth_method: 'client_secret_post',
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
      },
    ],
    // RFC 7636: every authorization request must carry an S256 code challenge.
    pkce: { required: () => true },
    features: { revocation: { enabled: true }, devInteractions: { enabled: false } },
    scopes: ['openid', 'offline_access', CONTACTS_SCOPE],
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name', 'picture'] },
    // Google puts the email and profile claims into the id_token itself (OpenID Connect guide, "An ID token's payload").
    conformIdTokenClaims: false,
    // Google hands out a refresh token for access_type=offline, not for the offline_access scope.
    extraParams: ['access_type'],
    issueRefreshToken: async (_ctx, client) => client.grantTypeAllowed('refresh_token'),
    findAccount: (_ctx, id) => {
      const account = OIDC_ACCOUNTS.find((a) => a.accountId === id);
      if (!account) return undefined;
      return {
        accountId: account.accountId,
        claims: () => ({ sub: account.accountId, email: account.email, email_verified: true, name: account.name, picture: account.picture }),
      };
    },
    jwks: { keys },
    cookies: { keys: cookieKeys },
    // Google's lifetimes where it documents them (access tokens and id_tokens: one hour).
    ttl: { AccessToken: 3600, IdToken: 3600, AuthorizationCode: 600, RefreshToken: 14 * 24 * 3600, Grant: 14 * 24 * 3600, Session: 3600, Interaction: 600 },
  });

  const load = () => {
    const next = new Provider(issuer, configuration());
    // Its own errors go to the test's output only when a test asks for them; silence the default logger.
    next.on('server_error', () => {});
    provider = next;
  };
  load();

  return {
    issuer,
    clientId,
    clientSecret,
    get signingKey() {
      return keys[0]!;
    },
    async googleConfig() {
      const discovery = (await (await fetch(`${issuer}/.well-known/openid-configuration`)).json()) as Record<string, string>;
      return {
        clientId,
        clientSecret,
        authorizationUrl: discovery.authorization_endpoint!,
        tokenUrl: discovery.token_endpoint!,
        revokeUrl: discovery.revocation_endpoint!,
        userinfoUrl: discovery.userinfo_endpoint!,
        jwksUrl: discovery.jwks_uri!,
        issuers: [discovery.issuer!],
        // Not used against this server: People is Google's API, not part of OpenID Connect.
        peopleRootUrl: `${issuer}/people/`,
        scopes: GOOGLE_SCOPES,
        appInTesting: false,
      };
    },
    async rotateKeys() {
      const fresh = await newSigningKey();
      keys = [fresh, ...keys];
      load();
      return fresh;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The login and consent pages oidc-provider asks the deployment for (its docs, "User flows"). */
async function interaction(provider: Provider, url: URL, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const details = await provider.interactionDetails(request, response);
  const action = url.pathname.split('/')[3] ?? '';
  if (request.method === 'GET' && action === '') return page(response, details.uid, details.prompt.name, String(details.params.login_hint ?? ''));
  if (request.method !== 'POST') return void response.writeHead(405).end();
  const form = new URLSearchParams(await readBody(request));
  if (action === 'abort') {
    return provider.interactionFinished(request, response, { error: 'access_denied', error_description: 'End-User aborted interaction' }, { mergeWithLastSubmission: false });
  }
  if (action === 'login' && details.prompt.name === 'login') {
    const account = OIDC_ACCOUNTS.find((a) => a.accountId === form.get('account'));
    if (!account) return void response.writeHead(400).end('unknown account');
    return provider.interactionFinished(request, response, { login: { accountId: account.accountId } }, { mergeWithLastSubmission: false });
  }
  if (action === 'confirm' && details.prompt.name === 'consent') {
    const accountId = details.session?.accountId;
    if (!accountId) return void response.writeHead(400).end('no session');
    const grant = details.grantId ? await provider.Grant.find(details.grantId) : new provider.Grant({ accountId, clientId: String(details.params.client_id) });
    if (!grant) return void response.writeHead(400).end('no grant');
    const missing = details.prompt.details as { missingOIDCScope?: string[]; missingOIDCClaims?: string[] };
    if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
    if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
    const grantId = await grant.save();
    return provider.interactionFinished(request, response, { consent: details.grantId ? {} : { grantId } }, { mergeWithLastSubmission: true });
  }
  response.writeHead(400).end('unexpected interaction');
}

function page(response: ServerResponse, uid: string, prompt: string, loginHint: string): void {
  const body =
    prompt === 'login'
      ? `<form method="post" action="/interaction/${uid}/login">${OIDC_ACCOUNTS.map(
          (a, i) => `<label><input type="radio" name="account" value="${a.accountId}"${(loginHint ? a.email === loginHint : i === 0) ? ' checked' : ''}>${a.name}</label>`,
        ).join('')}<button>Sign in</button></form>`
      : `<form method="post" action="/interaction/${uid}/confirm"><button>Allow</button></form><form method="post" action="/interaction/${uid}/abort"><button>Deny</button></form>`;
  response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
  response.end(`<!doctype html><title>${prompt}</title>${body}`);
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => (text += chunk));
    request.on('end', () => resolve(text));
    request.on('error', reject);
  });
}
