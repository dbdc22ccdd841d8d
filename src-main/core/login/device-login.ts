// One sign-in with a code the person confirms at the provider's page (RFC 8628,
// the device authorization grant; Facebook's "Login for Devices",
// developers.facebook.com/docs/facebook-login/for-devices): ask for a code,
// show the user code and open the provider's page (with the code filled in)
// through the URL gate, then poll at the interval the provider gave until the
// person answers. Polls slow down by 5 s for each "slow down" (RFC 8628 §3.5,
// "for this and all subsequent requests"), back off exponentially while the
// provider cannot be reached (same clause), and stop on approval, denial,
// expiry of the code, cancel or the login's own deadline, whichever comes
// first. The device code is the polling secret: it goes back to the provider
// and nowhere else (not to onStarted, not to a log, not into an error).
import { KithError, toKithError } from '../../../src-contract/errors';
import { providerName as providerNameOf } from '../../../src-contract/provider-names';
import type { BrowserOpener, Clock, Logger } from '../ports';
import type { DeviceAuthorizationClient, DevicePoll } from '../providers/device-authorization';
import type { ProviderClient } from '../providers/provider';
import { requireExternalUrl } from './external-url-gate';
import type { LoginResult } from './login-flow';

/** RFC 8628 §3.5: each slow_down adds 5 seconds to the interval, for good. */
export const SLOW_DOWN_STEP_MS = 5_000;
/** Polls in a row that may fail to reach the provider before the login gives up (E_OFFLINE). */
export const MAX_UNAVAILABLE_POLLS = 3;
/** Cap on one backoff wait while the provider cannot be reached. */
const MAX_BACKOFF_MS = 60_000;

/** What the person needs to finish the login: shown by the UI and the CLI. */
export interface DeviceLoginPrompt {
  userCode: string;
  /** The provider's device page, to type by hand. */
  verificationUri: string;
}

export interface DeviceLoginStartInfo {
  /** The page Kith opens: the device page with the code filled in where the provider takes it. */
  authUrl: string;
  /** Epoch ms: the earlier of the code's expiry and the login's deadline. */
  expiresAt: number;
  device: DeviceLoginPrompt;
}

/** Waits `ms`, or rejects with the signal's abort as soon as it fires. */
export type AbortableSleep = (ms: number, signal: AbortSignal) => Promise<void>;

export const realAbortableSleep: AbortableSleep = (ms, signal) =>
  new Promise<void>((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason as unknown);
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason as unknown);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });

export interface RunDeviceLoginOptions {
  provider: ProviderClient;
  device: DeviceAuthorizationClient;
  browser: BrowserOpener;
  /** The origins the pages may be on (KithConfig.allowedBrowserOrigins): checked before the UI is shown them. */
  allowedOrigins?: readonly string[];
  /** Called with the code and the page before the browser is asked to open it. */
  onStarted?: (info: DeviceLoginStartInfo) => void;
  /** The system browser could not be opened: the code and the device page are all the person has. */
  onBrowserFailed?: () => void;
  signal?: AbortSignal;
  /** The login's own deadline; the code's expiry may come sooner. */
  timeoutMs: number;
  clock?: Clock;
  sleep?: AbortableSleep;
  log?: Logger;
  /** Receives the tokens of a poll that was already on the wire when the login was cancelled. */
  onAbandoned?: (result: LoginResult) => Promise<void> | void;
}

/**
 * Runs one device login to completion. Rejects with KithError: E_LOGIN_TIMEOUT (the code expired
 * or the deadline passed), E_CONSENT_DENIED, E_LOGIN_CANCELLED, E_OFFLINE, E_CONFIG, E_FORBIDDEN
 * (a page outside the allowed origins), E_PROVIDER, E_RATE_LIMITED.
 */
export async function runDeviceLogin(options: RunDeviceLoginOptions): Promise<LoginResult> {
  const { device, browser, log } = options;
  const who = providerNameOf(options.provider.id);
  const clock = options.clock ?? Date;
  const sleep = options.sleep ?? realAbortableSleep;
  // One signal for every wait: the caller's cancel, turned into Kith's words.
  const controller = new AbortController();
  const onCallerAbort = () => controller.abort(cancelled(who));
  if (options.signal?.aborted) throw cancelled(who);
  options.signal?.addEventListener('abort', onCallerAbort, { once: true });
  const signal = controller.signal;
  try {
    const startedAt = clock.now();
    const authorization = await untilAborted(device.start(), signal);
    const verificationUri = requireExternalUrl(authorization.verificationUri, options.allowedOrigins).toString();
    const authUrl = requireExternalUrl(authorization.verificationUriComplete ?? authorization.verificationUri, options.allowedOrigins).toString();
    const codeExpiresAt = startedAt + authorization.expiresInSeconds * 1000;
    const loginEndsAt = startedAt + options.timeoutMs;
    const deadline = Math.min(codeExpiresAt, loginEndsAt);
    const timedOut = () => (codeExpiresAt <= loginEndsAt ? codeExpired(who) : loginTimedOut(who, options.timeoutMs));

    options.onStarted?.({ authUrl, expiresAt: deadline, device: { userCode: authorization.userCode, verificationUri } });
    // A browser that fails to open is not fatal: the code and the page are shown.
    browser.open(authUrl).catch((error: unknown) => {
      log?.warn('The system browser did not open the device page; it can be opened by hand.', {
        provider: options.provider.id,
        reason: error instanceof KithError ? error.code : 'open failed',
      });
      if (!signal?.aborted) options.onBrowserFailed?.();
    });

    let intervalMs = authorization.intervalSeconds * 1000;
    let unavailable = 0;
    for (;;) {
      // Never sooner than the interval (the provider answers slow_down, and counts it against the app).
      const waitMs = unavailable === 0 ? intervalMs : Math.min(MAX_BACKOFF_MS, intervalMs * 2 ** unavailable);
      const remaining = deadline - clock.now();
      if (remaining < waitMs) {
        await sleep(Math.max(0, remaining), signal);
        throw timedOut();
      }
      await sleep(waitMs, signal);
      const answer = await pollOnce(device, authorization.deviceCode, signal, options.onAbandoned, log, options.provider.id);
      if (answer.status === 'approved') return answer.result;
      if (answer.status === 'unavailable') {
        unavailable += 1;
        if (unavailable >= MAX_UNAVAILABLE_POLLS) throw answer.error;
        log?.warn('The provider could not be asked whether the device login was confirmed; asking again later.', { provider: options.provider.id, code: answer.error.code });
        continue;
      }
      unavailable = 0;
      if (answer.status === 'slow_down') intervalMs += SLOW_DOWN_STEP_MS;
      else if (answer.status === 'expired') throw codeExpired(who);
      else if (answer.status === 'declined') throw new KithError('E_CONSENT_DENIED', `You declined to let Kith use your ${who} account. Nothing was connected.`);
    }
  } catch (raw) {
    throw toKithError(signal.aborted ? signal.reason : raw, {
      fallback: () => new KithError('E_PROVIDER', `Kith could not finish the ${who} sign-in because of an unexpected error.`),
    });
  } finally {
    options.signal?.removeEventListener('abort', onCallerAbort);
  }
}

/**
 * One poll, raced against cancel. A poll already on the wire when the person cancels may still
 * come back approved: the provider has then issued a grant, so the poll is let finish and its
 * tokens go to onAbandoned before the login rejects.
 */
async function pollOnce(
  device: DeviceAuthorizationClient,
  deviceCode: string,
  signal: AbortSignal,
  onAbandoned: RunDeviceLoginOptions['onAbandoned'],
  log: Logger | undefined,
  provider: ProviderClient['id'],
): Promise<DevicePoll> {
  const polling = device.poll(deviceCode);
  try {
    return await untilAborted(polling, signal);
  } catch (error) {
    if (signal.aborted) {
      // As the loopback flow does with a code exchange on the wire: finish it, then hand its tokens over.
      const late = await polling.catch(() => null);
      if (late?.status === 'approved') {
        if (!onAbandoned) log?.warn('a device login was cancelled as the provider approved it; nobody takes the tokens to revoke them', { provider });
        else await Promise.resolve(onAbandoned(late.result)).catch(() => log?.error('could not hand over the tokens of a cancelled device login', { provider }));
      }
    }
    throw error;
  }
}

function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason as unknown);
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

function cancelled(who: string): KithError {
  return new KithError('E_LOGIN_CANCELLED', `The ${who} sign-in was cancelled.`);
}

function codeExpired(who: string): KithError {
  return new KithError('E_LOGIN_TIMEOUT', `The ${who} code expired before it was confirmed. Get a new code to try again.`);
}

function loginTimedOut(who: string, timeoutMs: number): KithError {
  return new KithError('E_LOGIN_TIMEOUT', `The ${who} code was not confirmed within ${Math.round(timeoutMs / 60_000) || 1} minute(s). Get a new code to try again.`);
}
