// What the sandbox has granted: one grant per (provider, person, client), the
// authorization codes and tokens issued under it. Revoking a grant ends every
// token issued under it, as both providers document; a new consent after that
// starts a new grant.
import type { SandboxClock } from '../clock';

export type ProviderName = 'google' | 'facebook';
/** `device`: a Facebook user token from Login for Devices. */
export type TokenKind = 'access' | 'refresh' | 'id' | 'long_lived' | 'device';
export type TokenStatus = 'active' | 'revoked' | 'expired';
/** Why a grant ended: the client revoked it, or (admin) the person acted at the provider. */
export type RevokeReason = 'client' | 'removed-app' | 'password-changed' | 'logged-out';

export interface Grant {
  id: string;
  provider: ProviderName;
  personKey: string;
  clientId: string;
  /** Google scopes, or Facebook permissions with their status. */
  scopes: Set<string>;
  declined: Set<string>;
  createdAt: number;
  revokedAt: number | null;
  revokeReason: RevokeReason | null;
  /** Live refresh tokens, oldest first (Google's cap of 100 per person per client). */
  refreshTokens: string[];
  /** Google: the person has granted offline access (a refresh token was issued) under this grant. */
  offline: boolean;
}

export interface TokenRecord {
  value: string;
  provider: ProviderName;
  kind: TokenKind;
  grantId: string;
  scopes: string[];
  issuedAt: number;
  expiresAt: number | null;
  revokedAt: number | null;
  /** The code whose exchange produced it (RFC 6749 §4.1.2: revoked if the code is replayed). */
  fromCode: string | null;
}

export interface CodeRecord {
  value: string;
  provider: ProviderName;
  grantId: string;
  clientId: string;
  redirectUri: string;
  codeChallenge: string | null;
  codeChallengeMethod: 'S256' | 'plain' | null;
  nonce: string | null;
  scopes: string[];
  issueRefreshToken: boolean;
  /** Google time-based access: the refresh token this code yields expires after this many seconds; null = never. */
  refreshTokenTtlSeconds: number | null;
  expiresAt: number;
  usedAt: number | null;
}

/** Google: "There is currently a limit of 100 refresh tokens per Google Account per OAuth 2.0 client ID." */
export const REFRESH_TOKEN_CAP = 100;

/** Keeps memory bounded in long runs: beyond this many records, the oldest inactive ones are forgotten. */
const MAX_TOKEN_RECORDS = 20_000;
const MAX_CODES = 5_000;

export class GrantStore {
  private readonly grants = new Map<string, Grant>();
  private readonly tokens = new Map<string, TokenRecord>();
  private readonly codes = new Map<string, CodeRecord>();
  private nextGrant = 1;

  constructor(private readonly clock: SandboxClock) {}

  activeGrant(provider: ProviderName, personKey: string, clientId: string): Grant | null {
    for (const grant of this.grants.values()) {
      if (grant.provider === provider && grant.personKey === personKey && grant.clientId === clientId && grant.revokedAt === null) {
        return grant;
      }
    }
    return null;
  }

  grant(id: string): Grant | null {
    return this.grants.get(id) ?? null;
  }

  listGrants(): Grant[] {
    return [...this.grants.values()];
  }

  createGrant(provider: ProviderName, personKey: string, clientId: string): Grant {
    const grant: Grant = {
      id: `grant-${this.nextGrant++}`,
      provider,
      personKey,
      clientId,
      scopes: new Set(),
      declined: new Set(),
      createdAt: this.clock.now(),
      revokedAt: null,
      revokeReason: null,
      refreshTokens: [],
      offline: false,
    };
    this.grants.set(grant.id, grant);
    return grant;
  }

  revokeGrant(grant: Grant, reason: RevokeReason): void {
    if (grant.revokedAt !== null) return;
    grant.revokedAt = this.clock.now();
    grant.revokeReason = reason;
    grant.refreshTokens = [];
  }

  addCode(code: CodeRecord): void {
    if (this.codes.size >= MAX_CODES) this.pruneCodes();
    this.codes.set(code.value, code);
  }

  /**
   * An unused, unexpired code of this provider, or why not. A replayed code also revokes
   * the tokens its first exchange produced (RFC 6749 §4.1.2).
   */
  liveCode(provider: ProviderName, value: string): { ok: true; code: CodeRecord } | { ok: false; reason: 'unknown' | 'replayed' | 'expired' } {
    const code = this.codes.get(value);
    if (!code || code.provider !== provider) return { ok: false, reason: 'unknown' };
    if (code.usedAt !== null) {
      this.revokeTokensFromCode(code.value);
      return { ok: false, reason: 'replayed' };
    }
    if (code.expiresAt <= this.clock.now()) return { ok: false, reason: 'expired' };
    return { ok: true, code };
  }

  /** Marks the code used and returns its grant; null (code left unused) when the grant has ended. */
  redeemCode(code: CodeRecord): Grant | null {
    const grant = this.grants.get(code.grantId);
    if (!grant || grant.revokedAt !== null) return null;
    code.usedAt = this.clock.now();
    return grant;
  }

  issue(record: Omit<TokenRecord, 'issuedAt' | 'revokedAt'>): TokenRecord {
    if (this.tokens.size >= MAX_TOKEN_RECORDS) this.pruneTokens();
    const full: TokenRecord = { ...record, issuedAt: this.clock.now(), revokedAt: null };
    this.tokens.set(full.value, full);
    if (full.kind === 'refresh') {
      const grant = this.grants.get(full.grantId);
      if (grant) {
        grant.refreshTokens.push(full.value);
        // Silently invalidate the oldest beyond the cap, as Google does.
        while (grant.refreshTokens.length > REFRESH_TOKEN_CAP) {
          const oldest = grant.refreshTokens.shift();
          const oldRecord = oldest === undefined ? undefined : this.tokens.get(oldest);
          if (oldRecord) oldRecord.revokedAt = this.clock.now();
        }
      }
    }
    return full;
  }

  token(value: string): TokenRecord | null {
    return this.tokens.get(value) ?? null;
  }

  listTokens(): TokenRecord[] {
    return [...this.tokens.values()];
  }

  statusOf(record: TokenRecord): TokenStatus {
    const grant = this.grants.get(record.grantId);
    if (record.revokedAt !== null || !grant || grant.revokedAt !== null) return 'revoked';
    if (record.expiresAt !== null && record.expiresAt <= this.clock.now()) return 'expired';
    return 'active';
  }

  /** Revokes the tokens one code produced (a replayed code). */
  private revokeTokensFromCode(code: string): void {
    for (const record of this.tokens.values()) {
      if (record.fromCode === code && record.revokedAt === null) record.revokedAt = this.clock.now();
    }
  }

  /** Admin: every access (and Facebook long-lived and device) token expires now. */
  expireAccessTokens(provider?: ProviderName): number {
    const now = this.clock.now();
    let count = 0;
    for (const record of this.tokens.values()) {
      if (provider && record.provider !== provider) continue;
      if (record.kind !== 'access' && record.kind !== 'long_lived' && record.kind !== 'device') continue;
      if (this.statusOf(record) !== 'active') continue;
      record.expiresAt = now;
      count += 1;
    }
    return count;
  }

  clear(): void {
    this.grants.clear();
    this.tokens.clear();
    this.codes.clear();
  }

  private pruneTokens(): void {
    for (const [value, record] of this.tokens) {
      if (this.tokens.size < MAX_TOKEN_RECORDS * 0.9) break;
      if (this.statusOf(record) !== 'active') this.tokens.delete(value);
    }
  }

  private pruneCodes(): void {
    const now = this.clock.now();
    for (const [value, code] of this.codes) {
      if (code.expiresAt <= now || code.usedAt !== null) this.codes.delete(value);
    }
    // Still full of live codes: drop the oldest.
    for (const value of this.codes.keys()) {
      if (this.codes.size < MAX_CODES) break;
      this.codes.delete(value);
    }
  }
}
