// The scripted API's script access tokens: created, listed, regenerated and
// revoked in memory, each with a made-up secret shown only in the create and
// regenerate answers, and an access log a test can add requests to.
import { KithError, type AccessLogEntry, type KithMethodName, type KithMethodOutput, type KithMethodParsedInput, type ScriptToken } from '../../src-contract/kith-api';

type TokenMethod = Extract<KithMethodName, `tokens.${string}`>;
export type TokenAnswers = { [M in TokenMethod]: (input: KithMethodParsedInput<M>) => KithMethodOutput<M> | Promise<KithMethodOutput<M>> };

export interface ScriptedTokens {
  answers: TokenAnswers;
  /** A request a script made with the token (newest last). */
  addRequest(tokenId: string, entry: AccessLogEntry): void;
}

const RANGES = { '2xx': 200, '3xx': 300, '4xx': 400, '5xx': 500 } as const;

export function createScriptedTokens(now: () => number): ScriptedTokens {
  const tokens = new Map<string, ScriptToken>();
  const logs = new Map<string, AccessLogEntry[]>();
  let serial = 0;
  const secret = () => `kith_p_Scripted${String(++serial).padStart(4, '0')}Secret0000000000000000`;
  const require = (id: string) => {
    const token = tokens.get(id);
    if (!token) throw new KithError('E_INVALID_INPUT', `There is no script access token ${id}.`);
    return token;
  };
  const withCount = (t: ScriptToken): ScriptToken => ({ ...t, requestCount: logs.get(t.id)?.length ?? 0 });
  return {
    answers: {
      'tokens.list': () => [...tokens.values()].map(withCount),
      'tokens.create': ({ name, abilities, accountIds, expiresAt }) => {
        const id = `tok_scripted${String(serial + 1).padStart(8, '0')}`;
        const token: ScriptToken = { id, name, abilities, accountIds: accountIds ?? null, createdAt: now(), expiresAt, lastUsedAt: null, requestCount: 0 };
        tokens.set(id, token);
        return { token, secret: secret() };
      },
      'tokens.regenerate': ({ tokenId }) => {
        const old = require(tokenId);
        const token = { ...old, createdAt: now(), expiresAt: now() + (old.expiresAt - old.createdAt), lastUsedAt: null };
        tokens.set(tokenId, token);
        return { token: withCount(token), secret: secret() };
      },
      'tokens.revoke': ({ tokenId }) => {
        require(tokenId);
        tokens.delete(tokenId);
        return null;
      },
      'tokens.log': ({ tokenId, status, limit }) => {
        const all = [...(logs.get(tokenId) ?? [])].reverse();
        const min = status ? RANGES[status] : 0;
        return { entries: all.filter((e) => !status || (e.status >= min && e.status < min + 100)).slice(0, limit) };
      },
    },
    addRequest(tokenId, entry) {
      logs.set(tokenId, [...(logs.get(tokenId) ?? []), entry]);
      const token = tokens.get(tokenId);
      if (token) tokens.set(tokenId, { ...token, lastUsedAt: entry.at });
    },
  };
}
