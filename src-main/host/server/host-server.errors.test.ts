// Server-level 'error' events after a successful listen: the listen-time handler is gone,
// and a permanent one logs each error by its code, without the message.
import type { Server } from 'node:http';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startTestServer, type TestServer } from './testing/start-test-server';

const servers = vi.hoisted(() => [] as Server[]);
vi.mock('node:http', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:http')>();
  return {
    ...real,
    createServer: (...args: Parameters<typeof real.createServer>) => {
      const server = real.createServer(...args);
      servers.push(server);
      return server;
    },
  };
});

let t: TestServer | undefined;
afterEach(async () => {
  await t?.server.close();
  t = undefined;
  servers.length = 0;
});

describe('host server errors after listening', () => {
  it('logs every later error by its code, without its message, and does not crash', async () => {
    t = await startTestServer();
    const server = servers.at(-1)!;
    expect(server.listenerCount('error')).toBe(1);
    const failure = Object.assign(new Error('accept failed near /launch?token=kith_l_secretsecret123'), { code: 'EMFILE' });
    // With no 'error' listener left, emit() would throw (an uncaught error in the real process).
    expect(() => server.emit('error', failure)).not.toThrow();
    expect(() => server.emit('error', failure)).not.toThrow();
    const lines = t.logLines.filter((line) => line.startsWith('error host server error'));
    expect(lines).toHaveLength(2);
    expect(lines[0]).toContain('EMFILE');
    expect(t.logLines.join('\n')).not.toContain('secretsecret');
    // Still serving.
    expect((await fetch(`${t.server.url}/api/v1/accounts`)).status).toBe(401);
  });

  it('removes the listen-time error handler once listening, so none piles up', async () => {
    t = await startTestServer();
    const server = servers.at(-1)!;
    const before = server.listeners('error');
    expect(before).toHaveLength(1);
    server.emit('error', Object.assign(new Error('x'), { code: 'ECONNRESET' }));
    // The one listener is permanent (a once-listener would now be gone).
    expect(server.listeners('error')).toEqual(before);
  });
});
