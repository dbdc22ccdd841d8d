import { describe, expect, it } from 'vitest';
import { createLogger } from './logger';

const refresh = '1//0gAnotherRefreshToken_value-0123456789';

describe('createLogger', () => {
  it('writes one redacted line per entry to its sink', () => {
    const lines: string[] = [];
    const log = createLogger({ sink: (line) => lines.push(line), now: () => Date.UTC(2026, 10, 23, 15, 0, 0) });
    log.warn(`refresh failed for ${refresh}`, { refreshToken: refresh, account: 'acc_abcdef12', attempt: 2 });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^2026-11-23T15:00:00.000Z kith warn: refresh failed for \[redacted\]/);
    expect(lines[0]).not.toContain(refresh);
    expect(lines[0]).toContain('"account":"acc_abcdef12"');
    expect(lines[0]).toContain('"attempt":2');
  });

  it('drops entries below its level and never throws when the sink does', () => {
    const lines: string[] = [];
    const log = createLogger({ sink: (line) => lines.push(line), level: 'warn' });
    log.info('chatty');
    log.error('bad');
    expect(lines).toHaveLength(1);
    const broken = createLogger({
      sink: () => {
        throw new Error('EPIPE');
      },
    });
    expect(() => broken.error('x')).not.toThrow();
  });

  it('writes to stderr by default, not stdout', () => {
    const written: string[] = [];
    const original = process.stderr.write.bind(process.stderr);
    process.stderr.write = ((chunk: string) => {
      written.push(String(chunk));
      return true;
    }) as typeof process.stderr.write;
    try {
      createLogger().info('hello', { code: 'secret-code' });
    } finally {
      process.stderr.write = original;
    }
    expect(written.join('')).toContain('hello');
    expect(written.join('')).not.toContain('secret-code');
  });
});
