// Google as a ProviderClient: google-auth-library's OAuth2Client (endpoints
// from KithConfig, so the sandbox can stand in) for the consent URL, the code
// exchange with PKCE, refresh and revocation; the id_token checked against
// Google's JWKS; contacts through @googleapis/people.
//
// The SDK is imported on the first Google call, not with this module: most
// `kith` commands (accounts, friends, status) never talk to Google, and
// loading google-auth-library with gaxios took about a sixth of a CLI start.
import type { GenerateAuthUrlOpts } from 'google-auth-library';
import { KithError } from '../../../src-contract/kith-api';
import type { GoogleConfig } from '../config/kith-config';
import { createGaxiosTransport } from './gaxios-transport';
import { listGoogleContacts } from './google-contacts';
import { googleTokenFailure, httpFailureOf, oauthErrorCode } from './google-errors';
import { GoogleTokenAnswerSchema, type GoogleTokenAnswer } from './google-schemas';
import { createIdTokenVerifier } from './id-token-verifier';
import { permissionScope } from './permission-scopes';
import type { ProviderClient, ProviderIdentity } from './provider';
import { nonEmptyString, parseAnswer } from './provider-answer';
import { defaultRetryPolicy, offline, singleAttempt, transientForStatus, withRetries, type ProviderOptions } from './provider-http';

export const GOOGLE_CALLBACK_PATH = '/kith/google/callback';

async function loadOAuth2Client() {
  const { CodeChallengeMethod, OAuth2Client } = await import('google-auth-library');
  /** Exposes the token-endpoint call without the library's credential bookkeeping (see refresh below). */
  class KithOAuth2Client extends OAuth2Client {
    refreshGrant(refreshToken: string) {
      return this.refreshTokenNoCache(refreshToken);
    }
  }
  return { CodeChallengeMethod, KithOAuth2Client };
}

export function createGoogleProvider(config: { google: GoogleConfig }, fetchImpl: typeof fetch, options: ProviderOptions = {}): ProviderClient {
  const google = config.google;
  const clock = options.clock ?? Date;
  const retry = defaultRetryPolicy(options.retry);
  let sdk: Promise<{ library: Awaited<ReturnType<typeof loadOAuth2Client>>; transporter: Awaited<ReturnType<typeof createGaxiosTransport>> }> | null = null;
  const loadSdk = () => {
    sdk ??= Promise.all([loadOAuth2Client(), createGaxiosTransport(fetchImpl)]).then(([library, transporter]) => ({ library, transporter }));
    return sdk;
  };
  const newClient = async () => {
    const { library, transporter } = await loadSdk();
    return new library.KithOAuth2Client({
      clientId: google.clientId,
      clientSecret: google.clientSecret,
      transporter,
      // No library interceptors: with GOOGLE_SDK_NODE_LOGGING set they print every request URL (the
      // revoke URL carries the token) and every response body (token responses) to stderr, unredacted.
      useAuthRequestParameters: false,
      endpoints: {
        oauth2AuthBaseUrl: google.authorizationUrl,
        oauth2TokenUrl: google.tokenUrl,
        oauth2RevokeUrl: google.revokeUrl,
        oauth2FederatedSignonJwkCertsUrl: google.jwksUrl,
      },
      issuers: google.issuers,
    });
  };
  const idTokens = createIdTokenVerifier({ provider: 'Google', jwksUrl: google.jwksUrl, issuers: google.issuers, audience: google.clientId, fetch: fetchImpl, clock, retry });

  /** google-auth-library turns expires_in into expiry_date with the system clock; carry the same lifetime onto Kith's clock. */
  const expiresAt = (tokens: GoogleTokenAnswer): number | null =>
    typeof tokens.expiry_date === 'number' ? clock.now() + Math.max(0, tokens.expiry_date - Date.now()) : null;
  /** The grant's own end, when Google gives one (time-based access, or an app in "Testing"). */
  const refreshTokenExpiresAt = (tokens: GoogleTokenAnswer): number | null =>
    typeof tokens.refresh_token_expires_in === 'number' ? clock.now() + tokens.refresh_token_expires_in * 1000 : null;
  const permissionScopes = new Set([permissionScope('google', 'friends')]);

  const tokenCall = <T>(grant: 'authorization_code' | 'refresh_token', call: () => Promise<T>) =>
    withRetries(
      async () => {
        try {
          return await call();
        } catch (error) {
          throw googleTokenFailure(error, grant);
        }
      },
      // RFC 6749 §4.1.2: a code is good once, and a server may revoke what a reused one issued.
      grant === 'authorization_code' ? singleAttempt(retry) : retry,
      { log: options.log, what: grant === 'authorization_code' ? 'google code exchange' : 'google refresh' },
    );

  return {
    id: 'google',
    fixedRedirect: null,
    // RFC 8252 §7.3: the loopback IP literal, any port; Google's desktop clients accept it without registration.
    // Its own path (Facebook's differs) is the mix-up defence of RFC 9700 §4.4.2: distinct redirect URIs per issuer.
    redirectUriFor: (port) => `http://127.0.0.1:${port}${GOOGLE_CALLBACK_PATH}`,

    async authorizationUrl(params) {
      const { library } = await loadSdk();
      // A re-ask for one permission ("OAuth 2.0 for Mobile & Desktop Apps", Incremental authorization):
      // that scope with include_granted_scopes=true, so the new token keeps what was granted before.
      // The Sign-In scopes stay in the request: Google grants them as a whole with no checkbox
      // (granular-permissions page), and their id_token is how Kith checks who answered.
      const scope = params.permission
        ? [...google.scopes.filter((s) => !permissionScopes.has(s)), permissionScope('google', params.permission)]
        : google.scopes;
      const opts: GenerateAuthUrlOpts & { nonce: string } = {
        redirect_uri: params.redirectUri,
        scope,
        state: params.state,
        code_challenge: params.codeChallenge,
        code_challenge_method: library.CodeChallengeMethod.S256,
        // A refresh token, and a fresh one on every connect: the stored one may be dead
        // (revoked, or past the 7 days of an app in "Testing"), and Google only sends one
        // on a consent screen.
        access_type: 'offline',
        prompt: 'consent',
        nonce: params.nonce,
        // The person Kith expects (native-app page: "login_hint ... email address or sub identifier"):
        // Google preselects them, but they may still pick another account, so the caller checks `sub`.
        ...(params.loginHint ? { login_hint: params.loginHint } : {}),
        ...(params.permission ? { include_granted_scopes: true } : {}),
      };
      return (await newClient()).generateAuthUrl(opts);
    },

    async exchangeCode({ code, codeVerifier, redirectUri, nonce }) {
      const answer = await tokenCall('authorization_code', async () => (await newClient()).getToken({ code, codeVerifier, redirect_uri: redirectUri }));
      const tokens = parseAnswer(GoogleTokenAnswerSchema, answer.tokens, { provider: 'Google', operation: 'sign-in' });
      if (!tokens.id_token) throw new KithError('E_ID_TOKEN_INVALID', 'Google did not send an identity token for this sign-in.');
      const claims = await idTokens.verify(tokens.id_token, nonce);
      const identity: ProviderIdentity = {
        subject: String(claims.sub),
        displayName: nonEmptyString(claims.name) ?? nonEmptyString(claims.email) ?? 'Google account',
        email: nonEmptyString(claims.email),
        avatarUrl: nonEmptyString(claims.picture),
      };
      return {
        identity,
        tokens: {
          accessToken: tokens.access_token,
          accessTokenExpiresAt: expiresAt(tokens),
          refreshToken: tokens.refresh_token || null,
          refreshTokenExpiresAt: tokens.refresh_token ? refreshTokenExpiresAt(tokens) : null,
          // What Google granted: the person may have unticked contacts on the granular consent screen.
          scopes: scopesOf(tokens.scope, google.scopes),
        },
      };
    },

    async refresh(current) {
      if (!current.refreshToken) throw new KithError('E_NEEDS_RECONNECT', 'Kith holds no Google refresh token for this account. Reconnect it.');
      const refreshToken = current.refreshToken;
      const answer = await tokenCall('refresh_token', async () => (await newClient()).refreshGrant(refreshToken));
      const tokens = parseAnswer(GoogleTokenAnswerSchema, answer.tokens, { provider: 'Google', operation: 'token refresh' });
      return {
        accessToken: tokens.access_token,
        accessTokenExpiresAt: expiresAt(tokens),
        // Google normally keeps the refresh token; when it does send one, it replaces the old.
        refreshToken: tokens.refresh_token || refreshToken,
        // Google carries the remaining lifetime on refresh answers too; absent, the grant's end is unchanged.
        refreshTokenExpiresAt: refreshTokenExpiresAt(tokens) ?? current.refreshTokenExpiresAt ?? null,
        // The refresh token's own scopes, as Google says them now: access the person withdrew is gone.
        scopes: scopesOf(tokens.scope, current.scopes),
      };
    },

    async revoke(tokens) {
      // Revoking the refresh token ends the whole grant (every token of it, on every device).
      const token = tokens.refreshToken ?? tokens.accessToken;
      const what = { provider: 'Google', operation: 'revocation' };
      await withRetries(
        async () => {
          try {
            // RFC 7009 §2.1: the token in the form body, with the client's credentials as at the token
            // endpoint (client_secret_post). google-auth-library's revokeToken puts the token in the URL
            // (kept by logs and proxies) and sends no credentials, which an RFC 7009 server refuses; Google
            // takes the body form too ("Using OAuth 2.0 for Web Server Applications", Revoking a token).
            const { transporter } = await loadSdk();
            await transporter.request({
              url: google.revokeUrl,
              method: 'POST',
              headers: { 'content-type': 'application/x-www-form-urlencoded' },
              data: new URLSearchParams({ token, client_id: google.clientId, client_secret: google.clientSecret }).toString(),
            });
          } catch (error) {
            const failure = httpFailureOf(error);
            if (!failure) throw offline('Google', what.operation);
            const transient = transientForStatus(failure.status, failure.headers, what);
            if (transient) throw transient;
            // invalid_token: already revoked or expired, which is what revocation wanted.
            if (failure.status === 400 && oauthErrorCode(failure.body) === 'invalid_token') return;
            throw new KithError('E_PROVIDER', `Google refused the revocation (HTTP ${failure.status}).`);
          }
        },
        retry,
        { log: options.log, what: 'google revoke' },
      );
    },

    listFriends(accessToken, listOptions) {
      return listGoogleContacts(
        {
          rootUrl: google.peopleRootUrl,
          retry,
          log: options.log,
          authFor: async (token) => {
            const client = await newClient();
            client.setCredentials({ access_token: token });
            // googleapis-common types `auth` against its own copy of google-auth-library.
            return client as never;
          },
        },
        accessToken,
        listOptions,
      );
    },
  };
}

/** RFC 6749 §5.1: `scope` may be left out only when it is the scope requested (§6: for a refresh, the original). */
function scopesOf(scope: unknown, fallback: string[]): string[] {
  return typeof scope === 'string' && scope.trim() ? scope.trim().split(/\s+/) : [...fallback];
}
