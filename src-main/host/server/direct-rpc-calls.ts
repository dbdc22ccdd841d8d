// The page calls `POST /api/rpc/<method>` for everything it shows, and while
// a person types in the friends search every keystroke is one such call. In
// the Hono app each paid for the framework's own objects (a Request and its
// Headers, a Response, the middleware chain, the body re-wrapped by the body
// limit) on top of the answer. This answers those calls straight from
// node:http, through the same rules the app uses, as direct-friend-reads.ts
// does for a script's friends read: refusalOf (Host, Origin, Fetch-Site,
// JSON content type), authorize with the 'app' ability (session cookie or
// bearer token, failed-attempt wait, per-token bucket), the body limit, the
// dispatcher, errorAnswer, the security headers and the access-log entry.
// A call whose path is not plainly spelled, or that the guards refuse, goes
// on to the app untouched, which then answers it as before.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { parse as parseCookies } from 'hono/utils/cookie';
import type { KithDispatcher } from '../../../src-contract/dispatcher';
import { KithError } from '../../../src-contract/kith-api';
import type { RpcReply } from '../../../src-contract/wire';
import type { Logger } from '../../core/ports';
import type { HostAccessLog, HostTokenService } from './access-tokens';
import { addressOf, authorize, SESSION_COOKIE } from './authenticate';
import { readHeaders } from './direct-friend-reads';
import type { RequestLimits } from './rate-limits';
import { errorAnswer, type ErrorAnswer } from './replies';
import { refusalOf } from './request-guards';
import { answeredEntry } from './response-rules';

export interface DirectRpcCallsDeps {
  hosts: ReadonlySet<string>;
  origins: ReadonlySet<string>;
  tokens: HostTokenService;
  limits: RequestLimits;
  dispatch: KithDispatcher;
  /** Largest accepted request body, as the app's body limit. */
  maxBodyBytes: number;
  /** The headers every answer carries (security-headers.ts). */
  headers: Readonly<Record<string, string>>;
  accessLog?: HostAccessLog;
  log?: Logger;
}

const PREFIX = '/api/rpc/';
/** A method name as the contract spells them (`friends.list`): anything else (an escape, a query) is the app's to parse. */
const PLAIN_METHOD = /^[A-Za-z]+\.[A-Za-z]+$/;

type Body = { ok: true; text: string } | { ok: false; tooLarge: true } | null;

/**
 * The request body as text, as the app reads it: a declared Content-Length over the limit is
 * refused unread, a streamed body once it passes the limit (hono/body-limit); the text decoded
 * as Request.text() decodes it (UTF-8, a leading BOM dropped). Null when the client went away.
 */
function readBody(req: IncomingMessage, maxBytes: number): Promise<Body> {
  const declared = req.headers['content-length'];
  if (declared !== undefined && req.headers['transfer-encoding'] === undefined && (parseInt(declared, 10) || 0) > maxBytes) {
    return Promise.resolve({ ok: false, tooLarge: true });
  }
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        req.off('data', onData);
        resolve({ ok: false, tooLarge: true });
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.once('end', () => resolve({ ok: true, text: new TextDecoder().decode(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks)) }));
    req.once('close', () => resolve(null));
    req.once('error', () => resolve(null));
  });
}

/** Returns a handler that answers the call and returns true, or answers nothing and returns false for the app to take it. */
export function createDirectRpcCalls(deps: DirectRpcCallsDeps): (req: IncomingMessage, res: ServerResponse) => boolean {
  const base = { ...deps.headers, 'cache-control': 'no-store', 'content-type': 'application/json' };
  const tooLarge = () => errorAnswer(new KithError('E_INVALID_INPUT', `The request body is larger than ${deps.maxBodyBytes} bytes.`), 413);

  function send(res: ServerResponse, status: number, body: string, headers: Record<string, string>): number {
    const bytes = Buffer.from(body);
    res.writeHead(status, { ...base, ...headers, 'content-length': String(bytes.byteLength) });
    res.end(bytes);
    return bytes.byteLength;
  }

  /** The reply to an authorised call: the method's result, or the error it failed with. */
  async function reply(method: string, body: Body & { ok: true }): Promise<{ status: number; body: string; headers: Record<string, string> } | ErrorAnswer> {
    let input: unknown;
    if (body.text.trim() !== '') {
      try {
        input = JSON.parse(body.text);
      } catch {
        return errorAnswer(new KithError('E_INVALID_INPUT', 'The request body is not valid JSON.'));
      }
    }
    try {
      const result = await deps.dispatch(method, input);
      return { status: 200, body: JSON.stringify({ ok: true, result } satisfies RpcReply), headers: {} };
    } catch (error) {
      return errorAnswer(error);
    }
  }

  async function answer(req: IncomingMessage, res: ServerResponse, method: string, authorization: string | undefined, cookie: string | undefined, started: number): Promise<void> {
    let tokenId: string | undefined;
    let status = 200;
    let bytes = 0;
    try {
      const presented = { authorization, cookie: authorization === undefined && cookie ? parseCookies(cookie, SESSION_COOKIE)[SESSION_COOKIE] : undefined, client: addressOf(req.socket) };
      const result = await authorize(deps.tokens, deps.limits, presented, 'app');
      tokenId = result.tokenId;
      let answered: { status: number; body: string; headers: Record<string, string> };
      if (!result.ok) {
        answered = errorAnswer(result.error, result.retryAfterMs === undefined ? undefined : 429, result.retryAfterMs);
      } else {
        const body = await readBody(req, deps.maxBodyBytes);
        // The page gave up on this call (a newer search replaced it): nobody is left to answer.
        if (body === null || res.destroyed) return;
        answered = body.ok ? await reply(method, body) : tooLarge();
      }
      status = answered.status;
      bytes = send(res, answered.status, answered.body, answered.headers);
    } catch (error) {
      // As the app's onError: by name only, never a message that could quote the request.
      deps.log?.error('The host server failed to answer a request', { path: req.url ?? PREFIX, errorName: error instanceof Error ? error.name : typeof error });
      if (!res.headersSent) {
        const failed = errorAnswer(error);
        status = failed.status;
        bytes = send(res, failed.status, failed.body, failed.headers);
      }
    }
    if (tokenId && deps.accessLog) deps.accessLog.record(answeredEntry(tokenId, 'POST', req.url ?? PREFIX, status, started, bytes));
  }

  return (req, res) => {
    if (req.method !== 'POST') return false;
    const url = req.url ?? '';
    if (!url.startsWith(PREFIX)) return false;
    const method = url.slice(PREFIX.length);
    if (!PLAIN_METHOD.test(method)) return false;
    const headers = readHeaders(req.rawHeaders);
    const refusal = refusalOf(
      { method: 'POST', path: url, host: headers.host, origin: headers.origin, fetchSite: headers['sec-fetch-site'], contentType: headers['content-type'] },
      deps,
    );
    if (refusal) return false;
    void answer(req, res, method, headers.authorization, headers.cookie, performance.now());
    return true;
  };
}
