// GET /debug_token?input_token=...&access_token=<app token or a user token of the app>.
// An unusable input token is still a 200, with is_valid false and the error inside data.
import type { Hono } from 'hono';
import type { SandboxContext } from '../context';
import { SANDBOX_CREDENTIALS } from '../seed/people';
import { findFacebookSubject } from '../seed/people-lookup';
import { graphError } from './errors';
import { graphAuth, userTokenProblem } from './graph-auth';
import { GRAPH_PREFIXES } from './scopes';

export function registerFacebookDebugToken(app: Hono, context: SandboxContext): void {
  for (const prefix of GRAPH_PREFIXES) {
    app.get(`${prefix}/debug_token`, async (c) => {
      const inputToken = c.req.query('input_token');
      if (!inputToken) return graphError(c, { status: 400, code: 100, message: '(#100) The parameter input_token is required' });
      const auth = await graphAuth(c, context, { allowApp: true });
      if (!auth.ok) {
        return graphError(c, { status: 400, code: 100, message: '(#100) You must provide an app access token, or a user access token that is an owner or developer of the app' });
      }
      const token = context.grants.token(inputToken);
      const problem = userTokenProblem(context, token);
      const grant = token ? context.grants.grant(token.grantId) : null;
      const appInfo = { app_id: SANDBOX_CREDENTIALS.facebook.appId, type: 'USER', application: SANDBOX_CREDENTIALS.facebook.appName };
      if (problem || !token || !grant) {
        return c.json({
          data: {
            ...(token ? appInfo : {}),
            error: { code: 190, message: problem?.message ?? 'Invalid OAuth access token.', ...(problem?.subcode === undefined ? {} : { subcode: problem.subcode }) },
            is_valid: false,
            scopes: [],
            ...(grant ? { user_id: findFacebookSubject(grant.personKey).subject } : {}),
          },
        });
      }
      const scopes = [...grant.scopes];
      const seconds = (ms: number | null) => (ms === null ? 0 : Math.floor(ms / 1000));
      return c.json({
        data: {
          ...appInfo,
          data_access_expires_at: seconds(grant.createdAt + 90 * 24 * 3600 * 1000),
          expires_at: seconds(token.expiresAt),
          is_valid: true,
          issued_at: seconds(token.issuedAt),
          scopes,
          granular_scopes: scopes.filter((s) => s !== 'public_profile' && s !== 'email').map((scope) => ({ scope })),
          user_id: findFacebookSubject(grant.personKey).subject,
        },
      });
    });
  }
}
