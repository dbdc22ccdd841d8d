// Every error the server answers with has one JSON shape, the RPC reply's:
// `{ ok: false, error: { code, message } }`, with a status that fits the code.
import type { Context } from 'hono';
import { KithError } from '../../../src-contract/kith-api';
import type { RpcReply } from '../../../src-contract/client';
import { serializeError } from '../../../src-contract/dispatcher';
import { httpStatusFor } from './http-status';

export function errorReply(c: Context, error: unknown, status?: number): Response {
  const info = serializeError(error);
  const reply: RpcReply = { ok: false, error: info };
  const headers: Record<string, string> = {};
  // RFC 6750 §3: a 401 names the scheme the client should use.
  if (info.code === 'E_UNAUTHORIZED') headers['www-authenticate'] = 'Bearer realm="kith"';
  return c.json(reply, (status ?? httpStatusFor(info.code)) as 400, headers);
}

export function kithErrorReply(c: Context, code: KithError['code'], message: string, status?: number): Response {
  return errorReply(c, new KithError(code, message), status);
}
