// The small pages the browser tab shows after the provider redirects to Kith's
// loopback server. They never include the request URL or any of its
// parameters (the code must not be echoed), and load nothing: no script,
// no image, no remote style (see the CSP the server sends).
import type { KithError } from '../../../src-contract/kith-api';
import { renderSmallPage } from '../pages/small-page';

export type CallbackPageKind =
  | 'success'
  | 'received'
  | 'denied'
  | 'state-mismatch'
  | 'expired'
  | 'ended-cancelled'
  | 'ended-finished'
  | 'ended-timeout'
  | 'cancelled'
  | 'provider-error'
  | 'failed'
  | 'not-found'
  | 'method-not-allowed';

export interface CallbackPage {
  status: number;
  title: string;
  body: string;
}

export function callbackPage(kind: CallbackPageKind, providerName: string, detail?: string): CallbackPage {
  switch (kind) {
    case 'success':
      return { status: 200, title: `${providerName} is connected`, body: 'Kith is connected. You can close this tab and return to Kith.' };
    case 'received':
      return { status: 200, title: 'Sign-in received', body: `Kith received ${providerName}'s answer. You can close this tab; Kith shows how it went.` };
    case 'denied':
      return { status: 200, title: 'Sign-in declined', body: `You declined to let Kith use your ${providerName} account, so nothing was connected. You can close this tab.` };
    case 'state-mismatch':
      return {
        status: 400,
        title: 'This sign-in link is not the current one',
        body: 'This answer does not belong to the sign-in Kith is waiting for (it may come from an older tab), so Kith ignored it. Use the newest sign-in tab, or start again from Kith.',
      };
    case 'expired':
      return { status: 410, title: 'This sign-in has ended', body: 'Kith is no longer waiting for this sign-in (it finished, expired or was cancelled). Start again from Kith if you still want to connect.' };
    case 'ended-cancelled':
      return {
        status: 410,
        title: 'This sign-in was cancelled',
        body: `It was cancelled in Kith before ${providerName}'s answer arrived, so Kith did not use this answer and nothing was connected. Return to Kith and connect again if you want to.`,
      };
    case 'ended-finished':
      return {
        status: 410,
        title: 'This sign-in already finished',
        body: `Kith already received ${providerName}'s answer for this sign-in, so it did not use this one. You can close this tab and return to Kith.`,
      };
    case 'ended-timeout':
      return {
        status: 410,
        title: 'This sign-in timed out',
        body: `Kith stopped waiting for ${providerName} before this answer arrived, so it did not use it and nothing was connected. Return to Kith and connect again.`,
      };
    case 'cancelled':
      return { status: 200, title: 'Sign-in cancelled', body: 'The sign-in was cancelled in Kith, so nothing was connected. You can close this tab.' };
    case 'provider-error':
      return { status: 200, title: 'Sign-in failed', body: `${providerName} reported a problem${detail ? ` (${detail})` : ''}, so nothing was connected. Try again from Kith.` };
    case 'failed':
      return { status: 200, title: 'Sign-in failed', body: `Kith could not finish connecting your ${providerName} account${detail ? `: ${detail}` : '.'} Try again from Kith.` };
    case 'not-found':
      return { status: 404, title: 'Not found', body: 'This address is only used to finish signing in to Kith.' };
    case 'method-not-allowed':
      return { status: 405, title: 'Not allowed', body: 'This address is only used to finish signing in to Kith.' };
  }
}

/** The page for how the login ended, once the code has been exchanged (or not). */
export function outcomePage(outcome: { ok: true } | { ok: false; error: KithError }, providerName: string): CallbackPage {
  if (outcome.ok) return callbackPage('success', providerName);
  switch (outcome.error.code) {
    case 'E_LOGIN_CANCELLED':
      return callbackPage('cancelled', providerName);
    case 'E_LOGIN_TIMEOUT':
      return callbackPage('expired', providerName);
    case 'E_CONSENT_DENIED':
      return callbackPage('denied', providerName);
    case 'E_STATE_MISMATCH':
      return callbackPage('state-mismatch', providerName);
    default:
      // KithError messages are written to be shown and never carry a secret.
      return callbackPage('failed', providerName, outcome.error.message);
  }
}

export function renderCallbackPage(page: CallbackPage): string {
  return renderSmallPage({ title: page.title, heading: page.title, paragraphs: [[page.body]] });
}
