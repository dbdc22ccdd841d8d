import { decodeJwt } from 'jose';
import { describe, expect, it } from 'vitest';
import { startSandbox } from './server';
import { createSandboxAdmin } from './admin-client';
import { googleTokens } from './testing/consent';
import { createSandboxClock } from './clock';

describe('sandbox clock', () => {
  it('is injectable: tokens and id_tokens are stamped with the given base clock plus the advanced offset', async () => {
    const fixed = Date.UTC(2030, 0, 1);
    const sandbox = await startSandbox({ now: () => fixed });
    try {
      const tokens = await googleTokens(sandbox.url);
      expect(decodeJwt(tokens.id_token ?? '').iat).toBe(fixed / 1000);
      const admin = createSandboxAdmin(sandbox.url);
      const [access] = await admin.tokens({ kind: 'access' });
      expect(access?.expiresAt).toBe(fixed + 3600_000);
      await admin.advanceClock(3600);
      expect((await admin.tokens({ kind: 'access' }))[0]?.status).toBe('expired');
    } finally {
      await sandbox.close();
    }
  });

  it('never moves backward', () => {
    const clock = createSandboxClock(() => 1000);
    clock.advance(500);
    expect(clock.now()).toBe(1500);
    expect(() => clock.advance(-1)).toThrow(RangeError);
    clock.reset();
    expect(clock.now()).toBe(1000);
  });
});
