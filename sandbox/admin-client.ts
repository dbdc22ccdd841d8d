// A typed client for the sandbox's admin API (/__sandbox/*), for Vitest
// integration tests and Playwright e2e tests. Plain fetch, no dependencies
// beyond this folder.
//
//   const admin = createSandboxAdmin(sandbox.url);
//   await admin.failNext('google', 'rate-limit');
//   const { tokens } = await admin.grants({ provider: 'google', kind: 'refresh' });
import type { FaultKind, FaultSettings, FaultSettingsPatch } from './faults';
import type { RuntimeSettings } from './options';
import type { ProviderName, RevokeReason, TokenKind, TokenStatus } from './state/grants';

export type SandboxProvider = ProviderName;
export type SandboxTokenKind = TokenKind;
export type SandboxTokenStatus = TokenStatus;
export type { FaultKind, FaultSettings, FaultSettingsPatch, RuntimeSettings };

/** One token the sandbox issued. */
export interface SandboxToken {
  provider: SandboxProvider;
  kind: SandboxTokenKind;
  /** The token itself (tests compare it with what the client stored or sent). */
  value: string;
  status: SandboxTokenStatus;
  grantId: string;
  /** Email of the seeded person it belongs to. */
  person: string | null;
  clientId: string | null;
  scopes: string[];
  /** Epoch ms on the sandbox clock. */
  issuedAt: number;
  expiresAt: number | null;
}

/** One grant: a person's consent to a client, which revocation ends as a whole. */
export interface SandboxGrant {
  id: string;
  provider: SandboxProvider;
  person: string;
  clientId: string;
  /** Google scopes or Facebook permissions granted. */
  scopes: string[];
  /** Facebook permissions the person declined (e.g. user_friends unticked). */
  declined: string[];
  status: 'active' | 'revoked';
  revokeReason: RevokeReason | null;
  createdAt: number;
  revokedAt: number | null;
}

export interface SandboxPeople {
  credentials: {
    google: { clientId: string; clientSecret: string; clientName: string };
    facebook: { appId: string; appSecret: string; clientToken: string; redirectUris: string[] };
  };
  google: { key: string; subject: string; name: string; email: string; contacts: number }[];
  facebook: { key: string; subject: string; name: string; email: string; friends: number }[];
}

/** One Facebook Login for Devices request, as the person sees it (the polling code is never listed). */
export interface SandboxDeviceLogin {
  userCode: string;
  status: 'pending' | 'approved' | 'denied' | 'redeemed' | 'expired';
  permissions: string[];
  /** Email of the person who answered, once someone did. */
  person: string | null;
  createdAt: number;
  expiresAt: number;
}

export interface ContactChanges {
  person: string;
  /** People resourceNames ("people/c...") changed, deleted and added. */
  updated: string[];
  deleted: string[];
  added: string[];
  /** Contacts the person has now (People's totalItems). */
  total: number;
}

export class SandboxAdminError extends Error {
  constructor(
    readonly status: number,
    readonly body: string,
  ) {
    super(`sandbox admin request failed with HTTP ${status}: ${body.slice(0, 300)}`);
    this.name = 'SandboxAdminError';
  }
}

export interface SandboxAdmin {
  /** Seeded people with their contact/friend counts, and the sandbox credentials. */
  people(): Promise<SandboxPeople>;
  /** Every token issued (GET /__sandbox/grants), optionally filtered, and every grant. */
  grants(filter?: { provider?: SandboxProvider; kind?: SandboxTokenKind; status?: SandboxTokenStatus }): Promise<{ tokens: SandboxToken[]; grants: SandboxGrant[] }>;
  /** Shorthand for grants(filter).tokens. */
  tokens(filter?: { provider?: SandboxProvider; kind?: SandboxTokenKind; status?: SandboxTokenStatus }): Promise<SandboxToken[]>;
  /**
   * Ends grants as if the person acted at the provider (removed the app, changed password, logged out).
   * Without `person`, every active grant of the provider. Returns how many grants ended.
   */
  revokeGrant(input: { provider: SandboxProvider; person?: string; reason?: Exclude<RevokeReason, 'client'> }): Promise<number>;
  /** Every active access (and Facebook long-lived) token expires now; returns how many. */
  expireAccessTokens(provider?: SandboxProvider): Promise<number>;
  /** Updates, deletes and adds contacts of a seeded Google person (default Ada), for incremental sync. */
  changeContacts(input: { person?: string; updated?: number; deleted?: number; added?: number }): Promise<ContactChanges>;
  /** Every People sync token issued so far is expired from now on (400 EXPIRED_SYNC_TOKEN). */
  expireSyncTokens(): Promise<void>;
  /** Facebook Login for Devices requests, oldest first. */
  deviceLogins(): Promise<SandboxDeviceLogin[]>;
  /**
   * Answers a device login at the device page as a person would, with no browser: `userCode` (default the
   * newest pending one), `person` (default Kofi), `decision` (default allow), `friends` (default true).
   */
  decideDeviceLogin(input?: { userCode?: string; person?: string; decision?: 'allow' | 'deny'; friends?: boolean }): Promise<SandboxDeviceLogin>;
  /** Current fault settings of both providers. */
  faults(): Promise<Record<SandboxProvider, FaultSettings>>;
  /** Changes some fault settings of one provider (the others keep their values). */
  setFaults(provider: SandboxProvider, patch: FaultSettingsPatch): Promise<FaultSettings>;
  /** Fails exactly the next `count` (default 1) API requests to the provider with this fault. */
  failNext(provider: SandboxProvider, kind: FaultKind, count?: number): Promise<FaultSettings>;
  /** Clears every fault (including startup flags), for one provider or both. */
  clearFaults(provider?: SandboxProvider): Promise<void>;
  /** Moves the sandbox clock forward (codes, tokens and sync tokens expire by it). */
  advanceClock(seconds: number): Promise<{ now: number; offsetMs: number }>;
  clock(): Promise<{ now: number; offsetMs: number }>;
  /**
   * Changes run-time settings: autoConsent (+ autoConsentPerson, autoConsentDecline), token/code/sync-token
   * lifetimes (refreshTokenTtlSeconds null = never), facebookAppMode, the device-flow code lifetime,
   * poll interval and token lifetime.
   */
  updateSettings(patch: Partial<RuntimeSettings>): Promise<RuntimeSettings>;
  settings(): Promise<RuntimeSettings>;
  /** Forgets every grant, token, code and contact change; faults, settings and clock back to startup. */
  reset(): Promise<void>;
}

/** Creates a client for the sandbox at `baseUrl` (e.g. the `url` startSandbox returns). */
export function createSandboxAdmin(baseUrl: string, fetchImpl: typeof fetch = fetch): SandboxAdmin {
  const root = baseUrl.replace(/\/+$/, '') + '/__sandbox';
  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const response = await fetchImpl(root + path, {
      method,
      headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    if (!response.ok) throw new SandboxAdminError(response.status, text);
    return JSON.parse(text) as T;
  };
  const query = (filter: Record<string, string | undefined> = {}) => {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(filter)) if (value !== undefined) params.set(key, value);
    const s = params.toString();
    return s === '' ? '' : `?${s}`;
  };

  const admin: SandboxAdmin = {
    people: () => call('GET', '/people'),
    grants: (filter) => call('GET', `/grants${query(filter)}`),
    tokens: async (filter) => (await admin.grants(filter)).tokens,
    revokeGrant: async (input) => (await call<{ revoked: number }>('POST', '/grants/revoke', input)).revoked,
    expireAccessTokens: async (provider) => (await call<{ expired: number }>('POST', '/tokens/expire', provider === undefined ? {} : { provider })).expired,
    changeContacts: (input) => call('POST', '/contacts/change', input),
    expireSyncTokens: async () => {
      await call('POST', '/sync-tokens/expire');
    },
    deviceLogins: async () => (await call<{ deviceLogins: SandboxDeviceLogin[] }>('GET', '/facebook/device-logins')).deviceLogins,
    decideDeviceLogin: (input = {}) => call('POST', '/facebook/device-logins/decide', input),
    faults: () => call('GET', '/faults'),
    setFaults: (provider, patch) => call('PUT', `/faults/${provider}`, patch),
    failNext: (provider, kind, count = 1) => call('POST', `/faults/${provider}/next`, { kind, count }),
    clearFaults: async (provider) => {
      await call('DELETE', `/faults${query({ provider })}`);
    },
    advanceClock: (seconds) => call('POST', '/clock/advance', { seconds }),
    clock: () => call('GET', '/clock'),
    updateSettings: (patch) => call('PUT', '/settings', patch),
    settings: () => call('GET', '/settings'),
    reset: async () => {
      await call('POST', '/reset');
    },
  };
  return admin;
}
