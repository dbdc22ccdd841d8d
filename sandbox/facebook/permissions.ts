// GET /me/permissions lists each permission with granted/declined;
// DELETE /me/permissions ends the whole grant (every token of it answers 190/458
// afterwards); DELETE /me/permissions/{name} declines one permission.
// Graph also accepts ?method=delete on GET for clients that cannot send DELETE.
import type { Context, Hono } from 'hono';
import type { SandboxContext } from '../context';
import { graphError } from './errors';
import { graphOwnNode } from './graph-auth';
import { FACEBOOK_PERMISSIONS, GRAPH_PREFIXES } from './scopes';

export function registerFacebookPermissions(app: Hono, context: SandboxContext): void {
  const list = async (c: Context) => {
    if (c.req.query('method')?.toLowerCase() === 'delete') return revoke(c);
    // Graph refuses other people's permissions.
    const auth = await graphOwnNode(c, context, 'request');
    if (!auth.ok) return auth.response;
    const { grant } = auth;
    const data = [
      ...[...grant.scopes].map((permission) => ({ permission, status: 'granted' })),
      ...[...grant.declined].map((permission) => ({ permission, status: 'declined' })),
    ];
    return c.json({ data });
  };

  const revoke = async (c: Context) => {
    // Graph refuses other people's permissions.
    const auth = await graphOwnNode(c, context, 'request');
    if (!auth.ok) return auth.response;
    const { grant } = auth;
    const permission = c.req.param('permission');
    if (permission === undefined) {
      context.grants.revokeGrant(grant, 'client');
      return c.json({ success: true });
    }
    if (!(permission in FACEBOOK_PERMISSIONS)) return graphError(c, { status: 400, code: 100, message: `(#100) Invalid permission: ${permission}` });
    grant.scopes.delete(permission);
    grant.declined.add(permission);
    return c.json({ success: true });
  };

  for (const prefix of GRAPH_PREFIXES) {
    app.get(`${prefix}/:node{me|[0-9]+}/permissions`, list);
    app.delete(`${prefix}/:node{me|[0-9]+}/permissions`, revoke);
    app.delete(`${prefix}/:node{me|[0-9]+}/permissions/:permission`, revoke);
  }
}
