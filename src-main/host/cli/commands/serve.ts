// kith serve [--port <p>] [--open]: the host shell. Serves the built renderer
// and the API on 127.0.0.1 and prints the one-time launch link.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { realScheduler } from '../../../core/api/scheduler';
import { loadConfig } from '../../../core/config';
import { coreNotingWork } from '../core-noting-work';
import { exposeFullGc } from '../full-gc';
import { createIdleCleanup, idleCleanups } from '../idle-cleanup';
import type { Command } from '../cli-context';
import { parse } from '../parse';
import { UsageError } from '../usage-error';
import { newControlSecret, writeServerFile } from '../server-file';

export const serveUsage = 'kith serve [--port <port>] [--open]';

/**
 * How long after the last call or sync (and the core's background work after it) the idle
 * clean-up runs: long enough that a person typing a search or scrolling never pays for it
 * between two calls, short enough to come well before V8's own memory reducer.
 */
const IDLE_CLEANUP_AFTER_MS = 2_000;
/**
 * How long after the last call the people index and its search words (saved in the store) are let
 * go of: longer than a person's pause between two searches in an open window, so only a server
 * nobody is using gives the memory back (some 25 MiB at 100,000 contacts) and pays for it at the
 * next call, which reads the saved index as a new process does.
 */
const RELEASE_INDEX_AFTER_MS = 30_000;

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');

export const serve: Command = async (args, { io, openCoreToServe, openFileInBrowser, waitForInterrupt }) => {
  const { values } = parse(args, { port: { type: 'string', short: 'p' }, open: { type: 'boolean' } }, { min: 0, max: 0, usage: serveUsage });
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError('--port takes a port number (0 picks a free one)');
  // A server lives long and is idle most of the time. V8 grows its young generation to 2 x 16 MB
  // during a sync (survivors of each scavenge) and hands it back only after a long quiet spell;
  // kept at its size so far (a few MB), RSS after a 100,000-contact sync was some 30 MB lower.
  // --max-semi-space-size is read only when V8 starts; the growth factor is read at each growth.
  setFlagsFromString('--semi-space-growth-factor=1');
  // The old generation likewise: after each full collection V8 lets it grow to up to 4 times what
  // survived while collecting is fast, so during a 100,000-contact sync (25-50 MB live) the heap grew
  // to 90-130 MB, and an idle server keeps that size until V8's memory reducer runs. At 1.5 times (the
  // factor is read at each full collection) it stayed under 45 MB through the sync, at the cost of some
  // 44 full collections instead of 10 (0.7-2 s of them in all against 0.2-0.7 s, at load 6-11); the
  // RSS right after the sync was 140-154 MiB against 164-177 without the cap (three pairs, load 6-11).
  // With the smaller page cache as well (host-cli-host.ts), the sync took 12.3 s against 10.1 s before
  // both (medians of three, load 3-5).
  setFlagsFromString('--heap-growing-percent=50');
  const config = loadConfig(io.env);
  const rendererDir = config.rendererDir ?? path.join(repoRoot, 'dist', 'renderer');
  if (!existsSync(path.join(rendererDir, 'index.html'))) {
    io.err(`kith: the app's pages are not built (${rendererDir}); run "npm run build:renderer". The API is served anyway.`);
  }
  // Loaded here, not at the top: hono and its server are needed by this command only,
  // and every other command starts faster without them.
  const { startHostServer } = await import('../../server/host-server');
  const core = await openCoreToServe();
  const dataDir = (await core.status.get({})).dataDir;
  const controlSecret = newControlSecret();
  // Once quiet, the heap is made its live size at once (full-gc.ts says why); armed only by work.
  const fullGc = exposeFullGc();
  const settled = () => core.idle();
  const cleanup = idleCleanups(
    createIdleCleanup({ quietMs: IDLE_CLEANUP_AFTER_MS, scheduler: realScheduler, settled, cleanUp: fullGc }),
    createIdleCleanup({
      quietMs: RELEASE_INDEX_AFTER_MS,
      scheduler: realScheduler,
      settled,
      cleanUp: async () => {
        if (await core.releaseIndex()) fullGc();
      },
    }),
  );
  const watched = coreNotingWork(core, cleanup);
  const server = await startHostServer(watched.core, {
    port,
    rendererDir,
    controlSecret,
    launchPageDir: dataDir,
    ...(config.sandboxUrl ? { imageOrigins: [new URL(config.sandboxUrl).origin] } : {}),
  });
  const removeServerFile = await writeServerFile(dataDir, { pid: process.pid, url: server.url, secret: controlSecret });
  io.out(`Kith is serving on ${server.url}`);
  io.out('Open the app with this one-time link (it works once, for 5 minutes):');
  io.out(server.launchUrl);
  io.out('For a fresh link later, run "kith open".');
  // Ctrl-C is heard from here on, also while the browser opener is still starting.
  const interrupted = waitForInterrupt();
  if (values.open) {
    // The browser gets a 0600 page's path, not the link: another user can read a program's arguments.
    await openFileInBrowser(await server.writeLaunchPage(server.launchUrl)).catch(() => io.err('kith: the browser did not open; use the link above.'));
  }
  await interrupted;
  io.err('Stopping...');
  watched.stop();
  cleanup.stop();
  await removeServerFile();
  await server.close();
  return 0;
};
