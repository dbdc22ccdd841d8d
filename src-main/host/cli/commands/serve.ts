// kith serve [--port <p>] [--open]: the host shell. Serves the built renderer
// and the API on 127.0.0.1 and prints the one-time launch link.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../../../core/config';
import type { Command } from '../cli-context';
import { parse } from '../parse';
import { UsageError } from '../usage-error';

export const serveUsage = 'kith serve [--port <port>] [--open]';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');

export const serve: Command = async (args, { io, openCoreToServe, openBrowser, waitForInterrupt }) => {
  const { values } = parse(args, { port: { type: 'string', short: 'p' }, open: { type: 'boolean' } }, { min: 0, max: 0, usage: serveUsage });
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError('--port takes a port number (0 picks a free one)');
  const config = loadConfig(io.env);
  const rendererDir = config.rendererDir ?? path.join(repoRoot, 'dist', 'renderer');
  if (!existsSync(path.join(rendererDir, 'index.html'))) {
    io.err(`kith: the app's pages are not built (${rendererDir}); run "npm run build:renderer". The API is served anyway.`);
  }
  // Loaded here, not at the top: hono and its server are needed by this command only,
  // and every other command starts faster without them.
  const { startHostServer } = await import('../../server/host-server');
  const core = await openCoreToServe();
  const server = await startHostServer(core, { port, rendererDir, ...(config.sandboxUrl ? { imageOrigins: [new URL(config.sandboxUrl).origin] } : {}) });
  io.out(`Kith is serving on ${server.url}`);
  io.out('Open the app with this one-time link (it works once, for 5 minutes):');
  io.out(server.launchUrl);
  if (values.open) await openBrowser(server.launchUrl).catch(() => io.err('kith: the browser did not open; use the link above.'));
  await waitForInterrupt();
  io.err('Stopping...');
  await server.close();
  return 0;
};
