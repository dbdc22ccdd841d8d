// Google's two error shapes: the OAuth endpoints' flat {error, error_description}
// (RFC 6749 §5.2) and the googleapis.com envelope (google.rpc.Status with an
// ErrorInfo detail whose `reason` clients are told to match).
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

export function oauthError(c: Context, status: ContentfulStatusCode, error: string, description?: string): Response {
  c.header('Cache-Control', 'no-store');
  c.header('Pragma', 'no-cache');
  return c.json(description === undefined ? { error } : { error, error_description: description }, status);
}

export interface GoogleApiErrorInit {
  status: ContentfulStatusCode;
  /** google.rpc.Code name: UNAUTHENTICATED, PERMISSION_DENIED, INVALID_ARGUMENT, ... */
  rpcStatus: string;
  message: string;
  reason?: string;
  domain?: string;
  metadata?: Record<string, string>;
}

export function googleApiErrorBody(init: GoogleApiErrorInit): unknown {
  return {
    error: {
      code: init.status,
      message: init.message,
      status: init.rpcStatus,
      ...(init.reason
        ? {
            details: [
              {
                '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
                reason: init.reason,
                domain: init.domain ?? 'googleapis.com',
                metadata: init.metadata ?? {},
              },
            ],
          }
        : {}),
    },
  };
}

export function googleApiError(c: Context, init: GoogleApiErrorInit): Response {
  return c.json(googleApiErrorBody(init), init.status);
}

const SEE = 'See https://developers.google.com/identity/sign-in/web/devconsole-project.';

/** 401 for a missing, unknown, expired or revoked bearer token, with the RFC 6750 challenge. */
export function unauthenticated(c: Context, service: string, problem: 'missing' | 'invalid' | 'expired'): Response {
  c.header('WWW-Authenticate', problem === 'missing' ? 'Bearer realm="https://accounts.google.com/"' : 'Bearer realm="https://accounts.google.com/", error="invalid_token"');
  return googleApiError(c, {
    status: 401,
    rpcStatus: 'UNAUTHENTICATED',
    message:
      problem === 'missing'
        ? `Request is missing required authentication credential. Expected OAuth 2 access token, login cookie or other valid authentication credential. ${SEE}`
        : `Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential. ${SEE}`,
    reason: problem === 'missing' ? 'CREDENTIALS_MISSING' : problem === 'expired' ? 'ACCESS_TOKEN_EXPIRED' : 'ACCESS_TOKEN_TYPE_UNSUPPORTED',
    metadata: { service },
  });
}

export function insufficientScope(c: Context, service: string, method: string): Response {
  c.header('WWW-Authenticate', 'Bearer realm="https://accounts.google.com/", error="insufficient_scope"');
  return googleApiError(c, {
    status: 403,
    rpcStatus: 'PERMISSION_DENIED',
    message: 'Request had insufficient authentication scopes.',
    reason: 'ACCESS_TOKEN_SCOPE_INSUFFICIENT',
    metadata: { service, method },
  });
}

export function invalidArgument(c: Context, message: string): Response {
  return googleApiError(c, { status: 400, rpcStatus: 'INVALID_ARGUMENT', message });
}
