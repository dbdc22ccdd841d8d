// How long `kith accounts --json` takes and how much memory it peaks at, as a
// user runs it (node bin/kith.mjs, the built CLI), against a bare `node -e 0`
// measured in the same run: the ratio is what the CLI adds to Node's own start.
// Each run gets a new, empty data folder; the sandbox URL is a dummy loopback
// address (listing accounts never calls a provider). Peak memory is the
// child's maximum resident set, from /usr/bin/time where it exists, else from
// the child's own process.resourceUsage() at exit (a preload that both
// commands get). Targets: at most 3x the wall time, at most 60 MB peak.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { report } from './report';

const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const kithBin = fileURLToPath(new URL('../bin/kith.mjs', import.meta.url));
const timeBin = '/usr/bin/time';
const useTime = existsSync(timeBin);
// Writes maxRSS (KiB, like /usr/bin/time's %M) to KITH_BENCH_RSS_FILE as the process exits.
const rssPreload =
  'data:text/javascript,' +
  encodeURIComponent("import{writeFileSync}from'node:fs';process.on('exit',()=>writeFileSync(process.env.KITH_BENCH_RSS_FILE,String(process.resourceUsage().maxRSS)))");

interface Sample {
  wallMs: number;
  peakKiB: number;
}

function runOnce(args: string[], env: Record<string, string>, scratch: string): Sample {
  const rssFile = path.join(scratch, 'rss');
  rmSync(rssFile, { force: true });
  const [command, commandArgs] = useTime
    ? [timeBin, ['-f', '%M', '-o', rssFile, process.execPath, ...args]]
    : [process.execPath, ['--import', rssPreload, ...args]];
  const started = performance.now();
  const result = spawnSync(command, commandArgs, {
    env: { PATH: process.env.PATH ?? '', HOME: scratch, KITH_BENCH_RSS_FILE: rssFile, ...env },
    encoding: 'utf8',
  });
  const wallMs = performance.now() - started;
  if (result.status !== 0) throw new Error(`${args.join(' ')} exited ${result.status}: ${result.stderr}`);
  const peakKiB = Number(readFileSync(rssFile, 'utf8').trim().split('\n').pop());
  return { wallMs, peakKiB };
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

const scratch = mkdtempSync(path.join(tmpdir(), 'kith-bench-cli-'));
try {
  const kithEnv = (dataDir: string) => ({
    KITH_DATA_DIR: dataDir,
    KITH_SANDBOX_URL: 'http://127.0.0.1:9',
    ...(process.env.KITH_KEYRING ? { KITH_KEYRING: process.env.KITH_KEYRING } : {}),
  });
  // Warm-up: builds dist/cli if it is missing or stale, and warms the file cache for both.
  runOnce([kithBin, 'accounts', '--json'], kithEnv(mkdtempSync(path.join(scratch, 'data-'))), scratch);
  runOnce(['-e', '0'], {}, scratch);

  const node: Sample[] = [];
  const kith: Sample[] = [];
  for (let i = 0; i < RUNS; i += 1) {
    // Interleaved, so a busy moment on the shared cores slows both alike.
    node.push(runOnce(['-e', '0'], {}, scratch));
    const dataDir = mkdtempSync(path.join(scratch, 'data-'));
    kith.push(runOnce([kithBin, 'accounts', '--json'], kithEnv(dataDir), scratch));
  }
  const nodeWall = median(node.map((s) => s.wallMs));
  const kithWall = median(kith.map((s) => s.wallMs));
  // The target is in MB (10^6 bytes); /usr/bin/time and resourceUsage report KiB.
  const nodePeak = (median(node.map((s) => s.peakKiB)) * 1024) / 1e6;
  const kithPeak = (median(kith.map((s) => s.peakKiB)) * 1024) / 1e6;
  const figures = {
    runs: RUNS,
    nodeWallMs: Math.round(nodeWall),
    kithWallMs: Math.round(kithWall),
    wallRatio: Math.round((kithWall / nodeWall) * 100) / 100,
    nodePeakMB: Math.round(nodePeak * 10) / 10,
    kithPeakMB: Math.round(kithPeak * 10) / 10,
    peakRatio: Math.round((kithPeak / nodePeak) * 100) / 100,
  };
  const met = figures.wallRatio <= 3 && kithPeak <= 60;
  report('kith accounts --json vs node -e 0 (medians)', figures, [
    `peak memory from ${useTime ? '/usr/bin/time' : 'process.resourceUsage()'}; keyring ${process.env.KITH_KEYRING === 'none' ? 'off (KITH_KEYRING=none)' : 'probed as by default'}`,
    `targets: at most 3x node's wall time and 60 MB peak: ${met ? 'met' : 'MISSED'}`,
  ]);
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
