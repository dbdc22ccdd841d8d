// Facebook Login for Devices, the Graph half (developers.facebook.com/docs/facebook-login/for-devices):
// POST /device/login with access_token=APP_ID|CLIENT_TOKEN and scope answers
// {code, user_code, verification_uri, expires_in, interval}; POST /device/login_status with the code
// answers the user token once the person approved at the device page. The error codes and subcodes
// are the guide's (and the ones Facebook's Android SDK DeviceAuthDialog acts on): 31/1349174 pending,
// 17/1349172 polling too often, 463/1349152 code expired, 1349173 declined.
import type { Context, Hono } from 'hono';
import type { SandboxContext } from '../context';
import type { DeviceLogin } from '../state/device-logins';
import { randomToken } from '../util/random';
import { SANDBOX_CREDENTIALS } from '../seed/people';
import { graphError, type GraphErrorInit } from './errors';
import { graphParams } from './params';
import { GRAPH_PREFIXES, parseFacebookScope } from './scopes';
import { FACEBOOK_DEVICE_PAGE_PATH } from './device-page';

/** Facebook's "Authentication Versus Data Access": data access lasts 90 days from the person's last activity. */
const DATA_ACCESS_SECONDS = 90 * 24 * 3600;

type DeviceError = GraphErrorInit & { subcode: number; userTitle: string; userMessage: string };

// The guide's answers, with their error_user_title / error_user_msg.
const PENDING: DeviceError = {
  status: 400,
  code: 31,
  subcode: 1349174,
  message: 'This request requires the user to take a pending action',
  userTitle: 'Device Login Authorization Pending',
  userMessage: 'User has not yet authorized your application. Continue polling.',
};
const SLOW_DOWN: DeviceError = {
  status: 400,
  code: 17,
  subcode: 1349172,
  message: 'User request limit reached',
  userTitle: 'OAuth Device Excessive Polling',
  userMessage: 'Your device is polling too frequently. Space your requests with a minimum interval of 5 seconds.',
};
const EXPIRED: DeviceError = {
  status: 400,
  code: 463,
  subcode: 1349152,
  message: 'The session has expired',
  userTitle: 'Activation Code Expired',
  userMessage: 'The code you entered has expired. Please go back to your device for a new code and try again.',
};
// The SDK's LOGIN_ERROR_SUBCODE_AUTHORIZATION_DECLINED; the guide gives no example body for it.
const DECLINED: DeviceError = {
  status: 400,
  code: 31,
  subcode: 1349173,
  message: 'The user declined to authorize the application',
  userTitle: 'Device Login Authorization Declined',
  userMessage: 'The person declined to log in to your application on this device.',
};

/** The app token Login for Devices uses: APP_ID|CLIENT_TOKEN (the client token may ship inside apps). */
function clientTokenProblem(c: Context, context: SandboxContext, value: string | undefined): Response | null {
  if (!value) return graphError(c, { status: 400, code: 2500, message: 'An access token is required to request this resource.' });
  const [appId, token, ...rest] = value.split('|');
  if (rest.length > 0 || appId !== SANDBOX_CREDENTIALS.facebook.appId || token !== context.config.facebookClientToken) {
    return graphError(c, { status: 400, code: 190, message: 'Invalid OAuth access token - Cannot parse access token' });
  }
  return null;
}

export function registerFacebookDeviceLogin(app: Hono, context: SandboxContext): void {
  const start = async (c: Context) => {
    const p = await graphParams(c);
    const problem = clientTokenProblem(c, context, p.access_token);
    if (problem) return problem;
    const { openid, permissions, unknown } = parseFacebookScope(p.scope);
    // Device login returns no id_token, so `openid` has nothing to ask for here.
    const invalid = openid ? ['openid', ...unknown] : unknown;
    if (invalid.length > 0) return graphError(c, { status: 400, code: 100, message: `Invalid Scopes: ${invalid.join(', ')}. This message is only shown to developers.` });
    const login = context.deviceLogins.create(permissions, context.settings.facebookDeviceCodeTtlSeconds);
    return c.json({
      code: login.code,
      user_code: login.userCode,
      verification_uri: context.baseUrl + FACEBOOK_DEVICE_PAGE_PATH,
      expires_in: context.settings.facebookDeviceCodeTtlSeconds,
      interval: context.settings.facebookDevicePollIntervalSeconds,
    });
  };

  const status = async (c: Context) => {
    const p = await graphParams(c);
    const problem = clientTokenProblem(c, context, p.access_token);
    if (problem) return problem;
    if (!p.code) return graphError(c, { status: 400, code: 100, message: '(#100) The parameter code is required' });
    const login = context.deviceLogins.get(p.code);
    if (!login || login.status === 'redeemed') return graphError(c, { status: 400, code: 100, message: '(#100) Invalid code' });
    if (context.deviceLogins.isExpired(login)) return graphError(c, EXPIRED);
    const now = context.clock.now();
    const tooSoon = login.lastPollAt !== null && now - login.lastPollAt < context.settings.facebookDevicePollIntervalSeconds * 1000;
    login.lastPollAt = now;
    if (tooSoon) return graphError(c, SLOW_DOWN);
    if (login.status === 'pending') return graphError(c, PENDING);
    if (login.status === 'denied') return graphError(c, DECLINED);
    return issue(c, context, login);
  };

  for (const prefix of GRAPH_PREFIXES) {
    app.post(`${prefix}/device/login`, start);
    app.post(`${prefix}/device/login_status`, status);
  }
}

function issue(c: Context, context: SandboxContext, login: DeviceLogin): Response {
  const grant = login.grantId === null ? null : context.grants.grant(login.grantId);
  if (!grant || grant.revokedAt !== null) return graphError(c, EXPIRED);
  login.status = 'redeemed';
  const ttl = context.settings.facebookDeviceTokenTtlSeconds;
  const now = context.clock.now();
  const token = context.grants.issue({
    value: randomToken('EAAB', 96),
    provider: 'facebook',
    kind: 'device',
    grantId: grant.id,
    scopes: [...grant.scopes],
    expiresAt: now + ttl * 1000,
    fromCode: null,
  });
  c.header('Cache-Control', 'no-store');
  return c.json({ access_token: token.value, data_access_expiration_time: Math.floor(now / 1000) + DATA_ACCESS_SECONDS, expires_in: ttl });
}
