// GET /me/permissions lists each permission with granted/declined;
// DELETE /me/permissions ends the whole grant (every token of it answers 190/458
// afterwards); DELETE /me/permissions/{name} declines one permission.
// Graph also accepts ?method=delete on GET for clients that cannot send DELETE.
import type { Context, Hono } from 'hono';
import type { SandboxContext } from '../context';
import { findFacebookSubject } from '../seed/people-lookup';
import { graphError } from './errors';
import { graphUserAuth } from './graph-auth';
import { FACEBOOK_PERMISSIONS, GRAPH_PREFIXES } from './scopes';

/** "me" or the caller's own user id; Graph refuses other people's permissions. */
function isOwnNode(c: Context, personKey: string): boolean {
  const node = c.req.param('node');
  return node === 'me' || node === findFacebookSubject(personKey).subject;
}

function unsupported(c: Context): Response {
  return graphError(c, { status: 400, code: 100, subcode: 33, type: 'GraphMethodException', message: `Unsupported request. Object with ID '${c.req.param('node') ?? ''}' does not exist, cannot be loaded due to missing permissions, or does not support this operation.` });
}

export function registerFacebookPermissions(app: Hono, context: SandboxContext): void {
  const list = async (c: Context) => {
    if (c.req.query('method')?.toLowerCase() === 'delete') return revoke(c);
    const auth = await graphUserAuth(c, context);
    if (!auth.ok) return auth.response;
    const { grant } = auth;
    if (!isOwnNode(c, grant.personKey)) return unsupported(c);
    const data = [
      ...[...grant.scopes].map((permission) => ({ permission, status: 'granted' })),
      ...[...grant.declined].map((permission) => ({ permission, status: 'declined' })),
    ];
    return c.json({ data });
  };

  const revoke = async (c: Context) => {
    const auth = await graphUserAuth(c, context);
    if (!auth.ok) return auth.response;
    const { grant } = auth;
    if (!isOwnNode(c, grant.personKey)) return unsupported(c);
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
