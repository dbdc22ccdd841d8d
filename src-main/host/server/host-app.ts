// The host shell's HTTP application: the guards every request passes, the
// launch link, the API, the event stream and the built renderer. A script's
// friends read and the page's calls are answered ahead of it by the same rules
// (direct-friend-reads.ts, direct-rpc-calls.ts).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Hono } from 'hono';
import type { Logger } from '../../core/ports';
import { createDispatcher } from '../../../src-contract/dispatcher';
import { httpPaths } from '../../../src-contract/wire';
import type { HostCore } from './access-tokens';
import { createJsonBytes, registerApiRoutes } from './api-routes';
import { createDirectFriendReads } from './direct-friend-reads';
import { createDirectRpcCalls } from './direct-rpc-calls';
import { clientOf, requireAbility, tooManyReply, verifyCredential, type AuthVariables } from './authenticate';
import { CONTROL_LAUNCH_PATH, controlLaunchHandler, type ControlSettings } from './control-route';
import { createEventStreamHub, type EventStreamHub } from './event-stream';
import { handleLaunch } from './launch-route';
import { createRequestLimits, type LimitSettings } from './rate-limits';
import { errorReply, kithErrorReply } from './replies';
import { refusalOf } from './request-guards';
import { answeredEntry, isNoStorePath } from './response-rules';
import { securityHeaders } from '../../node/security-headers';
import { createStaticRenderer } from '../../node/static-renderer';

export interface HostAppSettings {
  hosts: ReadonlySet<string>;
  origins: ReadonlySet<string>;
  rendererDir: string;
  imageOrigins: readonly string[];
  sessionTtlMs: number;
  heartbeatMs: number;
  maxBodyBytes: number;
  /** Failed-attempt and per-token request limits (defaults: DEFAULT_LIMITS). */
  limits?: Partial<LimitSettings>;
  /** `kith open`'s way in: the control secret from the server file, and what mints a launch link. */
  control?: ControlSettings;
  /** Told when a launch link was traded for a session (so its 0600 launch page can go). */
  onLaunch?: () => Promise<void>;
  log?: Logger;
}

export interface HostApp {
  app: Hono<{ Variables: AuthVariables }>;
  events: EventStreamHub;
  /** Answers a script's friends read or a call of the page straight from node:http and returns true, or returns false for `app` to answer. */
  direct: (req: IncomingMessage, res: ServerResponse) => boolean;
}

export function createHostApp(core: HostCore, settings: HostAppSettings): HostApp {
  const app = new Hono<{ Variables: AuthVariables }>();
  const dispatch = createDispatcher(core, { log: settings.log });
  const events = createEventStreamHub(core, { heartbeatMs: settings.heartbeatMs, log: settings.log });
  const headers = securityHeaders(settings.imageOrigins);
  const serveRenderer = createStaticRenderer(settings.rendererDir);
  const accessLog = core.accessLog;
  const limits = createRequestLimits(settings.limits, undefined, accessLog ? (client) => accessLog.failed(client) : undefined);

  if (accessLog) {
    // Every request made with a personal token, once answered; never its headers or body.
    app.use('*', async (c, next) => {
      const started = performance.now();
      await next();
      const tokenId = c.get('tokenId');
      if (!tokenId) return;
      const url = c.req.url;
      // The path and query as sent: everything from the first slash after the origin.
      const pathAndQuery = url.slice(url.indexOf('/', url.indexOf('//') + 2));
      accessLog.record(answeredEntry(tokenId, c.req.method, pathAndQuery, c.res.status, started, Number(c.res.headers.get('content-length') ?? 0) || 0));
    });
  }

  app.use('*', async (c, next) => {
    await next();
    for (const [name, value] of Object.entries(headers)) {
      // A small page Kith wrote itself brings a stricter policy of its own (its one inline style, by hash).
      if (name === 'content-security-policy' && c.res.headers.has(name)) continue;
      c.res.headers.set(name, value);
    }
    if (isNoStorePath(c.req.path)) c.res.headers.set('cache-control', 'no-store');
  });

  app.use('*', async (c, next) => {
    const refusal = refusalOf(
      {
        method: c.req.method,
        path: c.req.path,
        host: c.req.header('host'),
        origin: c.req.header('origin'),
        fetchSite: c.req.header('sec-fetch-site'),
        contentType: c.req.header('content-type'),
      },
      settings,
    );
    if (refusal) return kithErrorReply(c, refusal.code, refusal.message, refusal.status);
    await next();
  });

  app.get(httpPaths.launch, async (c) => {
    const response = await handleLaunch(c, core.accessTokens, settings.sessionTtlMs, limits);
    // The launch page goes before the browser is answered, so it is never there once the app is open.
    if (response.status === 303 && response.headers.has('set-cookie')) await settings.onLaunch?.();
    return response;
  });

  if (settings.control) {
    const answer = controlLaunchHandler(settings.control);
    app.post(CONTROL_LAUNCH_PATH, async (c) => {
      const client = clientOf(c);
      const wait = limits.failures.waitMs(client);
      if (wait > 0) return tooManyReply(c, wait, 'Too many invalid control requests; wait before trying again.');
      const response = await answer(c);
      if (response.status === 401) limits.failures.failed(client);
      return response;
    });
  }

  const jsonBytes = createJsonBytes();
  registerApiRoutes(app, dispatch, core.accessTokens, settings.maxBodyBytes, limits, jsonBytes);
  const directDeps = {
    hosts: settings.hosts,
    origins: settings.origins,
    tokens: core.accessTokens,
    limits,
    dispatch,
    headers,
    ...(accessLog ? { accessLog } : {}),
    ...(settings.log ? { log: settings.log } : {}),
  };
  const friendReads = createDirectFriendReads({ ...directDeps, jsonBytes });
  const rpcCalls = createDirectRpcCalls({ ...directDeps, maxBodyBytes: settings.maxBodyBytes });
  const direct = (req: IncomingMessage, res: ServerResponse) => friendReads(req, res) || rpcCalls(req, res);

  app.get(httpPaths.events, requireAbility(core.accessTokens, 'app', limits), (c) => {
    const { token, types } = c.get('credential');
    return events.open(() =>
      verifyCredential(core.accessTokens, token, 'app', types).then(
        () => true,
        () => false,
      ),
    );
  });

  app.all('/api/*', (c) => kithErrorReply(c, 'E_INVALID_INPUT', 'There is no such API endpoint.', 404));

  app.get('*', (c) => serveRenderer(c.req.path));

  app.onError((error, c) => {
    settings.log?.error('The host server failed to answer a request', { path: c.req.path, errorName: error.name });
    return errorReply(c, error);
  });

  return { app, events, direct };
}
