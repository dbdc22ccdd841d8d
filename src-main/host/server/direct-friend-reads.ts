// Scripts poll `GET /api/v1/friends` with a bearer token, and most of what
// such a request cost in the Hono app was the framework's own objects (a
// Headers per request and per answer, the middleware chain), several times
// the work of the answer itself (bench/api-throughput.ts). This answers that
// one request straight from node:http, through the same rules the app uses:
// refusalOf (Host, Origin, Fetch-Site), authorize (credential, failed-attempt
// wait, token check, per-token bucket), readFriends (the token's accounts),
// the shared JSON bytes, errorAnswer, the security headers and the access-log
// entry. Anything else, or anything the guards refuse, goes on to the app
// untouched, which then answers it as before.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { KithDispatcher } from '../../../src-contract/dispatcher';
import { httpPaths } from '../../../src-contract/wire';
import type { Logger } from '../../core/ports';
import type { HostAccessLog, HostTokenService } from './access-tokens';
import { readFriends, type JsonBytes } from './api-routes';
import { addressOf, authorize } from './authenticate';
import type { RequestLimits } from './rate-limits';
import { errorAnswer } from './replies';
import { refusalOf } from './request-guards';
import { answeredEntry } from './response-rules';

export interface DirectFriendReadsDeps {
  hosts: ReadonlySet<string>;
  origins: ReadonlySet<string>;
  tokens: HostTokenService;
  limits: RequestLimits;
  dispatch: KithDispatcher;
  jsonBytes: (value: unknown) => JsonBytes;
  /** The headers every answer carries (security-headers.ts). */
  headers: Readonly<Record<string, string>>;
  accessLog?: HostAccessLog;
  log?: Logger;
}

const PATH = httpPaths.friends;
/**
 * Queries whose parameters read the same however they are decoded (no escapes, no '+',
 * each name once, checked below): anything else is left to the app's own query parser.
 */
const PLAIN_QUERY = /^[A-Za-z0-9_.~=&-]*$/;

/** The query's parameters, or null when it is not plain enough to read without a decoder. */
function plainParams(query: string): Record<string, string> | null {
  if (!PLAIN_QUERY.test(query)) return null;
  const params: Record<string, string> = {};
  for (const pair of query.split('&')) {
    if (pair === '') continue;
    const at = pair.indexOf('=');
    const name = at === -1 ? pair : pair.slice(0, at);
    if (name === '' || Object.hasOwn(params, name)) return null;
    params[name] = at === -1 ? '' : pair.slice(at + 1);
  }
  return params;
}

/** The request headers the direct answers (this one, direct-rpc-calls.ts) look at, by their lower-case names. */
export interface ReadHeaders {
  authorization?: string;
  cookie?: string;
  host?: string;
  origin?: string;
  'sec-fetch-site'?: string;
  'content-type'?: string;
}
const READ_HEADERS = new Set(['authorization', 'cookie', 'host', 'origin', 'sec-fetch-site', 'content-type']);
/** Their name lengths: most headers a client sends are skipped without lower-casing their name. */
const READ_LENGTHS = new Set([...READ_HEADERS].map((name) => name.length));

/**
 * Each header the guards read, as the app reads it: a Fetch Headers joins repeated fields with
 * ", " (node:http's req.headers would keep only the first of some of them), and the adapter
 * joins cookies with "; " (RFC 6265 §5.4). One pass over the raw list instead of
 * req.headersDistinct, which builds an array for every header sent.
 */
export function readHeaders(raw: readonly string[]): ReadHeaders {
  const read: Record<string, string> = {};
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i]!;
    if (!READ_LENGTHS.has(name.length)) continue;
    const lower = name.toLowerCase();
    if (!READ_HEADERS.has(lower)) continue;
    const before = read[lower];
    read[lower] = before === undefined ? raw[i + 1]! : `${before}${lower === 'cookie' ? '; ' : ', '}${raw[i + 1]!}`;
  }
  return read;
}

/** Returns a handler that answers the request and resolves true, or answers nothing and returns false for the app to take it. */
export function createDirectFriendReads(deps: DirectFriendReadsDeps): (req: IncomingMessage, res: ServerResponse) => boolean {
  const base = { ...deps.headers, 'cache-control': 'no-store', 'content-type': 'application/json' };

  async function answer(req: IncomingMessage, res: ServerResponse, authorization: string, params: Record<string, string>, started: number): Promise<void> {
    let tokenId: string | undefined;
    let status = 200;
    let bytes = 0;
    try {
      const result = await authorize(deps.tokens, deps.limits, { authorization, cookie: undefined, client: addressOf(req.socket) }, 'friends:read');
      tokenId = result.tokenId;
      if (!result.ok) {
        ({ status, bytes } = sendError(res, errorAnswer(result.error, result.retryAfterMs === undefined ? undefined : 429, result.retryAfterMs)));
      } else {
        const accounts = result.record.type === 'personal' ? result.record.accounts : undefined;
        let page: JsonBytes | null = null;
        try {
          page = deps.jsonBytes(await readFriends(deps.dispatch, params, accounts));
        } catch (error) {
          ({ status, bytes } = sendError(res, errorAnswer(error)));
        }
        if (page) {
          res.writeHead(200, { ...base, 'content-length': page.length });
          res.end(page.bytes);
          bytes = page.bytes.byteLength;
        }
      }
    } catch (error) {
      // As the app's onError: by name only, never a message that could quote the request.
      deps.log?.error('The host server failed to answer a request', { path: PATH, errorName: error instanceof Error ? error.name : typeof error });
      if (!res.headersSent) ({ status, bytes } = sendError(res, errorAnswer(error)));
    }
    if (tokenId && deps.accessLog) deps.accessLog.record(answeredEntry(tokenId, 'GET', req.url ?? PATH, status, started, bytes));
  }

  function sendError(res: ServerResponse, error: ReturnType<typeof errorAnswer>): { status: number; bytes: number } {
    res.writeHead(error.status, { ...base, ...error.headers });
    res.end(error.body);
    return { status: error.status, bytes: Buffer.byteLength(error.body) };
  }

  return (req, res) => {
    if (req.method !== 'GET') return false;
    const url = req.url ?? '';
    const mark = url.indexOf('?');
    if ((mark === -1 ? url : url.slice(0, mark)) !== PATH) return false;
    const headers = readHeaders(req.rawHeaders);
    const authorization = headers.authorization;
    if (authorization === undefined) return false;
    const params = plainParams(mark === -1 ? '' : url.slice(mark + 1));
    if (!params) return false;
    const refusal = refusalOf(
      { method: 'GET', path: PATH, host: headers.host, origin: headers.origin, fetchSite: headers['sec-fetch-site'], contentType: headers['content-type'] },
      deps,
    );
    if (refusal) return false;
    void answer(req, res, authorization, params, performance.now());
    return true;
  };
}
