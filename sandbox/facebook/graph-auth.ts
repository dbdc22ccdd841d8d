// Resolves the access token of a Graph request and answers Facebook's 190
// family when it is unusable: no subcode when it cannot be parsed, 463 when
// expired, 458 when the person removed the app (or the app revoked itself),
// 460 after a password change, 467 after logging out.
import type { Context } from 'hono';
import type { SandboxContext } from '../context';
import { SANDBOX_CREDENTIALS } from '../seed/people';
import { findFacebookSubject, type SeededPerson } from '../seed/people-lookup';
import type { Grant, TokenRecord } from '../state/grants';
import { graphError } from './errors';

export type GraphCaller = { kind: 'user'; token: TokenRecord; grant: Grant } | { kind: 'app' };
export type GraphAuth = { ok: true; caller: GraphCaller } | { ok: false; response: Response };

export async function graphTokenValue(c: Context): Promise<string | undefined> {
  const fromQuery = c.req.query('access_token');
  if (fromQuery) return fromQuery;
  const header = c.req.header('Authorization');
  const match = header ? /^(?:OAuth|Bearer)\s+(\S+)$/i.exec(header.trim()) : null;
  if (match?.[1]) return match[1];
  if (c.req.method === 'POST' || c.req.method === 'DELETE') {
    const type = c.req.header('Content-Type') ?? '';
    if (type.startsWith('application/x-www-form-urlencoded')) {
      const value = new URLSearchParams(await c.req.text()).get('access_token');
      if (value) return value;
    }
  }
  return undefined;
}

export function isAppToken(value: string): boolean {
  return value === `${SANDBOX_CREDENTIALS.facebook.appId}|${SANDBOX_CREDENTIALS.facebook.appSecret}`;
}

function formatFacebookTime(ms: number): string {
  return new Date(ms).toUTCString();
}

const CANNOT_PARSE = 'Invalid OAuth access token - Cannot parse access token';

export interface TokenProblem {
  message: string;
  subcode?: number;
}

/** Why a user token is not usable, in Facebook's words; null when it is active. */
export function userTokenProblem(context: SandboxContext, token: TokenRecord | null): TokenProblem | null {
  if (!token || token.provider !== 'facebook' || (token.kind !== 'access' && token.kind !== 'long_lived' && token.kind !== 'device')) {
    return { message: CANNOT_PARSE };
  }
  const grant = context.grants.grant(token.grantId);
  if (!grant) return { message: CANNOT_PARSE };
  if (grant.revokedAt !== null) {
    switch (grant.revokeReason) {
      case 'password-changed':
        return { subcode: 460, message: 'Error validating access token: The session has been invalidated because the user changed their password or Facebook has changed the session for security reasons.' };
      case 'logged-out':
        return { subcode: 467, message: 'Error validating access token: The session is invalid because the user logged out.' };
      default:
        return { subcode: 458, message: `Error validating access token: The user has not authorized application ${grant.clientId}.` };
    }
  }
  if (token.revokedAt !== null) return { message: 'Error validating access token: The session has been invalidated because the user changed their password or Facebook has changed the session for security reasons.', subcode: 460 };
  if (token.expiresAt !== null && token.expiresAt <= context.clock.now()) {
    return { subcode: 463, message: `Error validating access token: Session has expired on ${formatFacebookTime(token.expiresAt)}. The current time is ${formatFacebookTime(context.clock.now())}.` };
  }
  return null;
}

const NO_USER_TOKEN = 'An active access token must be used to query information about the current user.';

/** Graph's 190 for an unusable user token, with the subcode that says why. */
export function invalidTokenError(c: Context, problem: TokenProblem): Response {
  return graphError(c, { status: 400, code: 190, message: problem.message, ...(problem.subcode === undefined ? {} : { subcode: problem.subcode }) });
}

/** The user token behind `value` with its grant, or why it cannot be used. */
export function usableUserToken(context: SandboxContext, value: string): { ok: true; token: TokenRecord; grant: Grant } | { ok: false; problem: TokenProblem } {
  const token = context.grants.token(value);
  const problem = userTokenProblem(context, token);
  const grant = token ? context.grants.grant(token.grantId) : null;
  // userTokenProblem already answers for a missing token or grant; the check narrows the types.
  if (problem || !token || !grant) return { ok: false, problem: problem ?? { message: CANNOT_PARSE } };
  return { ok: true, token, grant };
}

/**
 * A route on the caller's own user node ("me" or their id): a user token is required (app tokens
 * get 2500 like no token at all), and another person's id is refused with 100/33.
 */
export async function graphOwnNode(
  c: Context,
  context: SandboxContext,
  request: 'get request' | 'request' = 'get request',
): Promise<{ ok: true; token: TokenRecord; grant: Grant; person: SeededPerson } | { ok: false; response: Response }> {
  const auth = await graphAuth(c, context, { allowApp: false });
  if (!auth.ok) return auth;
  if (auth.caller.kind !== 'user') return { ok: false, response: graphError(c, { status: 400, code: 2500, message: NO_USER_TOKEN }) };
  const { token, grant } = auth.caller;
  const person = findFacebookSubject(grant.personKey);
  const node = c.req.param('node') ?? '';
  if (node !== 'me' && node !== person.subject) {
    return {
      ok: false,
      response: graphError(c, { status: 400, code: 100, subcode: 33, type: 'GraphMethodException', message: `Unsupported ${request}. Object with ID '${node}' does not exist, cannot be loaded due to missing permissions, or does not support this operation.` }),
    };
  }
  return { ok: true, token, grant, person };
}

export async function graphAuth(c: Context, context: SandboxContext, options: { allowApp: boolean }): Promise<GraphAuth> {
  const value = await graphTokenValue(c);
  if (!value) return { ok: false, response: graphError(c, { status: 400, code: 2500, message: NO_USER_TOKEN }) };
  if (isAppToken(value)) {
    if (options.allowApp) return { ok: true, caller: { kind: 'app' } };
    return { ok: false, response: graphError(c, { status: 400, code: 2500, message: NO_USER_TOKEN }) };
  }
  const user = usableUserToken(context, value);
  if (!user.ok) return { ok: false, response: invalidTokenError(c, user.problem) };
  return { ok: true, caller: { kind: 'user', token: user.token, grant: user.grant } };
}
