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
  return items?.find((item) => item.metadata?.primary) ?? items?.[0];
}

export function toPerson(resourceName: string, person: PeoplePerson): ProviderPerson {
  const email = primary(person.emailAddresses)?.value ?? null;
  const phone = primary(person.phoneNumbers)?.value ?? null;
  const photo = primary(person.photos);
  const name = primary(person.names)?.displayName ?? email ?? phone ?? 'Unnamed contact';
  const primaryName = primary(person.names);
  const label = (item: { type?: string | null; formattedType?: string | null }) => item.formattedType || item.type || null;
  const updates = (person.metadata?.sources ?? []).map((s) => s.updateTime).filter((t): t is string => !!t && Number.isFinite(Date.parse(t)));
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
      emails: primaryFirst(person.emailAddresses).flatMap((e) => (e.value ? [{ value: e.value, label: label(e) }] : [])),
      phones: primaryFirst(person.phoneNumbers).flatMap((p) => (p.value ? [{ value: p.value, label: label(p), canonical: p.canonicalForm || null }] : [])),
      // A person merged from several sources changed when the latest of them did.
      updatedAt: updates.length > 0 ? updates.reduce((a, b) => (Date.parse(a) >= Date.parse(b) ? a : b)) : null,
    },
  };
}

/** A People field list with its primary value first (the order of the rest kept). */
function primaryFirst<T extends { metadata?: { primary?: boolean | null } | null }>(items: T[] | null | undefined): T[] {
  const list = items ?? [];
  const first = list.findIndex((item) => item.metadata?.primary);
  return first <= 0 ? list : [list[first]!, ...list.slice(0, first), ...list.slice(first + 1)];
}
