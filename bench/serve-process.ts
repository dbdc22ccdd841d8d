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
  /** Where the resident set is now (residentParts), in bytes. */
  residentParts(): ResidentParts;
  stop(): Promise<void>;
}

/**
 * The resident set by kind of mapping (/proc/<pid>/smaps): file-backed pages (the node binary,
 * libsql's .node, shared libraries), malloc's main arena ([heap], the brk area), and every other
 * anonymous mapping (V8's heap pages, other threads' malloc arenas, large mallocs, stacks).
 * Mapped files cost the same in any Node process; the anonymous parts are what the server holds.
 */
export interface ResidentParts {
  files: number;
  mallocMainArena: number;
  otherAnonymous: number;
}

export function residentPartsOf(pid: number): ResidentParts {
  const parts: ResidentParts = { files: 0, mallocMainArena: 0, otherAnonymous: 0 };
  let part: keyof ResidentParts = 'otherAnonymous';
  for (const line of readFileSync(`/proc/${pid}/smaps`, 'utf8').split('\n')) {
    const mapping = /^[0-9a-f]+-[0-9a-f]+ \S+ \S+ \S+ \d+\s*(.*)$/.exec(line);
    if (mapping) {
      const name = mapping[1]!.trim();
      part = name.startsWith('/') ? 'files' : name === '[heap]' ? 'mallocMainArena' : 'otherAnonymous';
      continue;
    }
    const rss = /^Rss:\s+(\d+) kB/.exec(line);
    if (rss) parts[part] += Number(rss[1]) * 1024;
  }
  return parts;
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
    residentParts: () => residentPartsOf(child.pid!),
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(killer);
    },
  };
}
