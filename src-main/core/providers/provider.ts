// What the accounts and friends services need from a provider. One
// implementation per provider (google-provider.ts, facebook-provider.ts);
// tests may pass fakes. Values of type TokenSet never leave the core.
import type { Permission, ProviderId } from '../../../src-contract/kith-api';
import type { DeviceAuthorizationClient } from './device-authorization';

/** Secrets for one account. Lives only in memory and, encrypted, in the vault. */
export interface TokenSet {
  accessToken: string;
  /** Epoch ms, or null when the provider did not say. */
  accessTokenExpiresAt: number | null;
  /** Google only; Facebook issues none. */
  refreshToken: string | null;
  /**
   * Epoch ms the refresh token (the whole grant) ends, when the provider says so: Google's
   * refresh_token_expires_in, sent for time-based access and for apps in "Testing". Absent or
   * null: no end was said.
   */
  refreshTokenExpiresAt?: number | null;
  /** The scopes the provider said it granted (never more: a person may decline some). */
  scopes: string[];
}

/** Who signed in, from the verified id_token or the profile endpoint. */
export interface ProviderIdentity {
  /** Google `sub` / Facebook user id: with the provider, the account's identity. */
  subject: string;
  displayName: string;
  email: string | null;
  avatarUrl: string | null;
}

export interface AuthorizationParams {
  redirectUri: string;
  state: string;
  codeChallenge: string;
  nonce: string;
  /** Preselects a person (Google's login_hint); optional. */
  loginHint?: string;
  /** Ask again for this one permission, on top of what was granted before (a re-ask, not a first sign-in). */
  permission?: Permission;
}

export interface CodeExchangeParams {
  code: string;
  codeVerifier: string;
  redirectUri: string;
  /** The nonce sent in the authorization request; the id_token must echo it. */
  nonce: string;
}

/** A contact or friend as the provider lists it, before Kith scopes it to an account. */
export interface ProviderPerson {
  /** The provider's id for the person (People resourceName, Facebook user id). */
  personId: string;
  name: string;
  email: string | null;
  phone: string | null;
  avatarUrl: string | null;
  /**
   * What else the provider gave with the same request (Google: names' parts, every email and
   * phone with its label, the last change). Absent where it gives nothing more (Facebook).
   */
  details?: ProviderPersonDetails;
}

export interface ProviderPersonDetails {
  givenName: string | null;
  familyName: string | null;
  /** The primary one first. */
  emails: { value: string; label: string | null }[];
  /** The primary one first; canonical: E.164 when the provider gives it. */
  phones: { value: string; label: string | null; canonical: string | null }[];
  /** RFC 3339. */
  updatedAt: string | null;
}

/** One page of a friends sync; pages stream so 50,000 contacts are never held twice. */
export interface FriendBatch {
  upserts: ProviderPerson[];
  /** Person ids removed since the last sync (incremental syncs only). */
  deletions: string[];
  /** The provider's total when it says one (People totalItems, Facebook summary.total_count). */
  total: number | null;
  /**
   * Which listing the batch belongs to, when the provider may change it mid-way (an expired
   * sync token restarts as a full listing). Absent: full without a sync token, else incremental.
   */
  mode?: 'full' | 'incremental';
}

export interface FriendSyncOutcome {
  mode: 'full' | 'incremental';
  /** People's nextSyncToken for the next incremental sync; null for Facebook. */
  nextSyncToken: string | null;
  /** Facebook: all friends, including those who do not use Kith. */
  friendTotal: number | null;
}

export interface FriendListing {
  /**
   * Streams batches. With a `syncToken` the provider returns changes only; when the
   * token has expired the implementation restarts as a full sync and says so in the
   * outcome (`mode: 'full'`), and the first batch of a full sync replaces the cache.
   */
  batches: AsyncIterable<FriendBatch>;
  /** Resolves after the last batch has been consumed. */
  outcome: Promise<FriendSyncOutcome>;
}

export interface ProviderClient {
  readonly id: ProviderId;
  /**
   * Set when people sign in with a code they confirm at the provider's page (Facebook Login for
   * Devices) instead of the browser redirect below; null or absent: the redirect flow.
   */
  readonly deviceLogin?: DeviceAuthorizationClient | null;
  /** The redirect URI for a loopback server on `port`; Facebook's is fixed by configuration. */
  redirectUriFor(port: number): string;
  /** The port and path the loopback server must listen on, when the provider fixes them (Facebook). */
  readonly fixedRedirect: { port: number; path: string } | null;
  /** Async so a provider may load its SDK on first use rather than when Kith starts. */
  authorizationUrl(params: AuthorizationParams): Promise<string>;
  /** Exchanges the code (PKCE) and verifies the id_token (signature, iss, aud, exp, nonce). */
  exchangeCode(params: CodeExchangeParams): Promise<{ tokens: TokenSet; identity: ProviderIdentity }>;
  /** Renews the access token; a provider without refresh tokens rejects with E_NEEDS_RECONNECT. */
  refresh(tokens: TokenSet): Promise<TokenSet>;
  /** Ends Kith's grant at the provider. Rejects with E_OFFLINE when it cannot be reached. */
  revoke(tokens: TokenSet): Promise<void>;
  listFriends(accessToken: string, options: { syncToken: string | null }): FriendListing;
}
