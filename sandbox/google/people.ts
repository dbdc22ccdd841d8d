// GET /google/people/v1/people/me/connections, as people.connections.list.
// Paging and sync tokens are signed, stateless cursors: a page token holds an
// offset (or a change-log position) and the parameters it was issued for; a
// sync token holds the change sequence and when it was issued, so it can
// expire (7 days by default) with nothing stored per token.
import type { Context, Hono } from 'hono';
import { z } from 'zod';
import type { SandboxContext } from '../context';
import { contactBookFor } from '../context';
import { contactAt } from '../seed/contacts';
import { findGoogleSubject } from '../seed/people-lookup';
import { googleBearer } from './bearer';
import { googleApiError, insufficientScope, invalidArgument } from './errors';
import { personJson, VALID_PERSON_FIELDS } from './person-json';
import { CONTACTS_SCOPES } from './scopes';

export const PEOPLE_CONNECTIONS_PATH = '/google/people/v1/people/me/connections';
const SERVICE = 'people.googleapis.com';
const METHOD = 'google.people.v1.PeopleService.ListConnections';
// The method's parameters plus Google's system parameters; anything else is a 400, which catches
// typos such as "personfields" the way Google does.
const KNOWN_PARAMS = new Set([
  'personFields', 'requestMask.includeField', 'pageSize', 'pageToken', 'sortOrder', 'requestSyncToken', 'syncToken', 'sources',
  'access_token', 'alt', 'fields', 'key', 'prettyPrint', 'quotaUser', '$.xgafv', 'callback', 'oauth_token', 'upload_protocol', 'uploadType',
]);
const SORT_ORDERS = ['LAST_MODIFIED_ASCENDING', 'LAST_MODIFIED_DESCENDING', 'FIRST_NAME_ASCENDING', 'LAST_NAME_ASCENDING'];

const PageCursorSchema = z.object({ k: z.literal('page'), fp: z.string(), pos: z.number().int().min(0), upto: z.number().int().min(0), since: z.number().int().min(-1) });
const SyncCursorSchema = z.object({ k: z.literal('sync'), p: z.string(), fp: z.string(), seq: z.number().int().min(0), iat: z.number() });

function decode<T>(context: SandboxContext, schema: z.ZodType<T>, token: string): T | null {
  const json = context.verify(token);
  if (json === null) return null;
  try {
    const parsed = schema.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export function registerGooglePeople(app: Hono, context: SandboxContext): void {
  app.get(PEOPLE_CONNECTIONS_PATH, (c) => listConnections(c, context));
  // Any other resource than people/me is not the caller's to list.
  app.get('/google/people/v1/people/:resource/connections', (c) =>
    googleApiError(c, { status: 403, rpcStatus: 'PERMISSION_DENIED', message: 'The caller does not have permission to request "' + c.req.param('resource') + '". Request requires one of the following scopes: [profile].' }),
  );
}

function listConnections(c: Context, context: SandboxContext): Response {
  const auth = googleBearer(c, context, SERVICE);
  if (!auth.ok) return auth.response;
  if (!auth.token.scopes.some((s) => CONTACTS_SCOPES.includes(s))) return insufficientScope(c, SERVICE, METHOD);
  const person = findGoogleSubject(auth.grant.personKey);
  const book = contactBookFor(context, person);
  const q = c.req.query();
  const unknownParam = Object.keys(q).find((name) => !KNOWN_PARAMS.has(name));
  if (unknownParam !== undefined) {
    return invalidArgument(c, `Invalid JSON payload received. Unknown name "${unknownParam}": Cannot bind query parameter. Field '${unknownParam}' could not be found in request message.`);
  }

  const rawFields = q.personFields ?? q['requestMask.includeField'];
  if (!rawFields) {
    return invalidArgument(c, 'personFields mask is required. Please specify one or more valid paths. Valid paths are documented at https://developers.google.com/people/api/rest/v1/people.connections/list.');
  }
  const fieldList = rawFields.split(',').map((f) => f.trim().replace(/^person\./, ''));
  const badField = fieldList.find((f) => !VALID_PERSON_FIELDS.has(f));
  if (badField !== undefined) return invalidArgument(c, `Invalid personFields mask path: "${badField}". Valid paths are documented at https://developers.google.com/people/api/rest/v1/people.connections/list.`);
  const fields = new Set(fieldList);

  let pageSize = 100;
  if (q.pageSize !== undefined) {
    const n = Number(q.pageSize);
    if (!/^-?\d+$/.test(q.pageSize)) return invalidArgument(c, `Invalid value at 'page_size' (TYPE_INT32), "${q.pageSize}"`);
    if (n < 0 || n > 1000) return invalidArgument(c, 'Page size must be between 1 and 1000.');
    pageSize = n === 0 ? 100 : n;
  }
  if (q.sortOrder !== undefined && !SORT_ORDERS.includes(q.sortOrder)) return invalidArgument(c, `Invalid value at 'sort_order' (type.googleapis.com/google.people.v1.ListConnectionsRequest.SortOrder), "${q.sortOrder}"`);
  if (q.requestSyncToken !== undefined && q.requestSyncToken !== 'true' && q.requestSyncToken !== 'false') {
    return invalidArgument(c, `Invalid value at 'request_sync_token' (TYPE_BOOL), "${q.requestSyncToken}"`);
  }
  const requestSyncToken = q.requestSyncToken === 'true';
  // The documented rule: with a pageToken or syncToken, every other parameter must match the first call.
  const syncFingerprint = JSON.stringify([person.key, fieldList, q.sortOrder ?? '']);
  const pageFingerprint = JSON.stringify([syncFingerprint, pageSize, requestSyncToken, q.syncToken ?? '']);

  // Incremental sync: "since" is the sequence the sync token remembers.
  let since = -1;
  if (q.syncToken) {
    const sync = decode(context, SyncCursorSchema, q.syncToken);
    if (!sync || sync.p !== person.key) return invalidArgument(c, 'Sync token is invalid.');
    if (sync.fp !== syncFingerprint) return invalidArgument(c, 'Parameters provided to people.connections.list must match the first call that provided the sync token.');
    const now = context.clock.now();
    if (now - sync.iat > context.settings.syncTokenTtlSeconds * 1000 || sync.iat < context.syncTokensValidFrom) {
      // Observed in practice: HTTP 400 (the docs say 410); clients must match the reason.
      return googleApiError(c, {
        status: 400,
        rpcStatus: 'FAILED_PRECONDITION',
        message: 'Sync token is expired. Clear local cache and retry call without the sync token.',
        reason: 'EXPIRED_SYNC_TOKEN',
        domain: SERVICE,
        metadata: { service: SERVICE, method: METHOD },
      });
    }
    since = sync.seq;
  }

  let pos = 0;
  let upto = book.currentSeq;
  if (q.pageToken) {
    const page = decode(context, PageCursorSchema, q.pageToken);
    if (!page) return invalidArgument(c, 'Page token is invalid.');
    if (page.fp !== pageFingerprint || page.since !== since) return invalidArgument(c, 'Parameters provided to people.connections.list must match the first call that provided the page token.');
    pos = page.pos;
    upto = page.upto;
  }

  const incremental = since >= 0;
  const slice = incremental ? book.changesSince(since, upto, pos, pageSize) : book.listFrom(pos, pageSize);
  const connections = slice.indices.map((index) => {
    const state = book.stateOf(index);
    return personJson(contactAt(person, index, state.revision), fields, context.baseUrl, state.deleted);
  });

  const body: Record<string, unknown> = {};
  if (connections.length > 0) body.connections = connections;
  if (slice.next !== null) {
    body.nextPageToken = context.sign(JSON.stringify({ k: 'page', fp: pageFingerprint, pos: slice.next, upto, since }));
  } else if (requestSyncToken || incremental) {
    body.nextSyncToken = context.sign(JSON.stringify({ k: 'sync', p: person.key, fp: syncFingerprint, seq: upto, iat: context.clock.now() }));
  }
  if (!incremental && book.total > 0) {
    body.totalPeople = book.total;
    body.totalItems = book.total;
  }
  return c.json(body);
}
