// Where each provider lives: the real services, or the sandbox, whose URL
// layout mirrors theirs under {base}/google and {base}/facebook.
import { FACEBOOK_FRIENDS_PERMISSION, GOOGLE_CONTACTS_SCOPE } from '../providers/permission-scopes';
import { GRAPH_API_VERSION } from './kith-config';

export interface GoogleEndpoints {
  authorizationUrl: string;
  tokenUrl: string;
  revokeUrl: string;
  userinfoUrl: string;
  jwksUrl: string;
  issuers: string[];
  peopleRootUrl: string;
}

export interface FacebookEndpoints {
  dialogUrl: string;
  graphUrl: string;
  jwksUrl: string;
  issuers: string[];
}

export const REAL_GOOGLE: GoogleEndpoints = {
  authorizationUrl: 'https://accounts.google.com/o/oauth2/v2/auth',
  tokenUrl: 'https://oauth2.googleapis.com/token',
  revokeUrl: 'https://oauth2.googleapis.com/revoke',
  userinfoUrl: 'https://openidconnect.googleapis.com/v1/userinfo',
  jwksUrl: 'https://www.googleapis.com/oauth2/v3/certs',
  // Google's id_tokens carry either form (OpenID Connect guide, "Validating an ID token").
  issuers: ['https://accounts.google.com', 'accounts.google.com'],
  peopleRootUrl: 'https://people.googleapis.com/',
};

export const REAL_FACEBOOK: FacebookEndpoints = {
  dialogUrl: `https://www.facebook.com/${GRAPH_API_VERSION}/dialog/oauth`,
  graphUrl: `https://graph.facebook.com/${GRAPH_API_VERSION}`,
  // The web login's keys and issuer, as www.facebook.com/.well-known/openid-configuration/ gives them.
  // limited.facebook.com's JWKS is iOS Limited Login's ("Validating the Limited Login OIDC Token",
  // developers.facebook.com/docs/facebook-login/limited-login/token/validating/), not the web's.
  jwksUrl: 'https://www.facebook.com/.well-known/oauth/openid/jwks/',
  issuers: ['https://www.facebook.com'],
};

/**
 * The origins a consent page can be on, for the BrowserOpener allowlist. Facebook's device page is
 * www.facebook.com/device in device/login's `verification_uri`; its SDKs also use facebook.com/device.
 */
export const REAL_CONSENT_ORIGINS = ['https://accounts.google.com', 'https://www.facebook.com', 'https://facebook.com'];

export function sandboxGoogle(base: string): GoogleEndpoints {
  return {
    authorizationUrl: `${base}/google/o/oauth2/v2/auth`,
    tokenUrl: `${base}/google/token`,
    revokeUrl: `${base}/google/revoke`,
    userinfoUrl: `${base}/google/v1/userinfo`,
    jwksUrl: `${base}/google/oauth2/v3/certs`,
    issuers: [`${base}/google`],
    peopleRootUrl: `${base}/google/people/`,
  };
}

export function sandboxFacebook(base: string): FacebookEndpoints {
  return {
    dialogUrl: `${base}/facebook/www/${GRAPH_API_VERSION}/dialog/oauth`,
    graphUrl: `${base}/facebook/graph/${GRAPH_API_VERSION}`,
    jwksUrl: `${base}/facebook/.well-known/oauth/openid/jwks/`,
    issuers: [`${base}/facebook`],
  };
}

/** The sandbox's seeded credentials (sandbox defaults), used when no real ids are given. */
export const SANDBOX_CREDENTIALS = {
  googleClientId: 'kith-sandbox-desktop.apps.googleusercontent.com',
  googleClientSecret: 'GOCSPX-kith-sandbox-desktop',
  facebookAppId: '100000000000001',
  /** The sandbox app's client token (sandbox/seed/people.ts, --facebook-client-token). */
  facebookClientToken: 'kith-sandbox-client-token',
} as const;

// 127.0.0.1, not localhost: RFC 8252 §8.3 (a name may resolve elsewhere, or to ::1 where the server is not listening).
export const DEFAULT_FACEBOOK_REDIRECT_URI = 'http://127.0.0.1:47823/kith/facebook/callback';

export const GOOGLE_SCOPES = ['openid', 'email', 'profile', GOOGLE_CONTACTS_SCOPE];
export const FACEBOOK_SCOPES = ['openid', 'public_profile', 'email', FACEBOOK_FRIENDS_PERMISSION];

/**
 * What Login for Devices asks for. No `openid`: the flow returns no id_token (Facebook's "Login for
 * Devices" guide; the device/login endpoint refuses it as an invalid scope).
 */
export const FACEBOOK_DEVICE_SCOPES = ['public_profile', 'email', FACEBOOK_FRIENDS_PERMISSION];
