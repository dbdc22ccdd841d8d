// Every error the server answers with has one JSON shape, the RPC reply's:
// `{ ok: false, error: { code, message } }`, with a status that fits the code.
// errorAnswer builds it without a framework, so the Hono routes and the
// direct friends read (direct-friend-reads.ts) answer the same bytes.
import type { Context } from 'hono';
import { KithError } from '../../../src-contract/kith-api';
import { rpcErrorReply } from '../../../src-contract/wire';
import { httpStatusFor } from './http-status';

export interface ErrorAnswer {
  status: number;
  /** The JSON text of the reply. */
  body: string;
  /** Besides content-type: content-length, and www-authenticate or retry-after where they apply. */
  headers: Record<string, string>;
}

/** `retryAfterMs`: a 429 says when to try again, in whole seconds (RFC 9110 §10.2.3). */
export function errorAnswer(error: unknown, status?: number, retryAfterMs?: number): ErrorAnswer {
  const reply = rpcErrorReply(error);
  const body = JSON.stringify(reply);
  const headers: Record<string, string> = {};
  // RFC 6750 §3: a 401 names the scheme the client should use.
  if (reply.error.code === 'E_UNAUTHORIZED') headers['www-authenticate'] = 'Bearer realm="kith"';
  headers['content-length'] = String(Buffer.byteLength(body));
  if (retryAfterMs !== undefined) headers['retry-after'] = String(Math.max(1, Math.ceil(retryAfterMs / 1000)));
  return { status: status ?? httpStatusFor(reply.error.code), body, headers };
}

export function errorReply(c: Context, error: unknown, status?: number, retryAfterMs?: number): Response {
  const answer = errorAnswer(error, status, retryAfterMs);
  return c.body(answer.body, answer.status as 400, { 'content-type': 'application/json', ...answer.headers });
}

export function kithErrorReply(c: Context, code: KithError['code'], message: string, status?: number): Response {
  return errorReply(c, new KithError(code, message), status);
}
