// Facebook as a ProviderClient, over fetch. People sign in with Login for
// Devices (facebook-device-login.ts) unless the configuration asks for the
// Login Dialog (KITH_FACEBOOK_LOGIN=oidc, development-mode apps only): the OIDC
// authorization-code flow and PKCE ("OIDC Code Flow with PKCE for Manually
// Built Facebook Login Flows"), so the code is exchanged with the verifier
// and no app secret ever ships; the id_token verified against Facebook's
// JWKS; the profile from /me; friends from /me/friends. Facebook issues no
// refresh token: extending a token needs the app secret, so when the access
// token expires the person reconnects.
import { KithError } from '../../../src-contract/kith-api';
import type { FacebookConfig } from '../config/kith-config';
import { deferredListing } from './friend-listing';
import { graphExchangeFailure } from './facebook-errors';
import { createFacebookDeviceLogin } from './facebook-device-login';
import { facebookIdentity, grantedFacebookPermissions, readFacebookProfile } from './facebook-profile';
import { FacebookFriendsPageSchema, FacebookTokenAnswerSchema, type FacebookFriend } from './facebook-schemas';
import { createGraphClient } from './graph-client';
import { createIdTokenVerifier } from './id-token-verifier';
import type { FriendBatch, FriendSyncOutcome, ProviderClient, ProviderPerson, TokenSet } from './provider';
import { nonEmptyString, parseAnswer } from './provider-answer';
import { defaultRetryPolicy, type ProviderOptions } from './provider-http';

/** Friends per page; Graph caps a page at 5000, and smaller pages keep each retry cheap. */
export const FRIENDS_PAGE_SIZE = 500;

export function createFacebookProvider(config: { facebook: FacebookConfig }, fetchImpl: typeof fetch, options: ProviderOptions = {}): ProviderClient {
  const facebook = config.facebook;
  const clock = options.clock ?? Date;
  const retry = defaultRetryPolicy(options.retry);
  const graph = createGraphClient(facebook.graphUrl, fetchImpl, retry, options.log);
  const idTokens = createIdTokenVerifier({ provider: 'Facebook', jwksUrl: facebook.jwksUrl, issuers: facebook.issuers, audience: facebook.appId, fetch: fetchImpl, clock, retry });

  /** Granted permissions; openid is a scope of the login, not a Graph permission: it was granted if an id_token came back. */
  const grantedScopes = async (accessToken: string): Promise<string[]> => ['openid', ...(await grantedFacebookPermissions(graph, accessToken)).filter((p) => p !== 'openid')];

  /**
   * expires_in of the exchange, else unknown (null): the token is used until Graph refuses it
   * (190), and then the account asks to be reconnected. Not /debug_token, which takes the token
   * as input_token in the URL, where proxies and logs keep it.
   */
  const expiryOf = (expiresIn: unknown): number | null => (typeof expiresIn === 'number' && expiresIn > 0 ? clock.now() + expiresIn * 1000 : null);

  return {
    id: 'facebook',
    deviceLogin: facebook.login === 'device' ? createFacebookDeviceLogin(facebook, fetchImpl, { graph, clock, retry, ...(options.log ? { log: options.log } : {}) }) : null,
    fixedRedirect: facebook.redirect,
    // Facebook compares redirect URIs exactly: always the configured one, whatever the port.
    redirectUriFor: () => facebook.redirectUri,

    async authorizationUrl(params) {
      const url = new URL(facebook.dialogUrl);
      url.searchParams.set('client_id', facebook.appId);
      url.searchParams.set('redirect_uri', params.redirectUri);
      url.searchParams.set('response_type', 'code');
      url.searchParams.set('scope', facebook.scopes.join(','));
      url.searchParams.set('state', params.state);
      url.searchParams.set('code_challenge', params.codeChallenge);
      url.searchParams.set('code_challenge_method', 'S256');
      url.searchParams.set('nonce', params.nonce);
      // Facebook keeps a declined permission declined on later logins unless the app re-asks;
      // reconnecting is exactly when a person may want to share their friends after all.
      url.searchParams.set('auth_type', 'rerequest');
      if (params.loginHint) url.searchParams.set('login_hint', params.loginHint);
      return url.toString();
    },

    async exchangeCode({ code, codeVerifier, redirectUri, nonce }) {
      // A POST keeps the code and verifier out of URLs; Graph reads either.
      const answer = await graph.request('POST', '/oauth/access_token', {
        form: { client_id: facebook.appId, redirect_uri: redirectUri, code_verifier: codeVerifier, code },
        operation: 'sign-in',
        onFailure: graphExchangeFailure,
        // RFC 6749 §4.1.2: a code is good once, and a reused one may revoke what it issued.
        once: true,
      });
      const body = parseAnswer(FacebookTokenAnswerSchema, answer, { provider: 'Facebook', operation: 'sign-in' });
      if (!body.id_token) throw new KithError('E_ID_TOKEN_INVALID', 'Facebook did not send an identity token for this sign-in.');
      const accessToken = body.access_token;
      const claims = await idTokens.verify(body.id_token, nonce);

      const profile = await readFacebookProfile(graph, accessToken);
      // The token Kith will use must belong to the person the id_token names.
      if (profile.id !== claims.sub) throw new KithError('E_ID_TOKEN_INVALID', "Facebook's identity token names a different person than the access token.");
      const tokens: TokenSet = {
        accessToken,
        accessTokenExpiresAt: expiryOf(body.expires_in),
        refreshToken: null,
        scopes: await grantedScopes(accessToken),
      };
      return {
        tokens,
        identity: facebookIdentity(profile, { name: nonEmptyString(claims.name), email: nonEmptyString(claims.email), picture: nonEmptyString(claims.picture) }),
      };
    },

    async refresh() {
      throw new KithError('E_NEEDS_RECONNECT', "Facebook gives no refresh token and extending access needs an app secret Kith cannot keep: reconnect the Facebook account when its access ends.");
    },

    async revoke(tokens) {
      try {
        await graph.request('DELETE', '/me/permissions', { accessToken: tokens.accessToken, operation: 'revocation' });
      } catch (error) {
        // 190: the token no longer works (already removed, expired, logged out), so Kith's access has already
        // ended and nothing more can be done with it. Retrying could never succeed.
        if (error instanceof KithError && error.code === 'E_GRANT_REVOKED') return;
        throw error;
      }
    },

    listFriends(accessToken) {
      return deferredListing(async function* (): AsyncGenerator<FriendBatch, FriendSyncOutcome> {
        let after: string | null = null;
        let friendTotal: number | null = null;
        const seenCursors = new Set<string>();
        for (;;) {
          const query: Record<string, string> = { fields: 'id,name,picture', limit: String(FRIENDS_PAGE_SIZE) };
          if (after) query.after = after;
          const answer = await graph.request('GET', '/me/friends', { accessToken, query, operation: 'friends sync' });
          const body = parseAnswer(FacebookFriendsPageSchema, answer, { provider: 'Facebook', operation: 'friends sync' });
          if (typeof body.summary?.total_count === 'number') friendTotal = body.summary.total_count;
          yield { upserts: body.data.map(toFriend), deletions: [], total: friendTotal };
          const next = body.paging?.next && body.paging.cursors?.after ? body.paging.cursors.after : null;
          // A cursor seen before would loop forever; Graph never repeats one.
          if (!next || seenCursors.has(next)) break;
          seenCursors.add(next);
          after = next;
        }
        return { mode: 'full', nextSyncToken: null, friendTotal };
      });
    },
  };
}

function toFriend(friend: FacebookFriend): ProviderPerson {
  const picture = friend.picture?.data;
  return {
    personId: friend.id,
    name: nonEmptyString(friend.name) ?? 'Facebook friend',
    email: null,
    phone: null,
    avatarUrl: picture && picture.is_silhouette !== true ? nonEmptyString(picture.url) : null,
  };
}
