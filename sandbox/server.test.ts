import { describe, expect, it } from 'vitest';
import { startSandbox } from './server';
import { createSandboxAdmin } from './admin-client';
import { facebookTokens, googleTokens } from './testing/consent';

describe('startSandbox', () => {
  it('binds 127.0.0.1 on a free port and closes cleanly, even with open keep-alive connections', async () => {
    const sandbox = await startSandbox();
    expect(sandbox.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect((await fetch(`${sandbox.url}/__sandbox/health`)).status).toBe(200);
    await sandbox.close();
    await sandbox.close(); // idempotent
    await expect(fetch(`${sandbox.url}/__sandbox/health`)).rejects.toThrow();
  });

  it('fails to start on a port already in use', async () => {
    const first = await startSandbox();
    try {
      const port = Number(new URL(first.url).port);
      await expect(startSandbox({ port })).rejects.toThrow(/EADDRINUSE/);
    } finally {
      await first.close();
    }
  });

  it('logs method, path and status only: no code, token or verifier', async () => {
    const lines: string[] = [];
    const sandbox = await startSandbox({ log: (line) => lines.push(line) });
    try {
      const g = await googleTokens(sandbox.url);
      const f = await facebookTokens(sandbox.url);
      await fetch(`${sandbox.url}/facebook/graph/v23.0/me?access_token=${encodeURIComponent(f.access_token)}`);
      const issued = (await createSandboxAdmin(sandbox.url).tokens()).map((t) => t.value);
      expect(issued).toContain(g.access_token);
      const log = lines.join('\n');
      expect(log).toContain('POST /google/token 200');
      for (const value of issued) expect(log).not.toContain(value);
      expect(log).not.toMatch(/code=|access_token=|code_verifier/);
    } finally {
      await sandbox.close();
    }
  });

  it('rejects invalid options', async () => {
    await expect(startSandbox({ accessTokenTtlSeconds: 0 })).rejects.toThrow();
    await expect(startSandbox({ facebookRedirectUris: ['not a url'] })).rejects.toThrow();
  });
});
