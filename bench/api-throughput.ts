// Authenticated `GET /api/v1/friends?limit=50` through the host server (real
// core, on-disk store, a personal token) against a bare node:http server
// returning the same bytes and headers, both under autocannon with 10 connections, runs
// alternating, median of 5. Each server runs in its own process
// (api-throughput.target.ts), so neither shares an event loop with the load.
// Targets: requests/s >= 0.6x the bare server's, p99 latency <= 2x.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import autocannon from 'autocannon';
import { report } from './report';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = 10;
const PATH = '/api/v1/friends?limit=50';

interface Target {
  url: string;
  token?: string;
  child: ChildProcess;
}

function startTarget(args: string[]): Promise<Target> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'api-throughput.target.ts'), ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the ${args[0]} server exited (${code})`)));
    createInterface({ input: child.stdout! }).once('line', (line) => resolve({ ...(JSON.parse(line) as { url: string; token?: string }), child }));
  });
}

async function load(target: Target): Promise<{ rps: number; p99: number; non2xx: number }> {
  const result = await autocannon({
    url: `${target.url}${PATH}`,
    connections: CONNECTIONS,
    duration: SECONDS,
    headers: target.token ? { authorization: `Bearer ${target.token}` } : {},
  });
  return { rps: result.requests.average, p99: result.latency.p99, non2xx: result.non2xx + result.errors };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

const dir = mkdtempSync(path.join(tmpdir(), 'kith-bench-api-'));
const targets: Target[] = [];
try {
  const kith = await startTarget(['kith', dir]);
  targets.push(kith);
  const answer = await fetch(`${kith.url}${PATH}`, { headers: { authorization: `Bearer ${kith.token}` } });
  if (answer.status !== 200) throw new Error(`the host server answered ${answer.status}`);
  const bodyFile = path.join(dir, 'body.json');
  writeFileSync(bodyFile, Buffer.from(await answer.arrayBuffer()));
  // The same headers too (security headers, no-store), so both answers are the same size on the wire.
  const headersFile = path.join(dir, 'headers.json');
  const own = Object.fromEntries([...answer.headers].filter(([name]) => !['date', 'connection', 'keep-alive', 'content-length'].includes(name)));
  writeFileSync(headersFile, JSON.stringify(own));
  const bare = await startTarget(['bare', bodyFile, headersFile]);
  targets.push(bare);

  const kithRuns: Awaited<ReturnType<typeof load>>[] = [];
  const bareRuns: Awaited<ReturnType<typeof load>>[] = [];
  for (let i = 0; i < RUNS; i++) {
    bareRuns.push(await load(bare));
    kithRuns.push(await load(kith));
  }
  const failures = kithRuns.reduce((sum, r) => sum + r.non2xx, 0);
  if (failures > 0) throw new Error(`${failures} authenticated requests did not answer 2xx`);
  const kithRps = median(kithRuns.map((r) => r.rps));
  const bareRps = median(bareRuns.map((r) => r.rps));
  const kithP99 = median(kithRuns.map((r) => r.p99));
  const bareP99 = median(bareRuns.map((r) => r.p99));
  report(
    'API throughput (authenticated GET /api/v1/friends?limit=50)',
    {
      kith_requests_per_s: Math.round(kithRps),
      bare_requests_per_s: Math.round(bareRps),
      throughput_ratio: Math.round((kithRps / bareRps) * 100) / 100,
      kith_p99_ms: kithP99,
      bare_p99_ms: bareP99,
      p99_ratio: Math.round((kithP99 / Math.max(bareP99, 1)) * 100) / 100,
    },
    [`${CONNECTIONS} connections, ${SECONDS} s per run, median of ${RUNS} alternating runs`, 'targets: throughput_ratio >= 0.6, p99_ratio <= 2 (p99 of a bare server under 1 ms is counted as 1 ms)'],
  );
} finally {
  // The servers write their last batches as they stop: the folder goes once they have exited.
  await Promise.all(
    targets.map((target) => new Promise((resolve) => (target.child.exitCode !== null ? resolve(null) : (target.child.once('exit', resolve), target.child.kill('SIGTERM'))))),
  );
  rmSync(dir, { recursive: true, force: true, maxRetries: 5 });
}
