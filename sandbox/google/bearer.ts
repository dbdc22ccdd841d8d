// Resolves the bearer access token of a googleapis.com request (RFC 6750 §2.1
// header, or the access_token query parameter Google also accepts).
import type { Context } from 'hono';
import type { SandboxContext } from '../context';
import type { Grant, TokenRecord } from '../state/grants';
import { unauthenticated } from './errors';

export type BearerResult = { ok: true; token: TokenRecord; grant: Grant } | { ok: false; response: Response };

export function googleBearer(c: Context, context: SandboxContext, service: string): BearerResult {
  const header = c.req.header('Authorization');
  let value: string | undefined;
  if (header !== undefined) {
    const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
    value = match?.[1];
    if (!value) return { ok: false, response: unauthenticated(c, service, 'invalid') };
  } else {
    value = c.req.query('access_token');
  }
  if (!value) return { ok: false, response: unauthenticated(c, service, 'missing') };
  const token = context.grants.token(value);
  if (!token || token.provider !== 'google' || token.kind !== 'access') return { ok: false, response: unauthenticated(c, service, 'invalid') };
  const status = context.grants.statusOf(token);
  const grant = context.grants.grant(token.grantId);
  if (status !== 'active' || !grant) return { ok: false, response: unauthenticated(c, service, status === 'expired' ? 'expired' : 'invalid') };
  return { ok: true, token, grant };
}
