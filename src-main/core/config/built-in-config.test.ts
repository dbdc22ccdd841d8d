import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { builtInConfigFromEnv, readBuiltInConfig } from './built-in-config';
import { loadConfig } from './load-config';

describe('the built-in configuration', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'kith-built-in-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('carries the four client ids of the build environment and nothing else', () => {
    expect(
      builtInConfigFromEnv({
        KITH_GOOGLE_CLIENT_ID: ' 5555-built.apps.googleusercontent.com ',
        KITH_GOOGLE_CLIENT_SECRET: 'GOCSPX-built-in',
        KITH_FACEBOOK_APP_ID: '',
        KITH_SANDBOX_URL: 'http://127.0.0.1:4545',
        KITH_DATA_DIR: '/tmp/x',
        HOME: '/home/builder',
      }),
    ).toEqual({ KITH_GOOGLE_CLIENT_ID: '5555-built.apps.googleusercontent.com', KITH_GOOGLE_CLIENT_SECRET: 'GOCSPX-built-in' });
  });

  it('is read from the file the build wrote, and loadConfig uses it', async () => {
    const file = path.join(dir, 'kith-build.json');
    await writeFile(file, JSON.stringify(builtInConfigFromEnv({ KITH_GOOGLE_CLIENT_ID: '5555-built.apps.googleusercontent.com', KITH_GOOGLE_CLIENT_SECRET: 'GOCSPX-built-in', KITH_FACEBOOK_APP_ID: '111122223333444', KITH_FACEBOOK_CLIENT_TOKEN: 'builtin0123456789token' })));
    const config = loadConfig({}, undefined, { builtIn: readBuiltInConfig(file) });
    expect(config.google.clientId).toBe('5555-built.apps.googleusercontent.com');
    expect(config.facebook.appId).toBe('111122223333444');
  });

  it('is none for a development build, and an error to fix when damaged or carrying other settings', async () => {
    expect(readBuiltInConfig(path.join(dir, 'missing.json'))).toBeNull();
    const damaged = path.join(dir, 'damaged.json');
    await writeFile(damaged, '{"KITH_GOOGLE_CLIENT_ID": ');
    expect(() => readBuiltInConfig(damaged)).toThrow(expect.objectContaining({ code: 'E_CONFIG', message: expect.stringContaining('damaged') }));
    const other = path.join(dir, 'other.json');
    await writeFile(other, JSON.stringify({ KITH_SANDBOX_URL: 'http://evil.example' }));
    expect(() => readBuiltInConfig(other)).toThrow(expect.objectContaining({ code: 'E_CONFIG' }));
  });
});
