// The one-shot loopback redirect receiver of RFC 8252 §7.3: an HTTP server on
// 127.0.0.1 (never 0.0.0.0) that accepts exactly one authorization response —
// a GET on the callback path carrying the state Kith sent — and then takes no other.
//
// A request with a missing or wrong `state` gets an error page and does NOT
// consume the one shot. RFC 9700 §4.7 requires the client to reject a response
// whose state does not match the request, because it was not produced for this
// login (CSRF / a stale tab). Rejecting it is enough: letting it end the login
// too would let anything that can make the browser fetch a loopback URL (any
// web page, for Facebook's fixed, well-known port) cancel every sign-in.
// Meanwhile the genuine redirect can still arrive; the caller learns about
// turned-away requests through `rejectedStateCount` (runLogin reports
// E_STATE_MISMATCH instead of a bare timeout when one was seen).
//
// After the sign-in ends (finished, cancelled, timed out, failed) the server
// keeps answering for a few minutes, so a person who answers the consent page
// late sees Kith's own page saying the sign-in ended, instead of the browser's
// "127.0.0.1 refused to connect"; a code that arrives then is never handed
// over, so it is never exchanged. A new sign-in on the same fixed port
// (Facebook's) takes the port over at once.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { KithError } from '../../../src-contract/kith-api';
import { safeCode } from '../providers/provider-http';
import { SMALL_PAGE_CSP } from '../pages/small-page';
import { callbackPage, outcomePage, renderCallbackPage, type CallbackPage } from './callback-pages';
import { sameSecret } from './random-state';

export const LOOPBACK_HOST = '127.0.0.1';

export interface LoopbackServerOptions {
  /** The redirect URI's path, e.g. "/kith/google/callback". */
  path: string;
  expectedState: string;
  /** 0 (any free port) unless the provider fixes it (Facebook). */
  port?: number;
  /** Shown on the pages, e.g. "Google". */
  providerName: string;
  /** How long the browser that delivered the code waits for the final page before a neutral one. */
  holdMs?: number;
  /** How long the port keeps answering with "this sign-in has ended" after close(); 0 stops at once. */
  lingerMs?: number;
}

/** Long enough to come back from another tab or a coffee; short enough that nothing listens for long. */
export const LOOPBACK_LINGER_MS = 3 * 60 * 1000;

export interface LoopbackRedirect {
  code: string;
}

export type LoginOutcome = { ok: true } | { ok: false; error: KithError };

export interface LoopbackServer {
  readonly port: number;
  /**
   * Settles once: with the code of the redirect that carried the expected state, or with
   * KithError E_CONSENT_DENIED (error=access_denied) / E_PROVIDER (any other error). It never
   * settles on its own otherwise; the caller times out or cancels and then calls close().
   */
  readonly redirect: Promise<LoopbackRedirect>;
  /** Callback requests turned away because their state was missing or wrong. */
  readonly rejectedStateCount: number;
  /**
   * Ends the sign-in: answers a browser still waiting with the outcome's page, drops every
   * connection, and from then on answers the callback with a "this sign-in has ended" page
   * (accepting no code) until lingerMs has passed. Resolves once the waiting browser has its
   * page. Idempotent.
   */
  close(outcome: LoginOutcome): Promise<void>;
  /** Stops listening now, lingering or not. Idempotent. */
  stop(): Promise<void>;
}

/** Servers that ended but still answer, by port: a new sign-in on a fixed port takes it over. */
const lingering = new Map<number, LoopbackServer>();

const PAGE_HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'cache-control': 'no-store',
  'content-security-policy': SMALL_PAGE_CSP,
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  connection: 'close',
};

export async function startLoopbackServer(options: LoopbackServerOptions): Promise<LoopbackServer> {
  const { path, expectedState, providerName } = options;
  const holdMs = options.holdMs ?? 30_000;
  const lingerMs = options.lingerMs ?? LOOPBACK_LINGER_MS;
  if (options.port) await lingering.get(options.port)?.stop();
  let consumed = false;
  /** How the sign-in ended, once it has: what the callback says from then on. */
  let ended: LoginOutcome | null = null;
  let rejectedStateCount = 0;
  let held: { response: ServerResponse; timer: NodeJS.Timeout } | null = null;

  let resolveRedirect!: (redirect: LoopbackRedirect) => void;
  let rejectRedirect!: (error: KithError) => void;
  const redirect = new Promise<LoopbackRedirect>((resolve, reject) => {
    resolveRedirect = resolve;
    rejectRedirect = reject;
  });
  // The caller may close before anyone listens to `redirect`.
  redirect.catch(() => {});

  const send = (response: ServerResponse, page: CallbackPage, extra: Record<string, string> = {}) => {
    if (response.headersSent || response.destroyed) return;
    response.writeHead(page.status, { ...PAGE_HEADERS, ...extra });
    response.end(renderCallbackPage(page));
  };

  const handle = (request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', `http://${LOOPBACK_HOST}`);
    if (url.pathname !== path) return send(response, callbackPage('not-found', providerName));
    if (request.method !== 'GET') return send(response, callbackPage('method-not-allowed', providerName), { allow: 'GET' });
    const params = url.searchParams;
    // RFC 6749 §4.1.2 / §4.1.2.1: success and error responses both carry the state.
    const ours = sameSecret(expectedState, params.get('state'));
    // Ended: whatever the answer carries, nothing is handed over (a late code is never exchanged).
    if (ended) return send(response, ours ? endedPage(ended, providerName) : callbackPage('expired', providerName));
    if (consumed) return send(response, callbackPage('expired', providerName));
    if (!ours) {
      rejectedStateCount += 1;
      return send(response, callbackPage('state-mismatch', providerName));
    }

    consumed = true;
    const error = params.get('error');
    if (error !== null) {
      if (error === 'access_denied') {
        send(response, callbackPage('denied', providerName));
        rejectRedirect(new KithError('E_CONSENT_DENIED', `You declined to let Kith use your ${providerName} account.`));
      } else {
        // The error code is an ASCII token (RFC 6749 §4.1.2.1); anything else is not repeated.
        const safe = safeCode(error) ?? 'unknown error';
        send(response, callbackPage('provider-error', providerName, safe));
        rejectRedirect(new KithError('E_PROVIDER', `${providerName} refused the sign-in (${safe}).`));
      }
      return;
    }
    const code = params.get('code');
    if (!code) {
      send(response, callbackPage('provider-error', providerName, 'no authorization code'));
      rejectRedirect(new KithError('E_PROVIDER', `${providerName} redirected back without an authorization code.`));
      return;
    }
    // Hold the tab until the code is exchanged so it can say how it really went.
    held = {
      response,
      timer: setTimeout(() => {
        if (held?.response === response) held = null;
        send(response, callbackPage('received', providerName));
      }, holdMs),
    };
    response.on('close', () => {
      if (held?.response === response) {
        clearTimeout(held.timer);
        held = null;
      }
    });
    resolveRedirect({ code });
  };

  const server = createServer((request, response) => {
    try {
      handle(request, response);
    } catch {
      send(response, callbackPage('not-found', providerName));
    }
  });
  // Only one browser ever talks to this server; keep nothing around.
  server.keepAliveTimeout = 1_000;
  server.headersTimeout = 10_000;
  server.requestTimeout = 10_000;

  await new Promise<void>((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      server.off('listening', onListening);
      reject(
        error.code === 'EADDRINUSE'
          ? new KithError(
              'E_CONFIG',
              `Kith cannot receive the ${providerName} sign-in: port ${options.port} on ${LOOPBACK_HOST} is in use by another program (or another sign-in). Close it and try again, or change the redirect port in Kith's configuration (KITH_FACEBOOK_REDIRECT_URI).`,
            )
          : new KithError('E_INTERNAL', `Kith could not listen on ${LOOPBACK_HOST} for the ${providerName} sign-in (${error.code ?? 'error'}).`),
      );
    };
    const onListening = () => {
      server.off('error', onError);
      resolve();
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen({ host: LOOPBACK_HOST, port: options.port ?? 0, exclusive: true });
  });
  const port = (server.address() as AddressInfo).port;

  let closing: Promise<void> | null = null;
  let stopping: Promise<void> | null = null;
  let lingerTimer: NodeJS.Timeout | null = null;
  const self: LoopbackServer = {
    port,
    redirect,
    get rejectedStateCount() {
      return rejectedStateCount;
    },
    close(outcome) {
      if (closing) return closing;
      ended = outcome;
      let flushed: Promise<unknown> = Promise.resolve();
      if (held) {
        const { response, timer } = held;
        held = null;
        clearTimeout(timer);
        flushed = new Promise((resolve) => {
          response.once('finish', resolve);
          response.once('close', resolve);
        });
        send(response, outcomePage(outcome, providerName));
      }
      closing = (async () => {
        server.closeIdleConnections();
        // Let the last page reach the browser, but never wait on a stuck socket.
        await Promise.race([flushed, new Promise((resolve) => setTimeout(resolve, 1_000).unref())]);
        server.closeAllConnections();
        if (lingerMs <= 0) return self.stop();
        // Lingering must not keep a process (the CLI) alive: it only answers while something else runs.
        server.unref();
        lingering.set(port, self);
        lingerTimer = setTimeout(() => void self.stop(), lingerMs);
        lingerTimer.unref();
      })();
      return closing;
    },
    stop() {
      if (stopping) return stopping;
      ended ??= { ok: false, error: new KithError('E_LOGIN_CANCELLED', 'The sign-in was stopped.') };
      if (lingerTimer) clearTimeout(lingerTimer);
      if (lingering.get(port) === self) lingering.delete(port);
      stopping = new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return stopping;
    },
  };
  return self;
}

/** What a late answer to an ended sign-in sees: how it ended, and that this answer was not used. */
function endedPage(outcome: LoginOutcome, providerName: string): CallbackPage {
  if (outcome.ok) return callbackPage('ended-finished', providerName);
  switch (outcome.error.code) {
    case 'E_LOGIN_CANCELLED':
      return callbackPage('ended-cancelled', providerName);
    case 'E_LOGIN_TIMEOUT':
      return callbackPage('ended-timeout', providerName);
    default:
      return callbackPage('expired', providerName);
  }
}
