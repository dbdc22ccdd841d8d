// Google contacts through @googleapis/people: connections.list, every page
// (pageSize 1000), with a sync token for incremental syncs. An expired token
// (reason EXPIRED_SYNC_TOKEN, whatever the HTTP status) restarts as a full
// sync, as the People API documentation tells clients to do.
import type { people_v1 } from '@googleapis/people';
import { KithError } from '../../../src-contract/kith-api';
import type { Logger } from '../ports';
import { googleApiFailure, isExpiredSyncToken } from './google-errors';
import type { FriendBatch, FriendListing, FriendSyncOutcome, ProviderPerson } from './provider';
import { malformed, withRetries, type RetryPolicy } from './provider-http';
import { deferredListing } from './friend-listing';
import { PeopleConnectionsPageSchema, type PeopleConnectionsPage, type PeoplePerson } from './google-schemas';
import { parseAnswer } from './provider-answer';

export const PEOPLE_PAGE_SIZE = 1000;
export const PEOPLE_PERSON_FIELDS = 'names,emailAddresses,phoneNumbers,photos,metadata';

export interface GoogleContactsDeps {
  /** An OAuth2Client (or any google-auth-library AuthClient) holding only this access token. */
  authFor(accessToken: string): Promise<NonNullable<people_v1.Options['auth']>>;
  rootUrl: string;
  retry: RetryPolicy;
  log?: Logger;
}

export function listGoogleContacts(deps: GoogleContactsDeps, accessToken: string, options: { syncToken: string | null }): FriendListing {
  // Imported on the first sync, not at Kith's start (see google-provider.ts).
  let api: Promise<people_v1.People> | null = null;
  const loadApi = () => {
    api ??= Promise.all([import('@googleapis/people'), deps.authFor(accessToken)]).then(([{ people }, auth]) => people({ version: 'v1', rootUrl: deps.rootUrl, auth }));
    return api;
  };
  const what = { provider: 'Google', operation: 'contacts sync' };

  const fetchPage = (syncToken: string | null, pageToken: string | null) =>
    withRetries(
      async () => {
        try {
          const response = await (await loadApi()).people.connections.list(
            {
              resourceName: 'people/me',
              personFields: PEOPLE_PERSON_FIELDS,
              pageSize: PEOPLE_PAGE_SIZE,
              // Every page of a sync repeats the first request's parameters (People API, connections.list).
              requestSyncToken: true,
              ...(syncToken ? { syncToken } : {}),
              ...(pageToken ? { pageToken } : {}),
            },
            // rootUrl again per call: googleapis-common rebuilds the URL from the global rootUrl's
            // origin only, which would drop a path prefix such as the sandbox's /google/people/.
            { retry: false, rootUrl: deps.rootUrl },
          );
          return parseAnswer(PeopleConnectionsPageSchema, response.data, what);
        } catch (error) {
          if (isExpiredSyncToken(error)) throw new ExpiredSyncToken();
          throw googleApiFailure(error, what.operation);
        }
      },
      deps.retry,
      { log: deps.log, what: what.operation },
    );

  return deferredListing(async function* (): AsyncGenerator<FriendBatch, FriendSyncOutcome> {
    let syncToken = options.syncToken;
    let mode: FriendSyncOutcome['mode'] = syncToken ? 'incremental' : 'full';
    let pageToken: string | null = null;
    let restarted = false;
    // A page token seen before would page forever (a faulty or hostile answer); People never repeats one.
    const seenPageTokens = new Set<string>();
    for (;;) {
      let page: PeopleConnectionsPage;
      try {
        page = await fetchPage(syncToken, pageToken);
      } catch (error) {
        if (error instanceof ExpiredSyncToken && !restarted) {
          deps.log?.info('Google sync token expired; running a full contacts sync', {});
          restarted = true;
          syncToken = null;
          pageToken = null;
          seenPageTokens.clear();
          mode = 'full';
          continue;
        }
        if (error instanceof ExpiredSyncToken) throw new KithError('E_PROVIDER', 'Google keeps rejecting the contacts sync as expired.');
        throw error;
      }
      // totalItems counts the whole list; during an incremental sync it says nothing about the changes.
      yield { ...toBatch(page, mode === 'full'), mode };
      if (page.nextPageToken) {
        if (seenPageTokens.has(page.nextPageToken)) throw malformed(what, 'a page token came back twice');
        seenPageTokens.add(page.nextPageToken);
        pageToken = page.nextPageToken;
        continue;
      }
      return { mode, nextSyncToken: page.nextSyncToken ?? null, friendTotal: null };
    }
  });
}

class ExpiredSyncToken extends Error {}

function toBatch(page: PeopleConnectionsPage, withTotal: boolean): FriendBatch {
  const upserts: ProviderPerson[] = [];
  const deletions: string[] = [];
  for (const person of page.connections ?? []) {
    if (!person.resourceName) continue;
    if (person.metadata?.deleted) deletions.push(person.resourceName);
    else upserts.push(toPerson(person.resourceName, person));
  }
  return { upserts, deletions, total: withTotal && typeof page.totalItems === 'number' ? page.totalItems : null };
}

/** The primary value of a People field list, else the first one. */
function primary<T extends { metadata?: { primary?: boolean | null } | null }>(items: T[] | null | undefined): T | undefined {
  if (!items) return undefined;
  for (const item of items) if (item.metadata?.primary) return item;
  return items[0];
}

const labelOf = (item: { type?: string | null; formattedType?: string | null }) => item.formattedType || item.type || null;

// One pass per field list, no intermediate arrays: a full sync calls this for every person of
// every page (measured: 6-8 us per person with map/filter/reduce chains and Date.parse twice per source).
export function toPerson(resourceName: string, person: PeoplePerson): ProviderPerson {
  const primaryEmail = primary(person.emailAddresses);
  const primaryPhone = primary(person.phoneNumbers);
  const primaryName = primary(person.names);
  const photo = primary(person.photos);
  const email = primaryEmail?.value ?? null;
  const phone = primaryPhone?.value ?? null;
  const name = primaryName?.displayName ?? email ?? phone ?? 'Unnamed contact';
  // A person merged from several sources changed when the latest of them did.
  let updatedAt: string | null = null;
  let latest = -Infinity;
  for (const source of person.metadata?.sources ?? []) {
    const at = source.updateTime ? Date.parse(source.updateTime) : NaN;
    if (Number.isFinite(at) && at > latest) {
      latest = at;
      updatedAt = source.updateTime!;
    }
  }
  return {
    personId: resourceName,
    name,
    email,
    phone,
    // `default` marks Google's generated placeholder; Kith draws its own.
    avatarUrl: photo && !photo.default ? (photo.url ?? null) : null,
    details: {
      givenName: primaryName?.givenName || null,
      familyName: primaryName?.familyName || null,
      emails: primaryFirst(person.emailAddresses, primaryEmail, (e) => (e.value ? { value: e.value, label: labelOf(e) } : null)),
      phones: primaryFirst(person.phoneNumbers, primaryPhone, (p) => (p.value ? { value: p.value, label: labelOf(p), canonical: p.canonicalForm || null } : null)),
      updatedAt,
    },
  };
}

/**
 * A People field list with its primary value first (the order of the rest kept), each item
 * turned into what Kith keeps (null: left out).
 */
function primaryFirst<T extends { metadata?: { primary?: boolean | null } | null }, R>(items: T[] | null | undefined, first: T | undefined, keep: (item: T) => R | null): R[] {
  const kept: R[] = [];
  if (!items) return kept;
  const lead = first?.metadata?.primary ? first : undefined;
  if (lead) {
    const value = keep(lead);
    if (value !== null) kept.push(value);
  }
  for (const item of items) {
    if (item === lead) continue;
    const value = keep(item);
    if (value !== null) kept.push(value);
  }
  return kept;
}
