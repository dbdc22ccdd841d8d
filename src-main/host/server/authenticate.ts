// Who is calling: a personal access token (`Authorization: Bearer kith_...`,
// for scripts) or the page's session cookie (set by /launch). Tokens are
// checked by the AccessTokenService; their values never reach a log line.
import type { MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { KithError } from '../../../src-contract/kith-api';
import type { HostTokenService, TokenAbility, TokenType } from './access-tokens';
import { errorReply, kithErrorReply } from './replies';

export const SESSION_COOKIE = 'kith_session';

/** A token as a request carried it, and the token types that way in admits. */
export interface Credential {
  token: string;
  types: TokenType[];
}

export type AuthVariables = { credential: Credential };

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

export async function verifyCredential(tokens: HostTokenService, token: string, ability: TokenAbility, types: readonly TokenType[]): Promise<void> {
  if (!token || types.length === 0) throw new KithError('E_UNAUTHORIZED', 'The access token is malformed.');
  const record = await tokens.verify(token, ability, { types: [...types] });
  if (!types.includes(record.type)) throw new KithError('E_UNAUTHORIZED', 'This kind of token cannot be used here.');
}

export function requireAbility(tokens: HostTokenService, ability: TokenAbility): MiddlewareHandler<{ Variables: AuthVariables }> {
  return async (c, next) => {
    const credential = readCredential(c.req.header('authorization'), getCookie(c, SESSION_COOKIE));
    if (!credential) return kithErrorReply(c, 'E_UNAUTHORIZED', NO_AUTH_MESSAGE);
    try {
      await verifyCredential(tokens, credential.token, ability, credential.types);
    } catch (error) {
      if (error instanceof KithError && (error.code === 'E_UNAUTHORIZED' || error.code === 'E_FORBIDDEN')) return errorReply(c, error);
      throw error;
    }
    c.set('credential', credential);
    await next();
  };
}
