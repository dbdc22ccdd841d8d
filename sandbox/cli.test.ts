import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { parseCliArgs } from './cli-args';

describe('CLI flags', () => {
  it('map to startSandbox options, faults per provider', () => {
    const args = parseCliArgs([
      '--port', '5000', '--auto-consent', '--access-token-ttl', '30', '--contacts', '50000', '--friends', '300',
      '--facebook-redirect-uri', 'http://localhost:1/a', '--facebook-redirect-uri', 'http://localhost:2/b',
      '--latency', '10', '--google-error-rate', '0.5', '--facebook-rate-limit-rate', '0.25', '--malformed-rate', '0.1',
      '--retry-after', '9', '--facebook-throttle-code', '613', '--sync-token-ttl', '60', '--code-ttl', '5', '--refresh-token-ttl', '604800', '--no-admin',
    ]);
    expect(args).toEqual({
      help: false,
      quiet: false,
      options: {
        port: 5000,
        autoConsent: true,
        admin: false,
        accessTokenTtlSeconds: 30,
        codeTtlSeconds: 5,
        refreshTokenTtlSeconds: 604800,
        syncTokenTtlSeconds: 60,
        contacts: 50000,
        friends: 300,
        facebookRedirectUris: ['http://localhost:1/a', 'http://localhost:2/b'],
        faults: {
          google: { latencyMs: 10, serverErrorRate: 0.5, malformedRate: 0.1, retryAfterSeconds: 9 },
          facebook: { latencyMs: 10, rateLimitRate: 0.25, malformedRate: 0.1, throttleCode: 613 },
        },
      },
    });
  });

  it('set the Facebook app mode, client token and Login for Devices timings', () => {
    const args = parseCliArgs([
      '--facebook-app-mode', 'live', '--facebook-client-token', 'abcdefgh12', '--device-code-ttl', '60', '--device-poll-interval', '1', '--device-token-ttl', '7200',
    ]);
    expect(args).toMatchObject({
      options: { facebookAppMode: 'live', facebookClientToken: 'abcdefgh12', facebookDeviceCodeTtlSeconds: 60, facebookDevicePollIntervalSeconds: 1, facebookDeviceTokenTtlSeconds: 7200 },
    });
    expect(() => parseCliArgs(['--facebook-app-mode', 'production'])).toThrow(/development or live/);
  });

  it('default to port 4545 with no faults', () => {
    expect(parseCliArgs([])).toMatchObject({ help: false, options: { port: 4545, autoConsent: false, faults: { google: {}, facebook: {} } } });
  });

  it('reject unknown flags and bad values', () => {
    expect(() => parseCliArgs(['--frobnicate'])).toThrow();
    expect(() => parseCliArgs(['--contacts', 'many'])).toThrow(/--contacts expects a number/);
    expect(() => parseCliArgs(['--facebook-throttle-code', '429'])).toThrow(/4, 17, 32 or 613/);
  });
});

describe('npm run sandbox', () => {
  it('prints its URL on 127.0.0.1, serves, and stops cleanly on SIGTERM', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'sandbox/cli.ts', '--port', '0', '--quiet'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no URL printed: ${output}`)), 20_000);
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const match = /Kith sandbox listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
        if (match?.[1]) {
          clearTimeout(timer);
          resolve(match[1]);
        }
      });
      child.once('exit', () => reject(new Error(`exited early: ${output}`)));
    });
    expect((await fetch(`${url}/__sandbox/health`)).status).toBe(200);
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    await expect(fetch(`${url}/__sandbox/health`)).rejects.toThrow();
  });
});
