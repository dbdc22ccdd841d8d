// startSandbox(): the in-process entry point for tests and the CLI. Binds
// 127.0.0.1 only.
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createSandboxApp } from './app';
import { createSandboxClock } from './clock';
import { createContext } from './context';
import { FaultController } from './faults';
import { SandboxOptionsSchema, type SandboxOptionsInput } from './options';
import { createSigningKey, type SigningKey } from './util/signing-keys';

export interface StartSandboxOptions extends SandboxOptionsInput {
  /** The sandbox's base clock in epoch ms (default Date.now); admin /clock/advance adds to it. */
  now?: () => number;
  /** Receives one line per request (method, path, status; never queries or bodies). */
  log?: (line: string) => void;
}

export interface RunningSandbox {
  /** Base URL, e.g. "http://127.0.0.1:4545" (no trailing slash). */
  url: string;
  close(): Promise<void>;
}

// RSA key generation is the slow part of a start (~0.5 s); sandboxes in one
// process share the keys, so a test file can start several cheaply. Each new
// process still gets fresh keys: clients must read the JWKS, never pin a key.
let keys: Promise<{ google: SigningKey; facebook: SigningKey }> | null = null;
function signingKeys() {
  keys ??= Promise.all([createSigningKey(), createSigningKey()]).then(([google, facebook]) => ({ google, facebook }));
  return keys;
}

export async function startSandbox(options: StartSandboxOptions = {}): Promise<RunningSandbox> {
  const { now, log, ...rest } = options;
  const config = SandboxOptionsSchema.parse(rest);
  const clock = createSandboxClock(now);
  const faults = new FaultController(config.faults, config.faultSeed);
  const { google, facebook } = await signingKeys();
  const context = createContext(config, clock, faults, { google, facebook });
  const app = createSandboxApp(context, log);

  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port: config.port, hostname: '127.0.0.1' }, () => resolve(s));
    s.once('error', reject);
  });
  const address = server.address() as AddressInfo;
  context.baseUrl = `http://127.0.0.1:${address.port}`;

  let closing: Promise<void> | null = null;
  return {
    url: context.baseUrl,
    close() {
      closing ??= new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // Keep-alive connections (browsers, fetch) would hold close() open.
        if ('closeAllConnections' in server && typeof server.closeAllConnections === 'function') server.closeAllConnections();
      });
      return closing;
    },
  };
}
