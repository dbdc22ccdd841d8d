// Resolves the access token of a Graph request and answers Facebook's 190
// family when it is unusable: no subcode when it cannot be parsed, 463 when
// expired, 458 when the person removed the app (or the app revoked itself),
// 460 after a password change, 467 after logging out.
import type { Context } from 'hono';
import type { SandboxContext } from '../context';
import { SANDBOX_CREDENTIALS } from '../seed/people';
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

/** Why a user token is not usable, in Facebook's words; null when it is active. */
export function userTokenProblem(context: SandboxContext, token: TokenRecord | null): { message: string; subcode?: number } | null {
  if (!token || token.provider !== 'facebook' || (token.kind !== 'access' && token.kind !== 'long_lived')) {
    return { message: 'Invalid OAuth access token - Cannot parse access token' };
  }
  const grant = context.grants.grant(token.grantId);
  if (!grant) return { message: 'Invalid OAuth access token - Cannot parse access token' };
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

/** A user token is required (every /me route): app tokens get 2500 like no token at all. */
export async function graphUserAuth(c: Context, context: SandboxContext): Promise<{ ok: true; token: TokenRecord; grant: Grant } | { ok: false; response: Response }> {
  const auth = await graphAuth(c, context, { allowApp: false });
  if (!auth.ok) return auth;
  if (auth.caller.kind !== 'user') {
    return { ok: false, response: graphError(c, { status: 400, code: 2500, message: 'An active access token must be used to query information about the current user.' }) };
  }
  return { ok: true, token: auth.caller.token, grant: auth.caller.grant };
}

export async function graphAuth(c: Context, context: SandboxContext, options: { allowApp: boolean }): Promise<GraphAuth> {
  const value = await graphTokenValue(c);
  if (!value) {
    return { ok: false, response: graphError(c, { status: 400, code: 2500, message: 'An active access token must be used to query information about the current user.' }) };
  }
  if (isAppToken(value)) {
    if (options.allowApp) return { ok: true, caller: { kind: 'app' } };
    return { ok: false, response: graphError(c, { status: 400, code: 2500, message: 'An active access token must be used to query information about the current user.' }) };
  }
  const token = context.grants.token(value);
  const problem = userTokenProblem(context, token);
  if (problem || !token) {
    return { ok: false, response: graphError(c, { status: 400, code: 190, message: problem?.message ?? 'Invalid OAuth access token - Cannot parse access token', ...(problem?.subcode === undefined ? {} : { subcode: problem.subcode }) }) };
  }
  const grant = context.grants.grant(token.grantId);
  if (!grant) return { ok: false, response: graphError(c, { status: 400, code: 190, message: 'Invalid OAuth access token - Cannot parse access token' }) };
  return { ok: true, caller: { kind: 'user', token, grant } };
}
