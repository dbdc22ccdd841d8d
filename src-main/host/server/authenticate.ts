// Who is calling: a personal access token (`Authorization: Bearer kith_...`,
// for scripts) or the page's session cookie (set by /launch). Tokens are
// checked by the AccessTokenService; their values never reach a log line.
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { getConnInfo } from '@hono/node-server/conninfo';
import { KithError } from '../../../src-contract/kith-api';
import type { AccessTokenRecord } from '../../core/tokens/access-token-record';
import type { HostTokenService, TokenAbility, TokenType } from './access-tokens';
import type { RequestLimits } from './rate-limits';
import { errorReply, kithErrorReply } from './replies';

export const SESSION_COOKIE = 'kith_session';

/** A token as a request carried it, and the token types that way in admits. */
export interface Credential {
  token: string;
  types: TokenType[];
}

/** `tokenId` is set for a personal token only: what the access log records. */
export type AuthVariables = { credential: Credential; tokenId?: string; tokenAccounts?: readonly string[] };

const NO_AUTH_MESSAGE =
  'Not signed in. Open the launch link that kith serve printed, or send a personal access token in the header Authorization: Bearer kith_p_...';

/** The credential a request carries, and which token types may use that way in. */
export function readCredential(authorization: string | undefined, cookie: string | undefined): Credential | null {
  if (authorization !== undefined) {
    const match = /^Bearer ([A-Za-z0-9_\-.~+/]+=*)$/i.exec(authorization.trim());
    return match ? { token: match[1]!, types: ['personal', 'session'] } : { token: '', types: [] };
  }
  if (cookie) return { token: cookie, types: ['session'] };
  return null;
}

export async function verifyCredential(
  tokens: HostTokenService,
  token: string,
  ability: TokenAbility,
  types: readonly TokenType[],
  onIdentified?: (record: AccessTokenRecord) => void,
): Promise<AccessTokenRecord> {
  if (!token || types.length === 0) throw new KithError('E_UNAUTHORIZED', 'The access token is malformed.');
  const record = await tokens.verify(token, ability, { types: [...types], ...(onIdentified ? { onIdentified } : {}) });
  if (!types.includes(record.type)) throw new KithError('E_UNAUTHORIZED', 'This kind of token cannot be used here.');
  return record;
}

/** Who is asking, for the failed-attempt limit: the peer address (every local process shares 127.0.0.1). */
/** Each connection's address, read once: the socket's remoteAddress getter asks the OS (getpeername) every time. */
const addresses = new WeakMap<object, string>();

export function clientOf(c: Context): string {
  const env = c.env as { server?: { incoming?: { socket?: object } }; incoming?: { socket?: object } } | undefined;
  const socket = (env?.server ?? env)?.incoming?.socket;
  if (socket) {
    const known = addresses.get(socket);
    if (known !== undefined) return known;
  }
  let address = 'unknown';
  try {
    address = getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    // No socket (a request built in a test): one shared bucket.
  }
  if (socket) addresses.set(socket, address);
  return address;
}

/** 429 with Retry-After in whole seconds (RFC 9110 §10.2.3). */
export function tooManyReply(c: Context, waitMs: number, message: string): Response {
  const response = kithErrorReply(c, 'E_RATE_LIMITED', message, 429);
  response.headers.set('retry-after', String(Math.max(1, Math.ceil(waitMs / 1000))));
  return response;
}

export function requireAbility(tokens: HostTokenService, ability: TokenAbility, limits: RequestLimits): MiddlewareHandler<{ Variables: AuthVariables }> {
  return async (c, next) => {
    const credential = readCredential(c.req.header('authorization'), getCookie(c, SESSION_COOKIE));
    if (!credential) return kithErrorReply(c, 'E_UNAUTHORIZED', NO_AUTH_MESSAGE);
    const bearer = c.req.header('authorization') !== undefined;
    const client = clientOf(c);
    if (bearer) {
      // Refused before the check, so a blocked client learns nothing about its guesses.
      const wait = limits.failures.waitMs(client);
      if (wait > 0) return tooManyReply(c, wait, 'Too many requests with an invalid access token; wait before trying again.');
    }
    let record: AccessTokenRecord;
    try {
      record = await verifyCredential(tokens, credential.token, ability, credential.types, (found) => {
        if (found.type === 'personal') c.set('tokenId', found.id);
      });
    } catch (error) {
      if (error instanceof KithError && (error.code === 'E_UNAUTHORIZED' || error.code === 'E_FORBIDDEN')) {
        if (bearer && error.code === 'E_UNAUTHORIZED') limits.failures.failed(client);
        return errorReply(c, error);
      }
      throw error;
    }
    if (record.type === 'personal') {
      if (record.accounts) c.set('tokenAccounts', record.accounts);
      const wait = limits.perToken.take(record.id);
      if (wait > 0) return tooManyReply(c, wait, 'This access token made too many requests; slow down.');
    }
    c.set('credential', credential);
    await next();
  };
}
