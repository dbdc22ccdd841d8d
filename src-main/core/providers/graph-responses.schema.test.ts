// Every Graph API answer the sandbox gives Kith, checked against strict
// schemas written from Facebook's Graph API reference, one page per shape
// (named beside each schema). The sandbox is our reading of those pages; a
// field it invents or misspells, or a wrong type, fails here. Kith's own
// parsers are lenient on purpose (unknown fields pass), so they cannot catch
// this.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { runDeviceLogin } from '../login/device-login';
import { createRecordingFetch, type RecordedRequest } from '../testing/recording-fetch';
import { createFacebookProvider } from './facebook-provider';
import { drain } from '../testing/drain-listing';
import { startKithSandbox, type KithSandbox } from '../testing/kith-sandbox';
import { createSandboxBrowser } from '../testing/sandbox-browser';

// "Profile Picture Source" (developers.facebook.com/docs/graph-api/reference/profile-picture-source/):
// what User.picture holds, under `data`.
const ProfilePictureSource = z.strictObject({
  cache_key: z.string().optional(),
  height: z.number().int().optional(),
  is_silhouette: z.boolean().optional(),
  url: z.string().optional(),
  width: z.number().int().optional(),
});

// "User" (developers.facebook.com/docs/graph-api/reference/user/): the fields Kith asks for
// (id, name, email, picture) and the name parts; `id` is a numeric string. Graph returns only the
// fields requested, always with the id.
const User = z.strictObject({
  id: z.string().regex(/^\d+$/),
  name: z.string().optional(),
  email: z.string().optional(),
  first_name: z.string().optional(),
  last_name: z.string().optional(),
  short_name: z.string().optional(),
  picture: z.strictObject({ data: ProfilePictureSource }).optional(),
});

// "Paginated Results", cursor-based pagination (developers.facebook.com/docs/graph-api/results).
const CursorPaging = z.strictObject({
  cursors: z.strictObject({ before: z.string(), after: z.string() }),
  previous: z.string().optional(),
  next: z.string().optional(),
});

// "User Friends" (developers.facebook.com/docs/graph-api/reference/user/friends/):
// { data: [User], paging, summary: { total_count } }; total_count counts every friend.
const UserFriends = z.strictObject({
  data: z.array(User),
  paging: CursorPaging.optional(),
  summary: z.strictObject({ total_count: z.number().int().nonnegative() }).optional(),
});

// "User Permissions" (developers.facebook.com/docs/graph-api/reference/user/permissions/):
// reading gives { permission, status: granted | declined | expired } per permission.
const UserPermissions = z.strictObject({
  data: z.array(z.strictObject({ permission: z.string().min(1), status: z.enum(['granted', 'declined', 'expired']) })),
  paging: CursorPaging.optional(),
});

// The same page, "Deleting": a successful DELETE answers true, which Graph's JSON carries as { success: true }.
const PermissionsDeleted = z.strictObject({ success: z.boolean() });

// "Handling Errors" (developers.facebook.com/docs/graph-api/guides/error-handling): message, type, code,
// error_subcode, error_user_title, error_user_msg, fbtrace_id. `is_transient` is in the same envelope on the
// Instagram Graph API's "Error Codes" page (developers.facebook.com/docs/instagram-api/reference/error-codes).
const GraphError = z.strictObject({
  error: z.strictObject({
    message: z.string(),
    type: z.string(),
    code: z.number().int(),
    error_subcode: z.number().int().optional(),
    error_user_title: z.string().optional(),
    error_user_msg: z.string().optional(),
    is_transient: z.boolean().optional(),
    fbtrace_id: z.string(),
  }),
});

// "Facebook Login for Devices" (developers.facebook.com/docs/facebook-login/for-devices): device/login answers
// the codes; device/login_status, once the person approved, the user token (Facebook's Android SDK
// DeviceAuthDialog reads the same fields; expires_in 0 means no expiry). Pending, slow-down, expired and
// declined answers are Graph errors with their subcodes.
const DeviceLoginCodes = z.strictObject({
  code: z.string().min(1),
  user_code: z.string().min(1),
  verification_uri: z.url(),
  expires_in: z.number().int().positive(),
  interval: z.number().int().positive(),
});
const DeviceLoginToken = z.strictObject({
  access_token: z.string().min(1),
  data_access_expiration_time: z.number().int().positive().optional(),
  expires_in: z.number().int().nonnegative(),
});

/** Which reference shape an answer must have; throws for a Graph call this test has no schema for. */
function schemaFor(graphUrl: string, request: RecordedRequest, status: number): z.ZodType | null {
  if (status !== 200) return GraphError;
  const path = new URL(request.url).pathname.slice(new URL(graphUrl).pathname.length);
  // The code exchange is OAuth, not a Graph node or edge ("Manually Build a Login Flow"); facebook-provider tests cover it.
  if (path === '/oauth/access_token') return null;
  if (path === '/device/login' && request.method === 'POST') return DeviceLoginCodes;
  if (path === '/device/login_status' && request.method === 'POST') return DeviceLoginToken;
  if (/^\/(me|\d+)$/.test(path) && request.method === 'GET') return User;
  if (/^\/(me|\d+)\/friends$/.test(path) && request.method === 'GET') return UserFriends;
  if (/^\/(me|\d+)\/permissions$/.test(path)) return request.method === 'DELETE' ? PermissionsDeleted : UserPermissions;
  throw new Error(`Kith read ${request.method} ${path} from Graph and this test has no reference schema for it`);
}

let sandbox: KithSandbox;
let answers: Array<{ request: RecordedRequest; status: number; body: unknown }>;

beforeAll(async () => {
  sandbox = await startKithSandbox({ autoConsent: true, friends: 1_234 });
  const http = createRecordingFetch();
  const provider = createFacebookProvider(sandbox.config, http.fetch, { retry: { sleep: async () => {}, random: () => 0.5 } });
  // Login for Devices, as Kith signs people in to Facebook: the codes, the token, then /me and /me/permissions.
  const { tokens } = await runDeviceLogin({ provider, device: provider.deviceLogin!, browser: createSandboxBrowser(), allowedOrigins: sandbox.config.allowedBrowserOrigins, timeoutMs: 20_000 });
  // Several pages of friends, with one throttled and one failing answer on the way (Kith retries both).
  await sandbox.admin.setFaults('facebook', { throttleCode: 17 });
  await sandbox.admin.failNext('facebook', 'rate-limit', 1);
  await sandbox.admin.failNext('facebook', 'server-error', 1);
  const friends = await drain(provider.listFriends(tokens.accessToken, { syncToken: null }));
  expect(friends.batches.length).toBeGreaterThan(1);
  await provider.revoke(tokens);
  // The revoked token's answer: Graph's 190 envelope.
  await expect(drain(provider.listFriends(tokens.accessToken, { syncToken: null }))).rejects.toMatchObject({ code: 'E_GRANT_REVOKED' });
  const graph = http.requests.filter((r) => r.url.startsWith(sandbox.config.facebook.graphUrl));
  answers = await Promise.all(graph.map(async (request) => ({ request, ...(await request.answer) })));
});
afterAll(() => sandbox.close());

function issuesOf(schema: z.ZodType, value: unknown): string[] {
  const result = schema.safeParse(value);
  return result.success ? [] : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
}

describe("Graph answers against Facebook's Graph API reference", () => {
  it('every answer the sandbox gave Kith has the shape its reference page gives', () => {
    const checked = new Set<z.ZodType>();
    const problems = new Set<string>();
    for (const { request, status, body } of answers) {
      const schema = schemaFor(sandbox.config.facebook.graphUrl, request, status);
      if (!schema) continue;
      checked.add(schema);
      for (const issue of issuesOf(schema, body)) problems.add(`${request.method} ${new URL(request.url).pathname} (${status}) ${issue.replace(/\.\d+(?=[.:])/g, '[]')}`);
    }
    expect([...problems]).toEqual([]);
    // Each shape was seen at least once: the device login's two, the profile, friends pages, permissions read and deleted, errors.
    expect(checked).toEqual(new Set([DeviceLoginCodes, DeviceLoginToken, User, UserFriends, UserPermissions, PermissionsDeleted, GraphError]));
    const friendsPages = answers.filter((a) => a.status === 200 && /\/friends$/.test(new URL(a.request.url).pathname));
    expect(friendsPages.some((a) => (a.body as { paging?: { next?: string } }).paging?.next)).toBe(true);
    expect(friendsPages.every((a) => typeof (a.body as { summary?: { total_count?: number } }).summary?.total_count === 'number')).toBe(true);
    expect(answers.map((a) => (a.body as { error?: { code?: number } }).error?.code).filter(Boolean)).toEqual(expect.arrayContaining([17, 2, 190]));
  });

  describe('a field the sandbox invented or misspelled fails', () => {
    const friendsPage = () =>
      structuredClone(answers.find((a) => a.status === 200 && /\/friends$/.test(new URL(a.request.url).pathname))!.body) as {
        data: Array<Record<string, unknown> & { picture: { data: Record<string, unknown> } }>;
        summary: Record<string, unknown>;
        [key: string]: unknown;
      };
    const errorAnswer = () => structuredClone(answers.find((a) => a.status !== 200)!.body) as { error: Record<string, unknown> };

    it('untouched copies pass, so each failure below is down to its one change', () => {
      expect(issuesOf(UserFriends, friendsPage())).toEqual([]);
      expect(issuesOf(GraphError, errorAnswer())).toEqual([]);
    });

    it('a misspelled summary field (totalCount)', () => {
      const copy = friendsPage();
      copy.summary = { totalCount: copy.summary.total_count };
      expect(issuesOf(UserFriends, copy)).toEqual([expect.stringMatching(/^summary\.total_count: Invalid input/), expect.stringMatching(/^summary: Unrecognized key: "totalCount"/)]);
    });

    it('an invented field on a friend (username, gone from Graph since v2.0)', () => {
      const copy = friendsPage();
      copy.data[0]!.username = 'ada.l';
      expect(issuesOf(UserFriends, copy)).toEqual([expect.stringMatching(/^data\.0: Unrecognized key: "username"/)]);
    });

    it('a misspelled picture field (is_silhuette)', () => {
      const copy = friendsPage();
      copy.data[0]!.picture.data.is_silhuette = false;
      expect(issuesOf(UserFriends, copy)).toEqual([expect.stringMatching(/^data\.0\.picture\.data: Unrecognized key: "is_silhuette"/)]);
    });

    it("a device login answer with RFC 8628's name for a field (device_code, verification_url) or a string expires_in", () => {
      const codes = () => structuredClone(answers.find((a) => new URL(a.request.url).pathname.endsWith('/device/login'))!.body) as Record<string, unknown>;
      expect(issuesOf(DeviceLoginCodes, codes())).toEqual([]);
      const renamed = codes();
      renamed.device_code = renamed.code;
      delete renamed.code;
      expect(issuesOf(DeviceLoginCodes, renamed)).toEqual([expect.stringMatching(/^code: Invalid input/), expect.stringMatching(/^: Unrecognized key: "device_code"/)]);
      const token = structuredClone(answers.find((a) => new URL(a.request.url).pathname.endsWith('/device/login_status') && a.status === 200)!.body) as Record<string, unknown>;
      expect(issuesOf(DeviceLoginToken, token)).toEqual([]);
      token.expires_in = String(token.expires_in);
      expect(issuesOf(DeviceLoginToken, token)).toEqual([expect.stringMatching(/^expires_in: Invalid input/)]);
    });

    it('an error with a misspelled subcode (error_sub_code) or a string code', () => {
      const misspelled = errorAnswer();
      misspelled.error.error_sub_code = 458;
      expect(issuesOf(GraphError, misspelled)).toEqual([expect.stringMatching(/^error: Unrecognized key: "error_sub_code"/)]);
      const stringly = errorAnswer();
      stringly.error.code = String(stringly.error.code);
      expect(issuesOf(GraphError, stringly)).toEqual([expect.stringMatching(/^error\.code: Invalid input/)]);
    });
  });
});
