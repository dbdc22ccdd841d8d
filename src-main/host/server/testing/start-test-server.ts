// Starts the host server over a fake core for tests, with the recording
// logger (not redacting) so tests can look for token values in what it was given.
import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createDispatcher } from '../../../../src-contract/dispatcher';
import { createRecordingLogger } from '../../../core/testing/recording-logger';
import type { AccessLogEntry, AccessLogStore } from '../../../core/ports';
import { AccessLog } from '../../../core/tokens/access-log';
import { createFakeKithApi, type FakeKithApi } from '../../../../src-contract/testing/stub-kith-api';
import { startHostServer, type HostServer, type HostServerOptions } from '../host-server';
import { createRequestLimits } from '../rate-limits';
import { createTestAccessTokens, type TestAccessTokens } from './test-access-tokens';
import type { HostAccessLog } from '../access-tokens';

export interface TestServer {
  server: HostServer;
  api: FakeKithApi;
  tokens: TestAccessTokens;
  /** Every line the server logged, unredacted. */
  logLines: string[];
  port: number;
}

/** `accessLog`: the core's access log, for tests of what the server records. */
export async function startTestServer(options: Partial<HostServerOptions> = {}, core: { accessLog?: HostAccessLog } = {}): Promise<TestServer> {
  const api = createFakeKithApi();
  const log = createRecordingLogger();
  const tokens = createTestAccessTokens(log);
  const server = await startHostServer({ ...api, accessTokens: tokens, ...core }, { rendererDir: '/nonexistent/kith-renderer', log, ...options });
  return { server, api, tokens, logLines: log.lines, port: Number(new URL(server.url).port) };
}

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A request with full control of the headers (fetch will not let a test forge Host). */
/** `headers`: a list sends the field once per value, as a client repeating it would. */
export function rawRequest(port: number, options: { method?: string; path: string; headers?: Record<string, string | string[]>; body?: string }): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method: options.method ?? 'GET', path: options.path, headers: options.headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

/** A credential of the right shape that was never issued. */
export const UNISSUED_TOKEN = 'kith_p_000000000000000000000000000000000000000000000000000000';

/** A response as two answers to one request must agree on: everything but the Date header. */
export function comparable(response: RawResponse) {
  const { date: _date, ...headers } = response.headers;
  return { status: response.status, headers, body: response.body };
}

/** An access log whose flushed entries land in `appended`, flushed only when a test says so. */
export function recordingAccessLog(): { accessLog: AccessLog; appended: AccessLogEntry[] } {
  const appended: AccessLogEntry[] = [];
  const store: AccessLogStore = {
    append: async (entries) => void appended.push(...entries),
    entries: async () => [],
    counts: async () => new Map(),
    failures: async () => [],
  };
  const accessLog = new AccessLog({ store: async () => store, clock: { now: Date.now }, log: createRecordingLogger(), scheduleFlush: () => {} });
  return { accessLog, appended };
}

/** What both direct answers (direct-friend-reads.ts, direct-rpc-calls.ts) are built with, for a server at 127.0.0.1:1 over a fake core. */
export function directRules() {
  const api = createFakeKithApi();
  const tokens = createTestAccessTokens(createRecordingLogger());
  return {
    api,
    tokens,
    hosts: new Set(['127.0.0.1:1']),
    origins: new Set(['http://127.0.0.1:1']),
    limits: createRequestLimits(),
    dispatch: createDispatcher(api),
    headers: { 'x-content-type-options': 'nosniff' },
  };
}

/** The status a server gives for what `direct` leaves to the app. */
export const LEFT_FOR_APP = 599;

/** A server on which only `direct` answers; anything it leaves gets LEFT_FOR_APP. Runs `use` with its port, then closes it. */
export async function withDirectOnly(direct: (req: IncomingMessage, res: ServerResponse) => boolean, use: (port: number) => Promise<void>): Promise<void> {
  const server = createServer((req, res) => {
    if (!direct(req, res)) res.writeHead(LEFT_FOR_APP).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    await use((server.address() as AddressInfo).port);
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
}
