// Drives the sandbox's consent pages over plain HTTP (no browser), the way a
// person would: load the page, pick a person, press Allow or Deny, and follow
// the redirect to the client's redirect_uri (returned, not fetched). Shared by
// the sandbox's own tests and usable by other integration tests.
import { createHash, randomBytes } from 'node:crypto';
import { SANDBOX_CREDENTIALS } from '../seed/people';
import { withQuery } from '../util/redirect-uri';

export function pkcePair(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

export interface ConsentChoice {
  /** Seeded person's key ("ada", "kofi", ...). Default: the preselected one. */
  person?: string;
  decision?: 'allow' | 'deny';
  /** Facebook: keep user_friends ticked (default true). */
  friends?: boolean;
  /** Google: scopes to untick on the granular consent screen (full URL or its last segment, e.g. "contacts.readonly"). */
  decline?: string[];
  /** Google: time-based access chosen on the consent screen, in seconds (default: until removed). */
  accessSeconds?: 3600 | 86400 | 604800;
}

export interface ConsentResult {
  /** Where the provider redirected: the client's redirect_uri with code/state or error. */
  redirect: URL;
}

function hidden(html: string, name: string): string {
  const match = new RegExp(`name="${name}" value="([^"]+)"`).exec(html);
  if (!match?.[1]) throw new Error(`consent page has no ${name}`);
  return match[1];
}

function checkedPerson(html: string): string {
  const match = /name="person" value="([^"]+)" checked/.exec(html);
  if (!match?.[1]) throw new Error('consent page has no preselected person');
  return match[1];
}

/** Loads an authorization URL without following a redirect: the page, or where it redirects. */
export async function getPage(url: string): Promise<{ status: number; location: string | null; html: string }> {
  const response = await fetch(url, { redirect: 'manual' });
  return { status: response.status, location: response.headers.get('Location'), html: await response.text() };
}

/** Loads an authorization URL; when the sandbox answers with a page, submits the consent form. */
export async function consent(authorizationUrl: string, choice: ConsentChoice = {}): Promise<ConsentResult> {
  const first = await getPage(authorizationUrl);
  if (first.status === 302) return { redirect: new URL(first.location ?? '') };
  const { html } = first;
  if (first.status !== 200) throw new Error(`authorization page answered ${first.status}: ${html.slice(0, 200)}`);
  const action = /<form method="post" action="([^"]+)"/.exec(html)?.[1];
  if (!action) throw new Error('no consent form');
  const form = new URLSearchParams({
    request_id: hidden(html, 'request_id'),
    person: choice.person ?? checkedPerson(html),
    decision: choice.decision ?? 'allow',
  });
  if (html.includes('name="user_friends"') && choice.friends !== false) form.set('user_friends', 'granted');
  if (html.includes('name="granular" value="shown"')) {
    form.set('granular', 'shown');
    const declined = (scope: string) => (choice.decline ?? []).some((d) => d === scope || scope.endsWith(`/${d}`));
    for (const [, scope] of html.matchAll(/name="scope" value="([^"]+)"/g)) if (scope && !declined(scope)) form.append('scope', scope);
  }
  if (choice.accessSeconds !== undefined) form.set('access_duration', String(choice.accessSeconds));
  const second = await fetch(new URL(action, authorizationUrl), { method: 'POST', body: form, redirect: 'manual' });
  if (second.status !== 302) throw new Error(`consent answered ${second.status}: ${(await second.text()).slice(0, 200)}`);
  return { redirect: new URL(second.headers.get('Location') ?? '') };
}

export interface GoogleAuthInput {
  redirectUri?: string;
  scope?: string;
  state?: string;
  nonce?: string;
  challenge: string;
  accessType?: 'online' | 'offline';
  prompt?: string;
  loginHint?: string;
  extra?: Record<string, string>;
}

export function googleAuthUrl(base: string, input: GoogleAuthInput): string {
  return withQuery(`${base}/google/o/oauth2/v2/auth`, {
    client_id: SANDBOX_CREDENTIALS.google.clientId,
    redirect_uri: input.redirectUri ?? 'http://127.0.0.1:53682/callback',
    response_type: 'code',
    scope: input.scope ?? 'openid email profile https://www.googleapis.com/auth/contacts.readonly',
    state: input.state ?? 'state-123',
    nonce: input.nonce ?? 'nonce-123',
    code_challenge: input.challenge,
    code_challenge_method: 'S256',
    access_type: input.accessType ?? 'offline',
    prompt: input.prompt,
    login_hint: input.loginHint,
    ...input.extra,
  });
}

export interface FacebookAuthInput {
  redirectUri?: string;
  scope?: string;
  state?: string;
  nonce?: string;
  challenge?: string;
  loginHint?: string;
  extra?: Record<string, string>;
}

export function facebookAuthUrl(base: string, input: FacebookAuthInput): string {
  return withQuery(`${base}/facebook/www/v23.0/dialog/oauth`, {
    client_id: SANDBOX_CREDENTIALS.facebook.appId,
    redirect_uri: input.redirectUri ?? SANDBOX_CREDENTIALS.facebook.defaultRedirectUris[0],
    response_type: 'code',
    scope: input.scope ?? 'openid,public_profile,email,user_friends',
    state: input.state ?? 'state-fb',
    nonce: input.nonce ?? 'nonce-fb',
    code_challenge: input.challenge,
    code_challenge_method: input.challenge === undefined ? undefined : 'S256',
    login_hint: input.loginHint,
    ...input.extra,
  });
}

export async function postForm(url: string, params: Record<string, string>): Promise<{ status: number; body: Record<string, unknown>; headers: Headers }> {
  const response = await fetch(url, { method: 'POST', body: new URLSearchParams(params) });
  const text = await response.text();
  return { status: response.status, body: text === '' ? {} : (JSON.parse(text) as Record<string, unknown>), headers: response.headers };
}

export async function getJson(url: string, headers: Record<string, string> = {}): Promise<{ status: number; body: Record<string, unknown>; headers: Headers }> {
  const response = await fetch(url, { headers });
  const text = await response.text();
  return { status: response.status, body: JSON.parse(text) as Record<string, unknown>, headers: response.headers };
}

/** Runs Google's flow to the token response with the sandbox's seeded client. */
export async function googleTokens(base: string, options: { person?: string; accessType?: 'online' | 'offline'; prompt?: string; scope?: string } = {}) {
  const { verifier, challenge } = pkcePair();
  const redirectUri = 'http://127.0.0.1:53682/callback';
  const { redirect } = await consent(googleAuthUrl(base, { challenge, redirectUri, ...options }), options.person === undefined ? {} : { person: options.person });
  const code = redirect.searchParams.get('code');
  if (!code) throw new Error(`no code in ${redirect.search}`);
  const token = await postForm(`${base}/google/token`, {
    grant_type: 'authorization_code',
    code,
    code_verifier: verifier,
    redirect_uri: redirectUri,
    client_id: SANDBOX_CREDENTIALS.google.clientId,
    client_secret: SANDBOX_CREDENTIALS.google.clientSecret,
  });
  if (token.status !== 200) throw new Error(`token endpoint answered ${token.status}: ${JSON.stringify(token.body)}`);
  return token.body as { access_token: string; refresh_token?: string; id_token?: string; expires_in: number; scope: string; token_type: string };
}

/** Runs Facebook's OIDC code + PKCE flow to the token response. */
export async function facebookTokens(base: string, options: { person?: string; friends?: boolean; scope?: string } = {}) {
  const { verifier, challenge } = pkcePair();
  const redirectUri = SANDBOX_CREDENTIALS.facebook.defaultRedirectUris[0];
  const { redirect } = await consent(facebookAuthUrl(base, { challenge, ...(options.scope ? { scope: options.scope } : {}) }), {
    ...(options.person === undefined ? {} : { person: options.person }),
    ...(options.friends === undefined ? {} : { friends: options.friends }),
  });
  const code = redirect.searchParams.get('code');
  if (!code) throw new Error(`no code in ${redirect.search}`);
  const url = new URL(`${base}/facebook/graph/v23.0/oauth/access_token`);
  url.search = new URLSearchParams({ client_id: SANDBOX_CREDENTIALS.facebook.appId, redirect_uri: redirectUri, code_verifier: verifier, code }).toString();
  const token = await getJson(url.toString());
  if (token.status !== 200) throw new Error(`token endpoint answered ${token.status}: ${JSON.stringify(token.body)}`);
  return token.body as { access_token: string; id_token?: string; expires_in: number; token_type: string };
}

const FACEBOOK_CLIENT_TOKEN = `${SANDBOX_CREDENTIALS.facebook.appId}|${SANDBOX_CREDENTIALS.facebook.clientToken}`;

/** Starts Facebook Login for Devices: POST /device/login with APP_ID|CLIENT_TOKEN. */
export async function facebookDeviceStart(base: string, scope = 'public_profile,email,user_friends') {
  const res = await postForm(`${base}/facebook/graph/v23.0/device/login`, { access_token: FACEBOOK_CLIENT_TOKEN, scope });
  if (res.status !== 200) throw new Error(`device/login answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body as { code: string; user_code: string; verification_uri: string; expires_in: number; interval: number };
}

/** One poll of /device/login_status. */
export function facebookDevicePoll(base: string, code: string) {
  return postForm(`${base}/facebook/graph/v23.0/device/login_status`, { access_token: FACEBOOK_CLIENT_TOKEN, code });
}

/**
 * Plays the person at the device page over plain HTTP: opens `verification_uri?user_code=`, presses
 * Continue, then answers the consent form. Returns the final page.
 */
export async function deviceConsent(verificationUri: string, userCode: string, choice: ConsentChoice = {}): Promise<{ status: number; html: string }> {
  const entry = await fetch(new URL(verificationUri), { method: 'POST', body: new URLSearchParams({ user_code: userCode }) });
  const html = await entry.text();
  if (entry.status !== 200 || !html.includes('name="request_id"')) return { status: entry.status, html };
  const action = /<form method="post" action="([^"]+)"/.exec(html)?.[1] ?? '';
  const form = new URLSearchParams({ request_id: hidden(html, 'request_id'), person: choice.person ?? checkedPerson(html), decision: choice.decision ?? 'allow' });
  if (choice.friends !== false) form.set('user_friends', 'granted');
  const answer = await fetch(new URL(action, verificationUri), { method: 'POST', body: form });
  return { status: answer.status, html: await answer.text() };
}

/** Runs Login for Devices to the token: start, consent at the device page, poll once. */
export async function facebookDeviceTokens(base: string, choice: ConsentChoice = {}, scope?: string) {
  const start = await facebookDeviceStart(base, scope);
  await deviceConsent(start.verification_uri, start.user_code, choice);
  const res = await facebookDevicePoll(base, start.code);
  if (res.status !== 200) throw new Error(`login_status answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body as { access_token: string; expires_in: number; data_access_expiration_time: number };
}
