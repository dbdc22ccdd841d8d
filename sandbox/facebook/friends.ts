// GET /me/friends: only friends who also use the app, cursor-paged
// (paging.cursors.before/after, paging.next when there is more), with
// summary.total_count counting every friend. Without user_friends the list is
// empty.
import type { Hono } from 'hono';
import type { SandboxContext } from '../context';
import { friendCountFor } from '../context';
import { appUsingFriendCount, appUsingFriendIndex, friendAt } from '../seed/friends';
import { graphError } from './errors';
import { pictureField, userFields } from './fields';
import { graphOwnNode } from './graph-auth';
import { DEFAULT_GRAPH_VERSION, GRAPH_PREFIXES } from './scopes';

const FRIEND_FIELDS = new Set(['id', 'name', 'first_name', 'last_name', 'picture']);
const DEFAULT_LIMIT = 25;
const MAX_LIMIT = 5000;

function cursorFor(context: SandboxContext, personKey: string, ordinal: number): string {
  return Buffer.from(context.sign(`${personKey}:${ordinal}`)).toString('base64url');
}

function ordinalFrom(context: SandboxContext, personKey: string, cursor: string): number | null {
  const payload = context.verify(Buffer.from(cursor, 'base64url').toString());
  const match = payload === null ? null : /^([a-z]+):(\d+)$/.exec(payload);
  return match && match[1] === personKey ? Number(match[2]) : null;
}

export function registerFacebookFriends(app: Hono, context: SandboxContext): void {
  for (const prefix of GRAPH_PREFIXES) {
    app.get(`${prefix}/:node{me|[0-9]+}/friends`, async (c) => {
      const auth = await graphOwnNode(c, context);
      if (!auth.ok) return auth.response;
      const { grant, token, person } = auth;
      const requested = userFields(c, FRIEND_FIELDS, ['name', 'id']);
      if (!requested.ok) return requested.response;
      const { fields } = requested;
      if (!grant.scopes.has('user_friends')) return c.json({ data: [] });

      const total = friendCountFor(context, person);
      const listed = appUsingFriendCount(total);
      let limit = DEFAULT_LIMIT;
      const rawLimit = c.req.query('limit');
      if (rawLimit !== undefined) {
        if (!/^\d+$/.test(rawLimit)) return graphError(c, { status: 400, code: 100, message: '(#100) Param limit must be a number' });
        limit = Math.min(Math.max(Number(rawLimit), 1), MAX_LIMIT);
      }
      let start = 0;
      const after = c.req.query('after');
      const before = c.req.query('before');
      if (after !== undefined) {
        const ordinal = ordinalFrom(context, person.key, after);
        if (ordinal === null) return graphError(c, { status: 400, code: 100, message: '(#100) The after cursor is invalid' });
        start = ordinal + 1;
      } else if (before !== undefined) {
        const ordinal = ordinalFrom(context, person.key, before);
        if (ordinal === null) return graphError(c, { status: 400, code: 100, message: '(#100) The before cursor is invalid' });
        start = Math.max(0, ordinal - limit);
      }
      const end = Math.min(start + limit, listed);
      const data: Record<string, unknown>[] = [];
      for (let k = start; k < end; k += 1) {
        const friend = friendAt(person, appUsingFriendIndex(k));
        const values: Record<string, unknown> = {
          id: friend.id,
          name: friend.name,
          first_name: friend.givenName,
          last_name: friend.familyName,
          picture: pictureField(context.baseUrl + friend.avatarPath),
        };
        const row: Record<string, unknown> = {};
        for (const field of fields) row[field] = values[field];
        row.id = friend.id;
        data.push(row);
      }
      const body: Record<string, unknown> = { data };
      if (data.length > 0) {
        const version = c.req.param('version') ?? DEFAULT_GRAPH_VERSION;
        const pageUrl = (cursorName: 'after' | 'before', cursor: string) => {
          const url = new URL(`${context.baseUrl}/facebook/graph/${version}/${person.subject}/friends`);
          // Graph puts the access token in its paging URLs; clients must treat them as secrets.
          url.searchParams.set('access_token', token.value);
          if (c.req.query('fields') !== undefined) url.searchParams.set('fields', c.req.query('fields') ?? '');
          url.searchParams.set('limit', String(limit));
          url.searchParams.set(cursorName, cursor);
          return url.toString();
        };
        const first = cursorFor(context, person.key, start);
        const last = cursorFor(context, person.key, end - 1);
        body.paging = {
          cursors: { before: first, after: last },
          ...(start > 0 ? { previous: pageUrl('before', first) } : {}),
          ...(end < listed ? { next: pageUrl('after', last) } : {}),
        };
      }
      body.summary = { total_count: total };
      return c.json(body);
    });
  }
}
