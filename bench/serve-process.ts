// `kith serve` as a person runs it (node bin/kith.mjs serve, the built CLI),
// in its own process, for figures that must be its own: its RSS after a sync
// and when idle. The bench signs in through the printed launch link like a
// browser (the session cookie), then calls the page's RPC methods.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');

export interface ServeProcess {
  readonly pid: number;
  rpc<T>(method: string, input: unknown): Promise<T>;
  /** Resident set size now, and the peak so far (VmRSS, VmHWM of /proc/<pid>/status), in bytes. */
  memory(): { rss: number; peak: number };
  stop(): Promise<void>;
}

export async function startServeProcess(env: Record<string, string>): Promise<ServeProcess> {
  const child = spawn(process.execPath, [path.join(root, 'bin/kith.mjs'), 'serve', '--port', '0'], {
    cwd: root,
    env: { ...process.env, ...env, KITH_BROWSER: 'none' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let printed = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const launchUrl = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`kith serve did not start:\n${printed}`)), 60_000);
    const onData = (chunk: Buffer) => {
      printed += chunk.toString('utf8');
      const match = /http:\/\/127\.0\.0\.1:\d+\/launch\?\S+/.exec(printed);
      if (match) {
        clearTimeout(timer);
        resolve(match[0]);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => reject(new Error(`kith serve exited with ${code}:\n${printed}`)));
  });
  const origin = new URL(launchUrl).origin;
  const launched = await fetch(launchUrl, { redirect: 'manual' });
  const cookie = launched.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  if (!cookie) throw new Error(`the launch link gave no session (HTTP ${launched.status})`);
  const status = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1] ?? 0) * 1024;
  return {
    pid: child.pid!,
    async rpc<T>(method: string, input: unknown): Promise<T> {
      const response = await fetch(`${origin}/api/rpc/${method}`, {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/json', origin },
        body: JSON.stringify(input),
      });
      const reply = (await response.json()) as { ok: boolean; result?: T; error?: unknown };
      if (!reply.ok) throw new Error(`${method} failed: ${JSON.stringify(reply.error)}`);
      return reply.result as T;
    },
    memory: () => ({ rss: status('VmRSS'), peak: status('VmHWM') }),
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(killer);
    },
  };
}
