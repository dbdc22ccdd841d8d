// The sandbox's facebook.com/device: the person enters (or confirms) the code
// their device shows, chooses who logs in, sees the permissions with the
// friends checkbox, and allows or denies. Facebook's SDKs open it as
// https://facebook.com/device?user_code=<code>&qr=1 (Android DeviceAuthDialog,
// iOS FBSDKDeviceUtilities), so a user_code in the query prefills the field.
import type { Context, Hono } from 'hono';
import type { SandboxContext } from '../context';
import { findPerson } from '../seed/people-lookup';
import { SANDBOX_CREDENTIALS, type SeededPerson } from '../seed/people';
import type { DeviceLogin } from '../state/device-logins';
import { PendingRequests } from '../state/pending';
import { autoConsentDeclines, autoConsentPerson } from '../util/auto-consent';
import { escapeHtml, page } from '../util/html';
import { applyFacebookConsent } from './consent';
import { facebookConsentPage, facebookMessagePage } from './consent-page';

export const FACEBOOK_DEVICE_PAGE_PATH = '/facebook/www/device';
export const FACEBOOK_DEVICE_CONSENT_PATH = '/facebook/www/device/consent';

export type DeviceDecision = { decision: 'allow'; person: SeededPerson; friendsGranted: boolean } | { decision: 'deny' };

/** Records the person's answer; login_status then returns the token, or 1349173. */
export function decideDeviceLogin(context: SandboxContext, login: DeviceLogin, answer: DeviceDecision): void {
  if (answer.decision === 'deny') {
    login.status = 'denied';
    return;
  }
  // The device page always shows the friends checkbox, so a declined user_friends is asked again.
  const grant = applyFacebookConsent(context, answer.person, login.permissions, { friendsGranted: answer.friendsGranted, rerequest: true });
  login.status = 'approved';
  login.grantId = grant.id;
  login.personKey = answer.person.key;
}

function entryPage(prefill: string, error: string | null): string {
  return page(
    'Connect a device - Facebook (sandbox)',
    `<h1>Connect a device</h1>
${error === null ? '' : `<p class="error" role="alert">${escapeHtml(error)}</p>`}
<form method="post" action="${FACEBOOK_DEVICE_PAGE_PATH}">
<label for="user_code">Enter the code shown on your device</label>
<input id="user_code" name="user_code" autocomplete="off" autocapitalize="characters" spellcheck="false" value="${escapeHtml(prefill)}">
<div class="actions">
<button type="submit" class="primary">Continue</button>
</div>
</form>`,
    '#1877f2',
  );
}

/** Why this code cannot be used now, in the words the person sees; null when it is waiting for them. */
function codeProblem(context: SandboxContext, login: DeviceLogin | null): string | null {
  if (!login) return "That code isn't right. Check the code on your device and try again.";
  if (context.deviceLogins.isExpired(login)) return 'The code you entered has expired. Please go back to your device for a new code and try again.';
  if (login.status !== 'pending') return 'This code has already been used. Please go back to your device for a new code.';
  return null;
}

const DONE = { title: 'Success!', detail: `You're now logged in to ${SANDBOX_CREDENTIALS.facebook.appName}. Return to your device to continue.` };
const DENIED = { title: 'Login cancelled', detail: `You didn't allow ${SANDBOX_CREDENTIALS.facebook.appName} to log in. You can close this page.` };

export function registerFacebookDevicePage(app: Hono, context: SandboxContext): void {
  // The consent form carries an opaque id, never the device's polling code.
  const pending = new PendingRequests<string>(context.clock);

  const consentFor = (c: Context, login: DeviceLogin) => {
    if (context.settings.autoConsent) {
      const person = autoConsentPerson(context, 'facebook', null);
      if (person) {
        decideDeviceLogin(context, login, { decision: 'allow', person, friendsGranted: !autoConsentDeclines(context, 'user_friends') });
        return c.html(facebookMessagePage(DONE.title, DONE.detail));
      }
    }
    const requestId = pending.add(login.code);
    c.header('Cache-Control', 'no-store');
    return c.html(facebookConsentPage({ requestId, permissions: login.permissions, loginHint: null, action: FACEBOOK_DEVICE_CONSENT_PATH }));
  };

  app.get(FACEBOOK_DEVICE_PAGE_PATH, (c) => {
    const typed = c.req.query('user_code') ?? '';
    // With auto-consent a prefilled code is confirmed at once, as a person clicking Continue would.
    if (context.settings.autoConsent && typed !== '') {
      const login = context.deviceLogins.byUserCode(typed);
      const problem = codeProblem(context, login);
      if (problem !== null || !login) return c.html(entryPage(typed, problem), 400);
      return consentFor(c, login);
    }
    c.header('Cache-Control', 'no-store');
    return c.html(entryPage(typed, null));
  });

  app.post(FACEBOOK_DEVICE_PAGE_PATH, async (c) => {
    const form = await c.req.parseBody();
    const typed = typeof form.user_code === 'string' ? form.user_code : '';
    const login = context.deviceLogins.byUserCode(typed);
    const problem = codeProblem(context, login);
    if (problem !== null || !login) return c.html(entryPage(typed, problem), 400);
    return consentFor(c, login);
  });

  app.post(FACEBOOK_DEVICE_CONSENT_PATH, async (c) => {
    const form = await c.req.parseBody();
    const code = typeof form.request_id === 'string' ? pending.take(form.request_id) : null;
    const login = code === null ? null : context.deviceLogins.get(code);
    const problem = codeProblem(context, login);
    if (problem !== null || !login) return c.html(entryPage('', problem ?? 'This login request has expired. Start again from your device.'), 400);
    if (form.decision !== 'allow') {
      decideDeviceLogin(context, login, { decision: 'deny' });
      return c.html(facebookMessagePage(DENIED.title, DENIED.detail));
    }
    const person = typeof form.person === 'string' ? findPerson('facebook', form.person) : null;
    if (!person) return c.html(entryPage('', 'Choose who is logging in.'), 400);
    decideDeviceLogin(context, login, { decision: 'allow', person, friendsGranted: form.user_friends === 'granted' });
    return c.html(facebookMessagePage(DONE.title, DONE.detail));
  });
}
