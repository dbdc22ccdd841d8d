// Facebook Login for Devices ("Facebook Login for Devices",
// developers.facebook.com/docs/facebook-login/for-devices): Kith asks
// device/login for a code with APP_ID|CLIENT_TOKEN (the client token is made to
// be embedded in apps; the app secret never ships), the person confirms the
// user code at facebook.com/device, and Kith polls device/login_status with
// the long code until Facebook answers with a user token. No redirect, so
// Facebook's "Enforce HTTPS" rule for Live apps does not stand in the way.
//
// login_status answers in Graph's error envelope and Kith matches the
// subcode, never the text: 1349174 pending, 1349172 polling too often,
// 1349152 code expired, 1349173 declined (the guide, and Facebook's Android
// SDK DeviceAuthDialog, which acts on the same subcodes).
import { KithError } from '../../../src-contract/kith-api';
import type { FacebookConfig } from '../config/kith-config';
import type { Clock, Logger } from '../ports';
import type { DeviceAuthorization, DeviceAuthorizationClient, DevicePoll } from './device-authorization';
import { graphErrorOf, graphFailure, THROTTLING_CODES } from './facebook-errors';
import { FacebookDeviceStartSchema, FacebookDeviceTokenSchema } from './facebook-device-schemas';
import { facebookIdentity, grantedFacebookPermissions, readFacebookProfile } from './facebook-profile';
import type { GraphClient } from './graph-client';
import type { TokenSet } from './provider';
import { parseAnswer } from './provider-answer';
import { fetchOrOffline, malformed, readJson, TransientFailure, withRetries, type RetryPolicy } from './provider-http';

export const DEVICE_SUBCODES = { pending: 1349174, slowDown: 1349172, expired: 1349152, declined: 1349173 } as const;

/** RFC 8628 §3.2: the interval when the server names none; Facebook asks for "a minimum interval of 5 seconds". */
const DEFAULT_INTERVAL_SECONDS = 5;

const START = { provider: 'Facebook', operation: 'device login' };
const STATUS = { provider: 'Facebook', operation: 'device login status' };

/** Answers that mean the app id or client token is wrong, or the app does not allow device logins. */
function configurationProblem(code: number | null): KithError | null {
  if (code === 190 || code === 102) {
    return new KithError('E_CONFIG', "Facebook did not accept Kith's app id and client token. Check KITH_FACEBOOK_APP_ID and KITH_FACEBOOK_CLIENT_TOKEN (App settings > Advanced > Security > Client token).");
  }
  if (code === 101) return new KithError('E_CONFIG', "Facebook does not know Kith's app id. Check KITH_FACEBOOK_APP_ID.");
  return null;
}

export interface FacebookDeviceLoginOptions {
  graph: GraphClient;
  clock: Clock;
  retry: RetryPolicy;
  log?: Logger;
}

export function createFacebookDeviceLogin(facebook: FacebookConfig, fetchImpl: typeof fetch, options: FacebookDeviceLoginOptions): DeviceAuthorizationClient {
  const { graph, clock, retry } = options;
  if (facebook.clientToken === null) throw new KithError('E_CONFIG', 'Facebook Login for Devices needs KITH_FACEBOOK_CLIENT_TOKEN.');
  // The app token of Login for Devices, literally app id, "|", client token.
  const appToken = `${facebook.appId}|${facebook.clientToken}`;

  /** One POST with the app token in the form body, as the guide shows it; the answer's JSON and status. */
  const post = async (path: string, form: Record<string, string>, what: typeof START) => {
    const response = await fetchOrOffline(fetchImpl, `${facebook.graphUrl}${path}`, { method: 'POST', headers: { accept: 'application/json' }, body: new URLSearchParams({ ...form, access_token: appToken }) }, what);
    const body = await readJson(response, what).catch((error: unknown) => {
      if (response.status >= 500) return null;
      throw error;
    });
    return { status: response.status, headers: response.headers, body };
  };

  /** expires_in (0: no expiry) and data_access_expiration_time: Kith loses use of the token at the earlier one. */
  const endOf = (expiresIn: number | null | undefined, dataAccessEnds: number | null | undefined): number | null => {
    const ends = [expiresIn ? clock.now() + expiresIn * 1000 : null, dataAccessEnds ? dataAccessEnds * 1000 : null].filter((at): at is number => at !== null);
    return ends.length > 0 ? Math.min(...ends) : null;
  };

  return {
    async start(): Promise<DeviceAuthorization> {
      const answer = await withRetries(
        async () => {
          const { status, headers, body } = await post('/device/login', { scope: facebook.scopes.join(',') }, START);
          if (status >= 200 && status < 300) return body;
          const error = graphErrorOf(body);
          const config = configurationProblem(error?.code ?? null);
          if (config) throw config;
          const failure = graphFailure(status, headers, body, START.operation);
          if (failure instanceof TransientFailure) throw failure;
          // Facebook refuses device logins for an app whose "Login from Devices" switch is off.
          throw new KithError(
            'E_PROVIDER',
            `Facebook refused to start a device login (error ${error?.code ?? `HTTP ${status}`}). Check that "Login from Devices" is on in the app's Facebook Login settings.`,
          );
        },
        retry,
        { ...(options.log ? { log: options.log } : {}), what: 'facebook device login' },
      );
      const start = parseAnswer(FacebookDeviceStartSchema, answer, START);
      // Facebook's SDKs open facebook.com/device?user_code=<code> (Android DeviceAuthDialog, iOS
      // FBSDKDeviceUtilities): the page then shows the code filled in, for the person to confirm.
      const complete = new URL(start.verification_uri);
      complete.searchParams.set('user_code', start.user_code);
      return {
        deviceCode: start.code,
        userCode: start.user_code,
        verificationUri: start.verification_uri,
        verificationUriComplete: complete.toString(),
        expiresInSeconds: start.expires_in,
        intervalSeconds: start.interval ?? DEFAULT_INTERVAL_SECONDS,
      };
    },

    async poll(deviceCode): Promise<DevicePoll> {
      let answer: Awaited<ReturnType<typeof post>>;
      try {
        answer = await post('/device/login_status', { code: deviceCode }, STATUS);
      } catch (error) {
        if (error instanceof KithError && error.code === 'E_OFFLINE') return { status: 'unavailable', error };
        throw error;
      }
      const { status, headers, body } = answer;
      if (status >= 200 && status < 300) {
        if (typeof body !== 'object' || body === null) throw malformed(STATUS, 'not a JSON object');
        const token = parseAnswer(FacebookDeviceTokenSchema, body, STATUS);
        const tokens: TokenSet = {
          accessToken: token.access_token,
          accessTokenExpiresAt: endOf(token.expires_in, token.data_access_expiration_time),
          refreshToken: null,
          scopes: await grantedFacebookPermissions(graph, token.access_token),
        };
        return { status: 'approved', result: { tokens, identity: facebookIdentity(await readFacebookProfile(graph, token.access_token)) } };
      }
      const error = graphErrorOf(body);
      switch (error?.subcode) {
        case DEVICE_SUBCODES.pending:
          return { status: 'pending' };
        case DEVICE_SUBCODES.slowDown:
          return { status: 'slow_down' };
        case DEVICE_SUBCODES.expired:
          return { status: 'expired' };
        case DEVICE_SUBCODES.declined:
          return { status: 'declined' };
      }
      const config = configurationProblem(error?.code ?? null);
      if (config) throw config;
      // App-wide throttling while polling: the same remedy as slow_down.
      if (error?.code !== null && error?.code !== undefined && THROTTLING_CODES.has(error.code)) return { status: 'slow_down' };
      // 100: Facebook no longer knows the code (used, or dropped): only a new code can help.
      if (error?.code === 100) return { status: 'expired' };
      const failure = graphFailure(status, headers, body, STATUS.operation);
      if (failure instanceof TransientFailure) return { status: 'unavailable', error: failure.error };
      throw failure;
    },
  };
}
