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
import { errorReply } from './replies';

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
  const record = await tokens.verify(token, ability, onIdentified ? { types, onIdentified } : { types });
  if (!types.includes(record.type)) throw new KithError('E_UNAUTHORIZED', 'This kind of token cannot be used here.');
  return record;
}

/** Each connection's address, read once: the socket's remoteAddress getter asks the OS (getpeername) every time. */
const addresses = new WeakMap<object, string>();

/** Who is asking, for the failed-attempt limit: the peer address (every local process shares 127.0.0.1). */
export function addressOf(socket: { remoteAddress?: string | undefined } | undefined): string {
  if (!socket) return 'unknown';
  let address = addresses.get(socket);
  if (address === undefined) {
    address = socket.remoteAddress ?? 'unknown';
    addresses.set(socket, address);
  }
  return address;
}

export function clientOf(c: Context): string {
  const env = c.env as { server?: { incoming?: { socket?: object } }; incoming?: { socket?: object } } | undefined;
  const socket = (env?.server ?? env)?.incoming?.socket;
  if (socket) return addressOf(socket);
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    // No socket (a request built in a test): one shared bucket.
    return 'unknown';
  }
}

/** 429 with Retry-After in whole seconds (RFC 9110 §10.2.3). */
export function tooManyReply(c: Context, waitMs: number, message: string): Response {
  return errorReply(c, new KithError('E_RATE_LIMITED', message), 429, waitMs);
}

/** What a request presents: its Authorization header, its session cookie, and its peer address. */
export interface Presented {
  authorization: string | undefined;
  cookie: string | undefined;
  client: string;
}

/**
 * Who may go on, or why not. `tokenId` names a live personal token the request used even when it
 * is refused (lacking the ability, or over its rate): the access log records those requests too.
 */
export type Authorization =
  | { ok: true; credential: Credential; record: AccessTokenRecord; tokenId?: string }
  | { ok: false; error: KithError; retryAfterMs?: number; tokenId?: string };

/**
 * The rules every authenticated request passes, in order, for the Hono routes and the direct
 * friends read alike: a credential at all; a client past its failed attempts is refused before
 * its token is even checked (so it learns nothing about its guesses); the token must be live and
 * allow `ability` (a bad bearer token counts as a failure); a personal token draws from its bucket.
 */
export async function authorize(tokens: HostTokenService, limits: RequestLimits, presented: Presented, ability: TokenAbility): Promise<Authorization> {
  const credential = readCredential(presented.authorization, presented.cookie);
  if (!credential) return { ok: false, error: new KithError('E_UNAUTHORIZED', NO_AUTH_MESSAGE) };
  const bearer = presented.authorization !== undefined;
  if (bearer) {
    const wait = limits.failures.waitMs(presented.client);
    if (wait > 0) return { ok: false, error: new KithError('E_RATE_LIMITED', 'Too many requests with an invalid access token; wait before trying again.'), retryAfterMs: wait };
  }
  let tokenId: string | undefined;
  let record: AccessTokenRecord;
  try {
    record = await verifyCredential(tokens, credential.token, ability, credential.types, (found) => {
      if (found.type === 'personal') tokenId = found.id;
    });
  } catch (error) {
    if (error instanceof KithError && (error.code === 'E_UNAUTHORIZED' || error.code === 'E_FORBIDDEN')) {
      if (bearer && error.code === 'E_UNAUTHORIZED') limits.failures.failed(presented.client);
      return { ok: false, error, ...(tokenId ? { tokenId } : {}) };
    }
    throw error;
  }
  if (record.type === 'personal') {
    const wait = limits.perToken.take(record.id);
    if (wait > 0) return { ok: false, error: new KithError('E_RATE_LIMITED', 'This access token made too many requests; slow down.'), retryAfterMs: wait, tokenId: record.id };
  }
  return { ok: true, credential, record, ...(tokenId ? { tokenId } : {}) };
}

export function requireAbility(tokens: HostTokenService, ability: TokenAbility, limits: RequestLimits): MiddlewareHandler<{ Variables: AuthVariables }> {
  return async (c, next) => {
    const authorization = c.req.header('authorization');
    const presented = { authorization, cookie: authorization === undefined ? getCookie(c, SESSION_COOKIE) : undefined, client: clientOf(c) };
    const result = await authorize(tokens, limits, presented, ability);
    if (result.tokenId) c.set('tokenId', result.tokenId);
    if (!result.ok) return errorReply(c, result.error, result.retryAfterMs === undefined ? undefined : 429, result.retryAfterMs);
    if (result.record.type === 'personal' && result.record.accounts) c.set('tokenAccounts', result.record.accounts);
    c.set('credential', result.credential);
    await next();
  };
}
