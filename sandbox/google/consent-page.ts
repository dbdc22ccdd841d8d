// Google's account chooser + consent screen and its error page, reduced to
// what a person (or Playwright, by role and name) needs. The Sign-In scopes are
// granted as a whole; every other scope has its own checkbox, as on Google's
// granular consent screen ("How to handle granular permissions",
// developers.google.com/identity/protocols/oauth2/resources/granular-permissions).
import { escapeHtml, page } from '../util/html';
import { GOOGLE_PEOPLE, SANDBOX_CREDENTIALS } from '../seed/people';
import { personRadios } from '../util/person-radios';
import { isSignInScope, scopeWords } from './scopes';

export const GOOGLE_CONSENT_PATH = '/google/o/oauth2/v2/consent';

/**
 * Marks a form that showed the scope checkboxes, so an absent `scope` means "unticked". A client that
 * posts only request_id, person and decision (no checkboxes) grants everything it asked for.
 */
export const GRANULAR_FIELD = 'granular';

/** The time-based access choices of the consent screen (seconds; "" = until the person removes access). */
export const ACCESS_DURATIONS: readonly { seconds: number | null; words: string }[] = [
  { seconds: null, words: 'Until you remove access' },
  { seconds: 3600, words: 'For 1 hour' },
  { seconds: 24 * 3600, words: 'For 1 day' },
  { seconds: 7 * 24 * 3600, words: 'For 7 days' },
];

export function googleConsentPage(input: { requestId: string; scopes: string[]; loginHint: string | null; offline: boolean }): string {
  const hint = input.loginHint?.toLowerCase();
  const hinted = GOOGLE_PEOPLE.find((p) => p.email === hint || p.subject === input.loginHint) ?? GOOGLE_PEOPLE[0];
  const people = personRadios('google', GOOGLE_PEOPLE, hinted);
  const signIn = input.scopes.filter(isSignInScope).map((scope) => `<li>${escapeHtml(scopeWords(scope))}</li>`).join('\n');
  const granular = input.scopes
    .filter((scope) => !isSignInScope(scope))
    .map((scope) => `<label><input type="checkbox" name="scope" value="${escapeHtml(scope)}" checked> ${escapeHtml(scopeWords(scope))}</label>`)
    .join('\n');
  const durations = ACCESS_DURATIONS.map(
    (d, i) => `<label><input type="radio" name="access_duration" value="${d.seconds ?? ''}"${i === 0 ? ' checked' : ''}> ${escapeHtml(d.words)}</label>`,
  ).join('\n');
  const app = escapeHtml(SANDBOX_CREDENTIALS.google.clientName);
  return page(
    'Sign in - Google Accounts (sandbox)',
    `<h1>Sign in with Google</h1>
<p>to continue to <strong>${app}</strong></p>
<form method="post" action="${GOOGLE_CONSENT_PATH}">
<input type="hidden" name="request_id" value="${escapeHtml(input.requestId)}">
<input type="hidden" name="${GRANULAR_FIELD}" value="shown">
<fieldset><legend>Choose an account</legend>
${people}
</fieldset>
<h2>${app} wants to access your Google Account</h2>
<ul>
${signIn}
</ul>
${granular === '' ? '' : `<fieldset><legend>Select what ${app} can access</legend>\n${granular}\n</fieldset>`}
${input.offline ? `<p>${app} will be able to do this when you are not using it.</p>\n<fieldset><legend>Allow access</legend>\n${durations}\n</fieldset>` : ''}
<div class="actions">
<button type="submit" name="decision" value="deny">Deny</button>
<button type="submit" class="primary" name="decision" value="allow">Allow</button>
</div>
</form>`,
  );
}

/** The page Google shows instead of redirecting when the request itself is unusable. */
export function googleErrorPage(status: 400 | 401, error: string, detail: string): string {
  return page(
    'Error - Google Accounts (sandbox)',
    `<h1>Access blocked: Authorization Error</h1>
<p>${escapeHtml(detail)}</p>
<p class="error">Error ${status}: ${escapeHtml(error)}</p>
<p>Request details: <code>flowName=GeneralOAuthFlow</code></p>`,
    '#b3261e',
  );
}
