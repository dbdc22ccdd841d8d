// Starts the host shell's server on 127.0.0.1 and mints the one-time launch
// link that opens the app in a browser.
import type { AddressInfo } from 'node:net';
import { KithError } from '../../../src-contract/kith-api';
import { httpPaths } from '../../../src-contract/wire';
import { createServer } from 'node:http';
import { getRequestListener } from '@hono/node-server';
import type { Logger } from '../../core/ports';
import { TOKEN_LIFETIMES } from '../../core/tokens/access-token-service';
import type { HostCore } from './access-tokens';
import { createHostApp, type HostApp } from './host-app';
import { createLaunchPages } from './launch-pages';
import type { LimitSettings } from './rate-limits';
import { allowedHosts, allowedOrigins, isLoopbackOrigin } from './request-guards';
import { PROVIDER_AVATAR_ORIGINS } from '../../node/security-headers';

export interface HostServerOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** The built renderer (dist/renderer). */
  rendererDir: string;
  /** Where the page is opened, when not http://127.0.0.1:<port> (e.g. http://localhost:<port>); also accepted as Host and Origin. */
  publicOrigin?: string;
  /** Image origins the page may show avatars from, besides the real providers' (e.g. the sandbox's URL). */
  imageOrigins?: readonly string[];
  /** How long the launch link works (it works once). Default and longest: 5 minutes. */
  launchTtlMs?: number;
  /** How long a browser session lasts. Default 12 hours. */
  sessionTtlMs?: number;
  /** Heartbeat comment interval on the event stream. Default 15 s. */
  heartbeatMs?: number;
  /** Largest accepted request body. Default 64 KiB. */
  maxBodyBytes?: number;
  /** Failed-attempt and per-token request limits; see DEFAULT_LIMITS. */
  limits?: Partial<LimitSettings>;
  /** Admits POST /control/launch-link with `Authorization: Bearer <secret>` (for `kith open`). */
  controlSecret?: string;
  /** Where 0600 launch pages go (the data folder), so a browser can be opened without the link in its arguments. */
  launchPageDir?: string;
  log?: Logger;
}

export interface HostServer {
  /** http://127.0.0.1:<port> (or the public origin). */
  readonly url: string;
  /** `<url>/launch?token=kith_...`: opens the app once; print it, never log it. */
  readonly launchUrl: string;
  /** A fresh one-time launch link (the first one is spent or expired). */
  createLaunchUrl(): Promise<string>;
  /** A 0600 page in launchPageDir that sends a browser on to `launchUrl`; resolves with its path. Removed once a link is used. */
  writeLaunchPage(launchUrl: string): Promise<string>;
  /** How many pages are listening to events now. */
  readonly eventStreamCount: number;
  /** Ends the event streams and open connections, then stops listening. Does not close the core. */
  close(): Promise<void>;
}

const LOOPBACK = '127.0.0.1';

function listenError(error: NodeJS.ErrnoException, port: number): Error {
  if (error.code === 'EADDRINUSE') return new KithError('E_CONFIG', `Port ${port} on 127.0.0.1 is already in use (another Kith?). Stop it, or pick another port with --port (0 picks a free one).`);
  if (error.code === 'EACCES') return new KithError('E_CONFIG', `Kith may not listen on port ${port}; pick a port above 1023 with --port.`);
  return error;
}

export async function startHostServer(core: HostCore, options: HostServerOptions): Promise<HostServer> {
  if (options.publicOrigin !== undefined && !isLoopbackOrigin(options.publicOrigin)) {
    throw new KithError('E_CONFIG', 'The public origin must be http://127.0.0.1, http://localhost or a *.localhost name, with its port.');
  }
  const launchTtlMs = options.launchTtlMs ?? TOKEN_LIFETIMES.launch.max;
  let app: HostApp | null = null;
  const pages = options.launchPageDir ? createLaunchPages(options.launchPageDir, launchTtlMs) : null;
  // The adapter's bindings (the socket) go on to the app: the failed-attempt limit reads the
  // peer address from them, and without them every request paid for a thrown lookup.
  const answerWithApp = getRequestListener((request, env) => app!.app.fetch(request, env));
  // A script's friends read and the page's calls are answered ahead of the app (direct-friend-reads.ts and direct-rpc-calls.ts say why); all else goes to the app.
  const server = createServer((req, res) => {
    if (!app!.direct(req, res)) void answerWithApp(req, res);
  });
  server.listen(options.port ?? 0, LOOPBACK);
  const port = await new Promise<number>((resolve, reject) => {
    // The very functions registered, so they can be removed again: off() matches by identity.
    const onListenError = (error: NodeJS.ErrnoException) => {
      server.off('listening', onListening);
      reject(listenError(error, options.port ?? 0));
    };
    const onListening = () => {
      server.off('error', onListenError);
      resolve((server.address() as AddressInfo).port);
    };
    server.once('error', onListenError);
    server.once('listening', onListening);
  });
  // A server error after listening (a socket-level failure, EMFILE...) must neither crash the
  // process as an unhandled 'error' event nor vanish: it is logged, by its code only (its
  // message could quote a request).
  server.on('error', (error: NodeJS.ErrnoException) => {
    const data = { code: typeof error.code === 'string' ? error.code : 'unknown', name: error.name };
    if (options.log) options.log.error('host server error', data);
    else console.error('Kith host server error', data);
  });

  app = createHostApp(core, {
    hosts: allowedHosts(port, options.publicOrigin),
    origins: allowedOrigins(port, options.publicOrigin),
    rendererDir: options.rendererDir,
    imageOrigins: [...PROVIDER_AVATAR_ORIGINS, ...(options.imageOrigins ?? [])],
    sessionTtlMs: options.sessionTtlMs ?? TOKEN_LIFETIMES.session.default,
    heartbeatMs: options.heartbeatMs ?? 15_000,
    maxBodyBytes: options.maxBodyBytes ?? 64 * 1024,
    ...(options.limits ? { limits: options.limits } : {}),
    ...(options.controlSecret ? { control: { secret: options.controlSecret, createLaunchUrl: () => createLaunchUrl(), writeLaunchPage: (url: string) => writeLaunchPage(url) } } : {}),
    onLaunch: async () => pages?.removeAll(),
    log: options.log,
  });

  const url = options.publicOrigin ? new URL(options.publicOrigin).origin : `http://${LOOPBACK}:${port}`;
  const writeLaunchPage = async (launchUrl: string) => {
    if (!pages) throw new KithError('E_CONFIG', 'This server was started without a folder for launch pages.');
    return pages.write(launchUrl);
  };
  const createLaunchUrl = async () => {
    const { token } = await core.accessTokens.issue({ type: 'launch', name: 'launch link', abilities: ['app'], ttlMs: launchTtlMs });
    return `${url}${httpPaths.launch}?token=${encodeURIComponent(token)}`;
  };

  let launchUrl: string;
  try {
    // Links and sessions from an earlier run die with it: only this run's printed link opens the app.
    await core.accessTokens.revokeAllOfType('launch');
    await core.accessTokens.revokeAllOfType('session');
    launchUrl = await createLaunchUrl();
  } catch (error) {
    await new Promise((resolve) => server.close(resolve));
    throw error;
  }

  return {
    url,
    launchUrl,
    createLaunchUrl,
    writeLaunchPage,
    get eventStreamCount() {
      return app?.events.openCount ?? 0;
    },
    async close() {
      app?.events.closeAll();
      await new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // Keep-alive sockets would otherwise hold close() open until they time out.
        if ('closeAllConnections' in server) server.closeAllConnections();
      });
      await pages?.removeAll();
      // Last uses are written in batches; the ones of the final second are not lost.
      await core.accessTokens.flushUses?.();
      await core.accessLog?.flush();
    },
  };
}
