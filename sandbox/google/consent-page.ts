// Google's account chooser + consent screen and its error page, reduced to
// what a person (or Playwright, by role and name) needs.
import { escapeHtml, page } from '../util/html';
import { GOOGLE_PEOPLE, SANDBOX_CREDENTIALS } from '../seed/people';
import { personRadios } from '../util/person-radios';
import { scopeWords } from './scopes';

export const GOOGLE_CONSENT_PATH = '/google/o/oauth2/v2/consent';

export function googleConsentPage(input: { requestId: string; scopes: string[]; loginHint: string | null; offline: boolean }): string {
  const hinted = GOOGLE_PEOPLE.find((p) => p.email === input.loginHint?.toLowerCase()) ?? GOOGLE_PEOPLE[0];
  const people = personRadios('google', GOOGLE_PEOPLE, hinted);
  const scopes = input.scopes.map((scope) => `<li>${escapeHtml(scopeWords(scope))}</li>`).join('\n');
  const app = escapeHtml(SANDBOX_CREDENTIALS.google.clientName);
  return page(
    'Sign in - Google Accounts (sandbox)',
    `<h1>Sign in with Google</h1>
<p>to continue to <strong>${app}</strong></p>
<form method="post" action="${GOOGLE_CONSENT_PATH}">
<input type="hidden" name="request_id" value="${escapeHtml(input.requestId)}">
<fieldset><legend>Choose an account</legend>
${people}
</fieldset>
<h2>${app} wants to access your Google Account</h2>
<ul>
${scopes}
</ul>
${input.offline ? `<p>${app} will be able to do this when you are not using it.</p>` : ''}
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
