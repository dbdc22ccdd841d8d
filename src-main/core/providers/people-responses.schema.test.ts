// Every People API answer the sandbox gives Kith, checked against strict
// schemas derived while the test runs from Google's own generated client
// (@googleapis/people's `people_v1.Schema$...` declarations, see
// googleapis-people-schema.ts). The sandbox is our reading of People's docs;
// this holds its JSON to Google's declared shapes, so a field it invents or
// misspells, or a wrong type, fails here rather than only in front of Google.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { runLogin } from '../login/login-flow';
import { peopleSchemas } from '../testing/googleapis-people-schema';
import { createRecordingFetch, type RecordedRequest } from '../testing/recording-fetch';
import { createGoogleProvider } from './google-provider';
import { drain } from '../testing/drain-listing';
import { startKithSandbox, type KithSandbox } from '../testing/kith-sandbox';
import { createSandboxBrowser } from '../testing/sandbox-browser';

const people = peopleSchemas();
const ListConnectionsResponse = people.schema('ListConnectionsResponse');
// Google's JSON error envelope ("Errors" design guide, cloud.google.com/apis/design/errors; AIP-193): the
// google.rpc.Status the client declares, plus `status`, the code's name, which the JSON mapping adds.
const PeopleError = z.strictObject({ error: people.schema('Status').extend({ status: z.string() }) });

type PeopleAnswer = { request: RecordedRequest; status: number; body: unknown };

let sandbox: KithSandbox;
let answers: PeopleAnswer[];

/** One of each answer Kith reads from People: full pages, incremental pages with deletions, an expired sync token, a revoked grant. */
async function collectPeopleAnswers(): Promise<PeopleAnswer[]> {
  const http = createRecordingFetch();
  const provider = createGoogleProvider(sandbox.config, http.fetch, { retry: { sleep: async () => {}, random: () => 0.5 } });
  const { tokens, identity } = await runLogin({ provider, browser: createSandboxBrowser(), timeoutMs: 20_000 });
  const full = await drain(provider.listFriends(tokens.accessToken, { syncToken: null }));
  await sandbox.admin.changeContacts({ person: identity.email ?? undefined, updated: 3, deleted: 2, added: 4 });
  const incremental = await drain(provider.listFriends(tokens.accessToken, { syncToken: full.outcome.nextSyncToken }));
  expect(incremental.deletions).toHaveLength(2);
  await sandbox.admin.expireSyncTokens();
  const restarted = await drain(provider.listFriends(tokens.accessToken, { syncToken: incremental.outcome.nextSyncToken }));
  expect(restarted.outcome.mode).toBe('full');
  await sandbox.admin.revokeGrant({ provider: 'google', person: identity.email ?? undefined });
  await expect(drain(provider.listFriends(tokens.accessToken, { syncToken: null }))).rejects.toMatchObject({ code: 'E_GRANT_REVOKED' });

  const peopleRequests = http.requests.filter((r) => r.url.startsWith(sandbox.config.google.peopleRootUrl));
  return Promise.all(peopleRequests.map(async (request) => ({ request, ...(await request.answer) })));
}

beforeAll(async () => {
  sandbox = await startKithSandbox({ autoConsent: true, contacts: 2_600 });
  answers = await collectPeopleAnswers();
});
afterAll(() => sandbox.close());

function issuesOf(schema: z.ZodType, value: unknown): string[] {
  const result = schema.safeParse(value);
  return result.success ? [] : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
}

describe(`People answers against @googleapis/people ${people.version}'s own declarations`, () => {
  it('finds Google’s declarations of the People resources', () => {
    expect(people.declarationFile).toMatch(/@googleapis[\\/]people[\\/]/);
    expect(people.names).toEqual(expect.arrayContaining(['Person', 'ListConnectionsResponse', 'Name', 'EmailAddress', 'PhoneNumber', 'Photo', 'PersonMetadata', 'FieldMetadata', 'Source', 'Status']));
  });

  it('every connections.list answer the sandbox gave Kith is a ListConnectionsResponse, every error a google.rpc.Status envelope', () => {
    // One line per kind of problem: the same wrong field on 2,600 contacts is one finding.
    const problems = new Set(
      answers.flatMap(({ request, status, body }) =>
        issuesOf(status === 200 ? ListConnectionsResponse : PeopleError, body).map((issue) => `${request.method} ${new URL(request.url).pathname} (${status}) ${issue.replace(/\.\d+(?=[.:])/g, '[]')}`),
      ),
    );
    expect([...problems]).toEqual([]);

    // The answers cover every shape Kith reads: later pages, the sync token, deletions, an expired sync token, a revoked grant.
    const pages = answers.filter((a) => a.status === 200).map((a) => a.body as { nextPageToken?: string; nextSyncToken?: string; connections?: Array<{ metadata?: { deleted?: boolean } }> });
    expect(pages.length).toBeGreaterThanOrEqual(6);
    expect(pages.some((p) => p.nextPageToken)).toBe(true);
    expect(pages.some((p) => p.nextSyncToken)).toBe(true);
    expect(pages.some((p) => p.connections?.some((c) => c.metadata?.deleted === true))).toBe(true);
    expect(answers.map((a) => a.status)).toEqual(expect.arrayContaining([400, 401]));
  });

  describe('a field the sandbox invented or misspelled fails', () => {
    const page = () => structuredClone(answers.find((a) => a.status === 200 && (a.body as { connections?: unknown[] }).connections?.length)!.body) as {
      connections: Array<Record<string, unknown> & { names: Array<Record<string, unknown>>; metadata?: Record<string, unknown> }>;
      [key: string]: unknown;
    };

    it('an untouched copy passes, so each failure below is down to its one change', () => {
      expect(issuesOf(ListConnectionsResponse, page())).toEqual([]);
    });

    it('a misspelled field (emailAdresses)', () => {
      const copy = page();
      copy.connections[0]!.emailAdresses = copy.connections[0]!.emailAddresses;
      delete copy.connections[0]!.emailAddresses;
      expect(issuesOf(ListConnectionsResponse, copy)).toEqual([expect.stringMatching(/^connections\.0: Unrecognized key: "emailAdresses"/)]);
    });

    it('an invented field (deleted on the person, where People has metadata.deleted)', () => {
      const copy = page();
      copy.connections[0]!.deleted = true;
      expect(issuesOf(ListConnectionsResponse, copy)).toEqual([expect.stringMatching(/^connections\.0: Unrecognized key: "deleted"/)]);
    });

    it('an invented field deep inside (names[].metadata.verifiedBy)', () => {
      const copy = page();
      (copy.connections[0]!.names[0]!.metadata as Record<string, unknown>).verifiedBy = 'sandbox';
      expect(issuesOf(ListConnectionsResponse, copy)).toEqual([expect.stringMatching(/^connections\.0\.names\.0\.metadata: Unrecognized key: "verifiedBy"/)]);
    });

    it('a declared field of the wrong type (totalItems as a string)', () => {
      const copy = page();
      copy.totalItems = '2600';
      expect(issuesOf(ListConnectionsResponse, copy)).toEqual([expect.stringMatching(/^totalItems: Invalid input/)]);
    });
  });
});
