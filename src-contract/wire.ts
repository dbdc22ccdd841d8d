// How requests and events travel, whatever the carrier: the reply every shell
// answers a request with (an IPC reply, an HTTP body), the IPC channel names
// (one invoke channel per method, one send channel per event) and the host
// server's HTTP paths. Shared by both ends of each transport, so the two
// sides cannot disagree on a name.
//
// Imported by the renderer and the preload too: zod only.
import { z } from 'zod';
import { KithError, KithErrorSchema, toErrorInfo } from './errors';
import type { KithEventName, KithMethodName } from './kith-api';

/**
 * What every shell answers a request with. A reply, not a thrown error, because
 * Electron keeps only an Error's message across `invoke`, and the code matters.
 */
export const RpcReplySchema = z.union([
  z.object({ ok: z.literal(true), result: z.unknown() }).strict(),
  z.object({ ok: z.literal(false), error: KithErrorSchema }).strict(),
]);
export type RpcReply = z.infer<typeof RpcReplySchema>;

/** The reply for a failure: a Kith error's code and message, anything else a generic E_INTERNAL. */
export function rpcErrorReply(error: unknown): Extract<RpcReply, { ok: false }> {
  return { ok: false, error: toErrorInfo(error) };
}

/** Unwraps a reply: the result, or a rejection with the reply's error (E_INTERNAL for anything that is not a reply). */
export function unwrapRpcReply(raw: unknown): unknown {
  const reply = RpcReplySchema.safeParse(raw);
  if (!reply.success) throw new KithError('E_INTERNAL', 'Kith answered with a reply it does not understand.');
  if (!reply.data.ok) throw new KithError(reply.data.error.code, reply.data.error.message);
  return reply.data.result;
}

/** The IPC channel `ipcMain.handle`s and the preload invokes for one method. */
export function methodChannel(method: KithMethodName): string {
  return `kith:call:${method}`;
}

/** The IPC channel the main process sends one event's payloads on. */
export function eventChannel(event: KithEventName): string {
  return `kith:event:${event}`;
}

/** The host server's paths (src-main/host/server) and the HTTP transport's (http-transport.ts). */
export const httpPaths = {
  /** POST, JSON body = the method's input; answers an RpcReply. */
  rpc: (method: KithMethodName) => `/api/rpc/${encodeURIComponent(method)}`,
  /** The route pattern the server matches `rpc` with. */
  rpcRoute: '/api/rpc/:method',
  /** GET, text/event-stream: every kithEvents event as `event: <name>` + `data: <json>`. */
  events: '/api/events',
  /** Read-only REST for scripts holding a personal access token. */
  accounts: '/api/v1/accounts',
  friends: '/api/v1/friends',
  /** GET, no token needed: the OpenAPI 3.1 description of the REST routes (openapi.ts). */
  openapi: '/api/v1/openapi.json',
  /** The one-time launch link that opens a browser session. */
  launch: '/launch',
} as const;
