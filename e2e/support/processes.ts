// Real processes for end-to-end tests: the sandbox providers and the Kith host
// shell, each started the way a person starts them, on free loopback ports.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

import { freePort } from '../../src-main/core/testing/free-port';

const root = path.resolve(import.meta.dirname, '..', '..');
const tsx = path.join(root, 'node_modules', '.bin', 'tsx');

export interface RunningProcess {
  /** The first match of the ready pattern (e.g. the URL the process printed). */
  readonly ready: RegExpMatchArray;
  /** Everything the process printed so far (stdout and stderr). */
  output(): string;
  stop(): Promise<void>;
}

export async function startProcess(
  args: string[],
  options: { env?: Record<string, string>; readyPattern: RegExp; timeoutMs?: number; name: string },
): Promise<RunningProcess> {
  const child: ChildProcess = spawn(tsx, args, {
    cwd: root,
    env: { ...process.env, ...options.env, NODE_ENV: 'test' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let printed = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const ready = await new Promise<RegExpMatchArray>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${options.name} did not become ready in time. Output:\n${printed}`)),
      options.timeoutMs ?? 30_000,
    );
    const onData = (chunk: Buffer) => {
      printed += chunk.toString('utf8');
      const match = printed.match(options.readyPattern);
      if (match) {
        clearTimeout(timer);
        resolve(match);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${options.name} exited with ${code} before it was ready. Output:\n${printed}`));
    });
  });
  // Keep collecting output after ready, for assertions on what was printed.
  return {
    ready,
    output: () => printed,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(killer);
    },
  };
}

export interface SandboxProcess {
  /** Base URL, e.g. http://127.0.0.1:4545. */
  readonly url: string;
  /** The Facebook redirect URI the sandbox registered (localhost, a free port); Kith reads KITH_FACEBOOK_REDIRECT_URI. */
  readonly facebookRedirectUri: string;
  stop(): Promise<void>;
}

/**
 * `npm run sandbox` on a free port, with a Facebook redirect URI on another free port; or on the
 * port and redirect URI of a sandbox stopped earlier, to bring "the providers" back.
 */
export async function startSandboxProcess(
  options: { contacts?: number; friends?: number; port?: number; facebookRedirectUri?: string } = {},
): Promise<SandboxProcess> {
  const facebookRedirectUri = options.facebookRedirectUri ?? `http://localhost:${await freePort()}/kith/facebook/callback`;
  const args = ['sandbox/cli.ts', '--port', String(options.port ?? 0), '--quiet'];
  if (options.contacts !== undefined) args.push('--contacts', String(options.contacts));
  if (options.friends !== undefined) args.push('--friends', String(options.friends));
  args.push('--facebook-redirect-uri', facebookRedirectUri);
  // Login for Devices polls at the interval the sandbox announces (Facebook's 5 s); a second is enough here.
  args.push('--device-poll-interval', '1');
  const sandbox = await startProcess(args, { name: 'The sandbox', readyPattern: /listening on (http:\/\/127\.0\.0\.1:\d+)/ });
  return { url: sandbox.ready[1]!, facebookRedirectUri, stop: () => sandbox.stop() };
}
