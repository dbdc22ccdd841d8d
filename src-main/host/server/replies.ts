// Every error the server answers with has one JSON shape, the RPC reply's:
// `{ ok: false, error: { code, message } }`, with a status that fits the code.
import type { Context } from 'hono';
import { KithError } from '../../../src-contract/kith-api';
import { rpcErrorReply } from '../../../src-contract/wire';
import { httpStatusFor } from './http-status';

export function errorReply(c: Context, error: unknown, status?: number): Response {
  const reply = rpcErrorReply(error);
  const headers: Record<string, string> = {};
  // RFC 6750 §3: a 401 names the scheme the client should use.
  if (reply.error.code === 'E_UNAUTHORIZED') headers['www-authenticate'] = 'Bearer realm="kith"';
  headers['content-length'] = String(Buffer.byteLength(JSON.stringify(reply)));
  return c.json(reply, (status ?? httpStatusFor(reply.error.code)) as 400, headers);
}

export function kithErrorReply(c: Context, code: KithError['code'], message: string, status?: number): Response {
  return errorReply(c, new KithError(code, message), status);
}
