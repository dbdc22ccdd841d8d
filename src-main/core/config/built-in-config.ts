// The provider client ids a packaged Kith carries from the build: Google's
// desktop client id and secret, Facebook's app id and client token. None is
// confidential: desktop apps "cannot keep secrets (they are public clients)"
// (Google's "OAuth 2.0 for Desktop Apps", developers.google.com/identity/protocols/oauth2/native-app;
// RFC 8252 §8.5), and "because client tokens are embedded in apps, they are not
// secret" (Meta's "Access Tokens", developers.facebook.com/docs/facebook-login/guides/access-tokens).
// `npm run dist` writes them (from the same environment variables the app
// reads) into dist-electron/kith-build.json, which the package carries;
// loadConfig takes them as defaults, and an environment variable set when Kith
// starts still wins.
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { KithError } from '../../../src-contract/kith-api';

/** Beside main.js in dist-electron/, inside the packaged app's app.asar. */
export const BUILT_IN_CONFIG_FILE = 'kith-build.json';

/** The environment variables a build may fill in, and nothing else (no sandbox, no data folder, no test hooks). */
export const BUILT_IN_VARIABLES = ['KITH_GOOGLE_CLIENT_ID', 'KITH_GOOGLE_CLIENT_SECRET', 'KITH_FACEBOOK_APP_ID', 'KITH_FACEBOOK_CLIENT_TOKEN'] as const;
export type BuiltInVariable = (typeof BUILT_IN_VARIABLES)[number];

const value = z.string().trim().min(1).max(512);
export const BuiltInConfigSchema = z
  .object({
    KITH_GOOGLE_CLIENT_ID: value.optional(),
    KITH_GOOGLE_CLIENT_SECRET: value.optional(),
    KITH_FACEBOOK_APP_ID: value.optional(),
    KITH_FACEBOOK_CLIENT_TOKEN: value.optional(),
  })
  .strict();
export type BuiltInConfig = z.infer<typeof BuiltInConfigSchema>;

/** What a build carries: the four variables of the build's environment that are set. */
export function builtInConfigFromEnv(env: Record<string, string | undefined>): BuiltInConfig {
  const picked: Record<string, string> = {};
  for (const name of BUILT_IN_VARIABLES) {
    const raw = env[name]?.trim();
    if (raw) picked[name] = raw;
  }
  return BuiltInConfigSchema.parse(picked);
}

/**
 * The built-in configuration at `file`, or null when the build carries none (a development
 * run). A file that is there but unreadable is an error to fix, never silently ignored.
 */
export function readBuiltInConfig(file: string, read: (file: string) => string = (f) => readFileSync(f, 'utf8')): BuiltInConfig | null {
  let text: string;
  try {
    text = read(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new KithError('E_CONFIG', 'Kith could not read the configuration built into it. Reinstall Kith.');
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new KithError('E_CONFIG', 'The configuration built into Kith is damaged. Reinstall Kith.');
  }
  const checked = BuiltInConfigSchema.safeParse(parsed);
  if (!checked.success) throw new KithError('E_CONFIG', 'The configuration built into Kith is damaged. Reinstall Kith.');
  return checked.data;
}
