// An access-token service for the server's tests, with the rules the real one
// (src-main/core/tokens) follows: unknown, expired or spent tokens are
// E_UNAUTHORIZED, a missing ability E_FORBIDDEN, `app` grants everything,
// a launch token works once.
import { randomBytes } from 'node:crypto';
import { KithError } from '../../../../src-preload/api';
import type { HostTokenService, TokenAbility, TokenType } from '../access-tokens';

interface FakeRecord {
  type: TokenType;
  abilities: TokenAbility[];
  expiresAt: number;
  used: boolean;
}

export interface FakeAccessTokens extends HostTokenService {
  /** A personal token, as `kith token create` would print it. */
  addPersonal(abilities: TokenAbility[], ttlMs?: number): string;
  /** Moves the service's clock forward. */
  advance(ms: number): void;
  /** Every token issued so far (to look for them in logs). */
  readonly issued: string[];
}

export function createFakeAccessTokens(): FakeAccessTokens {
  const records = new Map<string, FakeRecord>();
  const issued: string[] = [];
  let now = 1_700_000_000_000;

  const add = (type: TokenType, abilities: TokenAbility[], ttlMs: number) => {
    const token = `kith_${randomBytes(24).toString('base64url')}`;
    records.set(token, { type, abilities, expiresAt: now + ttlMs, used: false });
    issued.push(token);
    return token;
  };

  return {
    issued,
    async issue(request) {
      return { token: add(request.type, request.abilities, request.ttlMs) };
    },
    async verify(token, ability) {
      const record = records.get(token);
      if (!record || record.expiresAt <= now || record.used) throw new KithError('E_UNAUTHORIZED', 'The access token is not valid.');
      if (!record.abilities.includes(ability) && !record.abilities.includes('app')) {
        throw new KithError('E_FORBIDDEN', `The access token does not allow ${ability}.`);
      }
      if (record.type === 'launch') record.used = true;
      return { type: record.type };
    },
    addPersonal(abilities, ttlMs = 60 * 60_000) {
      return add('personal', abilities, ttlMs);
    },
    advance(ms) {
      now += ms;
    },
  };
}
