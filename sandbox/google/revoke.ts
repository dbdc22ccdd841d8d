// POST /google/revoke, as oauth2.googleapis.com/revoke. Google documents that
// revoking an access or a refresh token removes the whole grant: every token
// of that person for this client stops working, on every install.
import type { Hono } from 'hono';
import type { SandboxContext } from '../context';
import { readParams } from '../util/form';
import { oauthError } from './errors';

export const GOOGLE_REVOKE_PATH = '/google/revoke';

export function registerGoogleRevoke(app: Hono, context: SandboxContext): void {
  app.post(GOOGLE_REVOKE_PATH, async (c) => {
    const read = await readParams(c);
    if (!read.ok) return oauthError(c, 400, 'invalid_request', read.reason);
    const token = read.params.token ?? c.req.query('token');
    if (!token) return oauthError(c, 400, 'invalid_request', 'Missing required parameter: token');
    const record = context.grants.token(token);
    if (!record || record.provider !== 'google' || record.kind === 'id' || context.grants.statusOf(record) !== 'active') {
      return oauthError(c, 400, 'invalid_token', 'Token expired or revoked');
    }
    const grant = context.grants.grant(record.grantId);
    if (grant) context.grants.revokeGrant(grant, 'client');
    return c.json({}, 200);
  });
}
