// The contract's `tokens.*` methods: script access tokens for the "Script
// access" page and `kith token`. Only personal tokens are shown (launch links
// and browser sessions are the host shell's own). The secret leaves here in
// the create and regenerate answers only.
import {
  KithError,
  SCRIPT_TOKEN_MAX_LIFETIME_MS,
  type AccessLogStatusFilter,
  type KithHandlers,
  type ScriptToken,
} from '../../../src-contract/kith-api';
import type { AccountRepository } from '../accounts/account-repository';
import type { Clock } from '../ports';
import type { AccessLog } from './access-log';
import type { AccessTokenRecord } from './access-token-record';
import type { AccessTokenService } from './access-token-service';

export interface TokenHandlersDeps {
  tokens: AccessTokenService;
  accessLog: AccessLog;
  repo: AccountRepository;
  clock: Clock;
}

const STATUS_RANGES: Record<AccessLogStatusFilter, { min: number; max: number }> = {
  '2xx': { min: 200, max: 299 },
  '3xx': { min: 300, max: 399 },
  '4xx': { min: 400, max: 499 },
  '5xx': { min: 500, max: 599 },
};

function toScriptToken(record: AccessTokenRecord, requestCount: number): ScriptToken {
  return {
    id: record.id,
    name: record.name,
    abilities: record.abilities,
    accountIds: record.accounts ?? null,
    createdAt: record.createdAt,
    expiresAt: record.expiresAt,
    lastUsedAt: record.lastUsedAt,
    requestCount,
  };
}

const noSuchToken = (id: string) => new KithError('E_INVALID_INPUT', `There is no script access token ${id}; it may have been revoked or have expired.`);

export function createTokenHandlers(deps: TokenHandlersDeps): KithHandlers['tokens'] {
  const personal = async () => (await deps.tokens.list()).filter((r) => r.type === 'personal');
  return {
    async list() {
      const [records, counts] = await Promise.all([personal(), deps.accessLog.counts()]);
      return records.map((r) => toScriptToken(r, counts.get(r.id) ?? 0));
    },
    async create(input) {
      const now = deps.clock.now();
      const ttlMs = input.expiresAt - now;
      if (ttlMs <= 0) throw new KithError('E_INVALID_INPUT', 'A token has to stop working some time after now.');
      if (ttlMs > SCRIPT_TOKEN_MAX_LIFETIME_MS) throw new KithError('E_INVALID_INPUT', 'A token lives at most a year.');
      if (input.accountIds) {
        const held = new Set((await deps.repo.all()).map((r) => r.id));
        const unknown = input.accountIds.find((id) => !held.has(id));
        if (unknown) throw new KithError('E_UNKNOWN_ACCOUNT', `There is no account ${unknown}.`);
      }
      const { token, record } = await deps.tokens.issue({
        type: 'personal',
        name: input.name,
        abilities: input.abilities,
        ttlMs,
        ...(input.accountIds ? { accounts: input.accountIds } : {}),
      });
      return { token: toScriptToken(record, 0), secret: token };
    },
    async regenerate({ tokenId }) {
      const renewed = await deps.tokens.regenerate(tokenId);
      if (!renewed) throw noSuchToken(tokenId);
      const counts = await deps.accessLog.counts();
      return { token: toScriptToken(renewed.record, counts.get(tokenId) ?? 0), secret: renewed.token };
    },
    async revoke({ tokenId }) {
      if (!(await personal()).some((r) => r.id === tokenId)) throw noSuchToken(tokenId);
      await deps.tokens.revoke(tokenId);
      return null;
    },
    async log({ tokenId, status, limit }) {
      const entries = await deps.accessLog.entries(tokenId, { limit, ...(status ? { status: STATUS_RANGES[status] } : {}) });
      return { entries: entries.map(({ tokenId: _id, ...entry }) => entry) };
    },
  };
}
