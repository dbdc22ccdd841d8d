// Facebook's Graph error envelope: {error:{message,type,code,error_subcode,fbtrace_id}}.
// See developers.facebook.com/docs/graph-api/guides/error-handling.
import { randomBytes } from 'node:crypto';
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

export interface GraphErrorInit {
  status: ContentfulStatusCode;
  message: string;
  type?: string;
  code: number;
  subcode?: number;
  isTransient?: boolean;
  /** error_user_title / error_user_msg: the words Facebook means an app to show the person. */
  userTitle?: string;
  userMessage?: string;
}

export function graphErrorBody(init: GraphErrorInit): unknown {
  return {
    error: {
      message: init.message,
      type: init.type ?? 'OAuthException',
      code: init.code,
      ...(init.subcode === undefined ? {} : { error_subcode: init.subcode }),
      ...(init.isTransient === undefined ? {} : { is_transient: init.isTransient }),
      ...(init.userTitle === undefined ? {} : { error_user_title: init.userTitle }),
      ...(init.userMessage === undefined ? {} : { error_user_msg: init.userMessage }),
      fbtrace_id: randomBytes(8).toString('base64url'),
    },
  };
}

export function graphError(c: Context, init: GraphErrorInit): Response {
  if (init.code === 190) {
    // Graph sends an RFC 6750-style challenge with its 190s.
    c.header('WWW-Authenticate', `OAuth "Facebook Platform" "invalid_token" "${init.message.replaceAll('"', "'")}"`);
  }
  return c.json(graphErrorBody(init), init.status);
}

export const THROTTLE_MESSAGES: Record<4 | 17 | 32 | 613, { status: ContentfulStatusCode; message: string }> = {
  4: { status: 403, message: '(#4) Application request limit reached' },
  17: { status: 403, message: '(#17) User request limit reached' },
  32: { status: 403, message: '(#32) Page request limit reached' },
  613: { status: 400, message: '(#613) Calls to this api have exceeded the rate limit.' },
};
