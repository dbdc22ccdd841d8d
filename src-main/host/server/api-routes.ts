// The API: POST /api/rpc/<method> for the page (the contract's methods, one
// generic route), and read-only REST for scripts holding a personal token.
import type { Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { KithDispatcher } from '../../../src-contract/dispatcher';
import { buildOpenApiDocument } from '../../../src-contract/openapi';
import { httpPaths, type RpcReply } from '../../../src-contract/wire';
import type { HostTokenService } from './access-tokens';
import { requireAbility, type AuthVariables } from './authenticate';
import type { RequestLimits } from './rate-limits';
import { errorReply, kithErrorReply } from './replies';

type App = Hono<{ Variables: AuthVariables }>;

async function readJsonBody(c: Context): Promise<{ ok: true; value: unknown } | { ok: false; response: Response }> {
  const text = await c.req.text();
  if (text.trim() === '') return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false, response: kithErrorReply(c, 'E_INVALID_INPUT', 'The request body is not valid JSON.') };
  }
}

/** The friends query from the URL: numbers where the contract wants numbers, anything else left for the schema to refuse. */
export function friendQueryFromSearchParams(params: Record<string, string>): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(params)) {
    input[key] = (key === 'offset' || key === 'limit') && /^\d{1,9}$/.test(value) ? Number(value) : value;
  }
  return input;
}

/** A JSON answer as bytes, with its Content-Length. */
export interface JsonBytes {
  bytes: Uint8Array<ArrayBuffer>;
  length: string;
}

/**
 * `value` as JSON bytes. A frozen answer (the dispatcher's checked copy of a page served
 * again) cannot have changed, so its bytes are kept and sent again instead of re-serialised.
 */
export function createJsonBytes(): (value: unknown) => JsonBytes {
  // Kept as bytes: a string would be encoded to UTF-8 again by every socket write.
  const texts = new WeakMap<object, JsonBytes>();
  return (value) => {
    const reusable = typeof value === 'object' && value !== null && Object.isFrozen(value) ? value : null;
    let answer = reusable ? texts.get(reusable) : undefined;
    if (answer === undefined) {
      const bytes = new Uint8Array(Buffer.from(JSON.stringify(value)));
      answer = { bytes, length: String(bytes.byteLength) };
      if (reusable) texts.set(reusable, answer);
    }
    return answer;
  };
}

/** The friends page a script asked for: a token limited to some accounts reads only those, whatever the script asked for. */
export function readFriends(dispatch: KithDispatcher, params: Record<string, string>, allowedAccounts: readonly string[] | undefined): Promise<unknown> {
  const query = friendQueryFromSearchParams(params);
  if (allowedAccounts) query.accountIds = [...allowedAccounts];
  return dispatch('friends.list', query);
}

export function registerApiRoutes(
  app: App,
  dispatch: KithDispatcher,
  tokens: HostTokenService,
  maxBodyBytes: number,
  limits: RequestLimits,
  jsonBytes: (value: unknown) => JsonBytes,
): void {
  const json = (c: Context, value: unknown) => {
    const answer = jsonBytes(value);
    return c.body(answer.bytes, 200, { 'content-type': 'application/json', 'content-length': answer.length });
  };
  let openapi: Promise<unknown> | null = null;
  app.get(httpPaths.openapi, async (c) => {
    openapi ??= dispatch('status.get', {}).then((status) => Object.freeze(buildOpenApiDocument((status as { version: string }).version)));
    try {
      return json(c, await openapi);
    } catch (error) {
      openapi = null;
      return errorReply(c, error);
    }
  });

  // bodyLimit counts the bytes as they stream in, so a body without Content-Length is bounded too.
  const limit = bodyLimit({
    maxSize: maxBodyBytes,
    onError: (c) => kithErrorReply(c, 'E_INVALID_INPUT', `The request body is larger than ${maxBodyBytes} bytes.`, 413),
  });
  app.post(httpPaths.rpcRoute, requireAbility(tokens, 'app', limits), limit, async (c) => {
    const body = await readJsonBody(c);
    if (!body.ok) return body.response;
    try {
      const result = await dispatch(c.req.param('method'), body.value);
      return c.json({ ok: true, result } satisfies RpcReply);
    } catch (error) {
      return errorReply(c, error);
    }
  });

  app.get(httpPaths.accounts, requireAbility(tokens, 'accounts:read', limits), async (c) => {
    try {
      const accounts = (await dispatch('accounts.list', {})) as { id: string }[];
      const allowed = c.get('tokenAccounts');
      return json(c, allowed ? accounts.filter((a) => allowed.includes(a.id)) : accounts);
    } catch (error) {
      return errorReply(c, error);
    }
  });

  app.get(httpPaths.friends, requireAbility(tokens, 'friends:read', limits), async (c) => {
    try {
      return json(c, await readFriends(dispatch, c.req.query(), c.get('tokenAccounts')));
    } catch (error) {
      return errorReply(c, error);
    }
  });
}
