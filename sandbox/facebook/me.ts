// GET /me (and /{user-id}): the person behind the token, limited to `fields`
// and to what the grant allows (email needs the email permission).
import type { Hono } from 'hono';
import type { SandboxContext } from '../context';
import { displayName } from '../seed/people-lookup';
import { pictureField, userFields } from './fields';
import { graphOwnNode } from './graph-auth';
import { facebookPictureUrl } from './oidc';
import { GRAPH_PREFIXES } from './scopes';

const USER_FIELDS = new Set(['id', 'name', 'email', 'first_name', 'last_name', 'short_name', 'picture']);

export function registerFacebookMe(app: Hono, context: SandboxContext): void {
  for (const prefix of GRAPH_PREFIXES) {
    app.get(`${prefix}/:node{me|[0-9]+}`, async (c) => {
      const auth = await graphOwnNode(c, context);
      if (!auth.ok) return auth.response;
      const { grant, person } = auth;
      const requested = userFields(c, USER_FIELDS, ['id', 'name']);
      if (!requested.ok) return requested.response;
      const { fields } = requested;
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
