// GET /me (and /{user-id}): the person behind the token, limited to `fields`
// and to what the grant allows (email needs the email permission).
import type { Hono } from 'hono';
import type { SandboxContext } from '../context';
import { displayName, findFacebookSubject } from '../seed/people-lookup';
import { graphError } from './errors';
import { parseFields, pictureField } from './fields';
import { graphUserAuth } from './graph-auth';
import { facebookPictureUrl } from './oidc';
import { GRAPH_PREFIXES } from './scopes';

const USER_FIELDS = new Set(['id', 'name', 'email', 'first_name', 'last_name', 'short_name', 'picture']);

export function registerFacebookMe(app: Hono, context: SandboxContext): void {
  for (const prefix of GRAPH_PREFIXES) {
    app.get(`${prefix}/:node{me|[0-9]+}`, async (c) => {
      const auth = await graphUserAuth(c, context);
      if (!auth.ok) return auth.response;
      const { grant } = auth;
      const person = findFacebookSubject(grant.personKey);
      const node = c.req.param('node');
      if (node !== 'me' && node !== person.subject) {
        return graphError(c, { status: 400, code: 100, subcode: 33, type: 'GraphMethodException', message: `Unsupported get request. Object with ID '${node}' does not exist, cannot be loaded due to missing permissions, or does not support this operation.` });
      }
      const fields = parseFields(c.req.query('fields'), ['id', 'name']);
      const unknown = fields.find((f) => !USER_FIELDS.has(f));
      if (unknown !== undefined) return graphError(c, { status: 400, code: 100, message: `(#100) Tried accessing nonexisting field (${unknown}) on node type (User)` });
      const values: Record<string, unknown> = {
        id: person.subject,
        name: displayName(person),
        first_name: person.givenName,
        last_name: person.familyName,
        short_name: person.givenName,
        picture: pictureField(facebookPictureUrl(context, grant.personKey)),
        ...(grant.scopes.has('email') ? { email: person.email } : {}),
      };
      const body: Record<string, unknown> = {};
      for (const field of fields) if (values[field] !== undefined) body[field] = values[field];
      // Graph always returns the id.
      body.id = person.subject;
      return c.json(body);
    });
  }
}
