// Facebook's login dialog, reduced: choose a person, untick user_friends if
// you like, Allow or Deny. Controls are labelled for Playwright.
import { escapeHtml, page } from '../util/html';
import { FACEBOOK_PEOPLE, SANDBOX_CREDENTIALS } from '../seed/people';
import { personRadios } from '../util/person-radios';
import { FACEBOOK_PERMISSIONS } from './scopes';

export const FACEBOOK_CONSENT_PATH = '/facebook/www/dialog/oauth/consent';

export function facebookConsentPage(input: { requestId: string; permissions: string[]; loginHint: string | null; action?: string }): string {
  const hinted = FACEBOOK_PEOPLE.find((p) => p.email === input.loginHint?.toLowerCase() || p.key === input.loginHint) ?? FACEBOOK_PEOPLE[0];
  const people = personRadios('facebook', FACEBOOK_PEOPLE, hinted);
  const permissions = input.permissions
    .map((permission) =>
      permission === 'user_friends'
        ? `<label><input type="checkbox" name="user_friends" value="granted" checked> ${escapeHtml(FACEBOOK_PERMISSIONS.user_friends ?? permission)}</label>`
        : `<p>${escapeHtml(FACEBOOK_PERMISSIONS[permission] ?? permission)}</p>`,
    )
    .join('\n');
  const app = escapeHtml(SANDBOX_CREDENTIALS.facebook.appName);
  return page(
    'Log in with Facebook (sandbox)',
    `<h1>Log in with Facebook</h1>
<form method="post" action="${escapeHtml(input.action ?? FACEBOOK_CONSENT_PATH)}">
<input type="hidden" name="request_id" value="${escapeHtml(input.requestId)}">
<fieldset><legend>Continue as</legend>
${people}
</fieldset>
<fieldset><legend>${app} is requesting access to</legend>
${permissions}
</fieldset>
<div class="actions">
<button type="submit" name="decision" value="deny">Deny</button>
<button type="submit" class="primary" name="decision" value="allow">Allow</button>
</div>
</form>`,
    '#1877f2',
  );
}

/** A page with a heading and one paragraph, for the device page's outcomes. */
export function facebookMessagePage(title: string, detail: string): string {
  return page(`${title} (sandbox Facebook)`, `<h1>${escapeHtml(title)}</h1>\n<p>${escapeHtml(detail)}</p>`, '#1877f2');
}

export function facebookErrorPage(title: string, detail: string): string {
  return page('Error (sandbox Facebook)', `<h1>${escapeHtml(title)}</h1>\n<p class="error">${escapeHtml(detail)}</p>`, '#1877f2');
}
