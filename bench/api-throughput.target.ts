// One server for api-throughput.ts, in its own process so the load generator
// does not share its event loop: `kith <dataDir>` is the host server over a real
// core and on-disk store, with one synced Google account and a personal token;
// `bare <bodyFile> [<headersFile>]` is a plain node:http server answering every
// request with the same bytes and headers. Prints one JSON line ({ url, token? }) once listening.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startSandbox } from '../sandbox/server';
import { loadConfig } from '../src-main/core/config';
import { createKithCore } from '../src-main/core/kith-core';
import { createLogger } from '../src-main/core/log/logger';
import type { CorePorts } from '../src-main/core/ports';
import { createSandboxBrowser } from '../src-main/core/testing/sandbox-browser';
import { freePort } from '../src-main/core/testing/free-port';
import { startHostServer } from '../src-main/host/server/host-server';
import { createConfDocumentStore } from '../src-main/node/conf-document-store';
import { createNodeCipher } from '../src-main/node/node-cipher';
import { createSqliteFriendsDatabase } from '../src-main/node/store/sqlite-friends-database';

const [mode, arg, extra] = process.argv.slice(2);

async function kith(dataDir: string): Promise<void> {
  const redirect = `http://localhost:${await freePort()}/kith/facebook/callback`;
  const sandbox = await startSandbox({ contacts: 500, facebookRedirectUris: [redirect] });
  const log = createLogger({ level: 'error' });
  const ports: CorePorts = {
    cipher: createNodeCipher({ dataDir, keyring: null, log }),
    store: await createConfDocumentStore({ dir: dataDir, log }),
    friendsDatabase: createSqliteFriendsDatabase({ dataDir }),
    browser: createSandboxBrowser(),
    fetch: globalThis.fetch,
    clock: { now: () => Date.now() },
    randomBytes: (size) => new Uint8Array(randomBytes(size)),
    log,
  };
  const env = { KITH_SANDBOX_URL: sandbox.url, KITH_FACEBOOK_REDIRECT_URI: redirect, KITH_DATA_DIR: dataDir };
  const core = await createKithCore(ports, loadConfig(env), { shell: 'host', version: 'bench' });
  const account = await core.accounts.connect({ provider: 'google' });
  await core.sync.run({ accountId: account.id });
  // friends.list serves the offline cache: the sandbox is not needed while under load.
  await sandbox.close();
  const { token } = await core.accessTokens.issue({ type: 'personal', name: 'bench', abilities: ['friends:read'] });
  // The per-token limit still runs on every request (its cost is measured), set high enough not to refuse the load.
  const server = await startHostServer(core, { port: 0, rendererDir: dataDir, log, limits: { tokenBurst: 1e9, tokenPerSecond: 1e9 } });
  console.log(JSON.stringify({ url: server.url, token }));
  process.once('SIGTERM', () => void server.close().then(() => core.close()).then(() => process.exit(0)));
}

function bare(bodyFile: string, headersFile: string | undefined): void {
  const body = readFileSync(bodyFile);
  const headers: Record<string, string> = headersFile ? (JSON.parse(readFileSync(headersFile, 'utf8')) as Record<string, string>) : { 'content-type': 'application/json' };
  const server = createServer((_req, res) => {
    res.writeHead(200, { ...headers, 'content-length': body.length });
    res.end(body);
  });
  server.listen(0, '127.0.0.1', () => {
    console.log(JSON.stringify({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }));
  });
  process.once('SIGTERM', () => server.close(() => process.exit(0)));
}

if (mode === 'kith' && arg) await kith(arg);
else if (mode === 'bare' && arg) bare(arg, extra);
else throw new Error('usage: api-throughput.target.ts kith <dataDir> | bare <bodyFile> [<headersFile>]');
