// Turns `npm run sandbox -- [flags]` into startSandbox() options. Kept apart
// from cli.ts so it can be tested without starting anything.
import { parseArgs } from 'node:util';
import type { FaultSettingsPatch } from './faults';
import type { StartSandboxOptions } from './server';

const FAULT_FLAGS = {
  latency: 'latencyMs',
  'error-rate': 'serverErrorRate',
  'rate-limit-rate': 'rateLimitRate',
  'malformed-rate': 'malformedRate',
} as const;

export const USAGE = `Usage: npm run sandbox -- [--port <p>] [flags]

  --port <p>                     port on 127.0.0.1 (default 4545; 0 = any free port)
  --auto-consent                 approve at once for the first seeded person (or login_hint)
  --access-token-ttl <s>         access token lifetime (default 3600)
  --refresh-token-ttl <s>        Google refresh token lifetime (default: none; 604800 = a "Testing" app)
  --long-lived-token-ttl <s>     Facebook long-lived token lifetime (default 5184000)
  --code-ttl <s>                 authorization code lifetime (default 60)
  --sync-token-ttl <s>           People sync token lifetime (default 604800 = 7 days)
  --contacts <n>                 contacts of every seeded Google person
  --friends <n>                  friends of every seeded Facebook person
  --facebook-redirect-uri <uri>  registered Facebook redirect URI (repeatable; replaces the default)
  --facebook-app-mode <m>        development (default: http on localhost/127.0.0.1 allowed) | live (https only)
  --facebook-client-token <t>    the app's client token for Login for Devices (default kith-sandbox-client-token)
  --device-code-ttl <s>          Login for Devices code lifetime (default 420)
  --device-poll-interval <s>     Login for Devices poll interval, announced and enforced (default 5)
  --device-token-ttl <s>         lifetime of the token Login for Devices returns (default 5184000 = 60 days)
  --latency <ms>                 added latency, both providers
  --error-rate <0..1>            share of 5xx answers, both providers
  --rate-limit-rate <0..1>       share of Google 429 / Facebook throttling answers, both providers
  --malformed-rate <0..1>        share of truncated JSON bodies, both providers
  --google-<fault> / --facebook-<fault>   the same four faults for one provider only
  --retry-after <s>              Google's Retry-After on 429 (default 30)
  --facebook-throttle-code <c>   4 | 17 | 32 | 613 (default 4)
  --fault-seed <n>               seed of the fault PRNG (default 1)
  --no-admin                     do not serve /__sandbox/*
  --quiet                        do not log requests
  --help`;

function numberFlag(name: string, raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(value)) throw new Error(`--${name} expects a number, got "${raw}"`);
  return value;
}

export type CliArgs = { help: true } | { help: false; options: StartSandboxOptions; quiet: boolean };

export function parseCliArgs(argv: string[]): CliArgs {
  const faultOptions: Record<string, { type: 'string' }> = {};
  for (const flag of Object.keys(FAULT_FLAGS)) {
    for (const prefix of ['', 'google-', 'facebook-']) faultOptions[prefix + flag] = { type: 'string' };
  }
  const { values } = parseArgs({
    args: argv,
    strict: true,
    allowPositionals: false,
    options: {
      port: { type: 'string' },
      'auto-consent': { type: 'boolean' },
      'access-token-ttl': { type: 'string' },
      'long-lived-token-ttl': { type: 'string' },
      'refresh-token-ttl': { type: 'string' },
      'code-ttl': { type: 'string' },
      'sync-token-ttl': { type: 'string' },
      contacts: { type: 'string' },
      friends: { type: 'string' },
      'facebook-redirect-uri': { type: 'string', multiple: true },
      'facebook-app-mode': { type: 'string' },
      'facebook-client-token': { type: 'string' },
      'device-code-ttl': { type: 'string' },
      'device-poll-interval': { type: 'string' },
      'device-token-ttl': { type: 'string' },
      'retry-after': { type: 'string' },
      'facebook-throttle-code': { type: 'string' },
      'fault-seed': { type: 'string' },
      'no-admin': { type: 'boolean' },
      quiet: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
      ...faultOptions,
    },
  });
  if (values.help) return { help: true };
  const str = (name: string): string | undefined => {
    const v = (values as Record<string, unknown>)[name];
    return typeof v === 'string' ? v : undefined;
  };
  const num = (name: string) => numberFlag(name, str(name));

  const google: FaultSettingsPatch = {};
  const facebook: FaultSettingsPatch = {};
  for (const [flag, key] of Object.entries(FAULT_FLAGS)) {
    const both = num(flag);
    const g = num(`google-${flag}`) ?? both;
    const f = num(`facebook-${flag}`) ?? both;
    if (g !== undefined) google[key] = g;
    if (f !== undefined) facebook[key] = f;
  }
  const retryAfter = num('retry-after');
  if (retryAfter !== undefined) google.retryAfterSeconds = retryAfter;
  const throttle = num('facebook-throttle-code');
  if (throttle !== undefined) {
    if (throttle !== 4 && throttle !== 17 && throttle !== 32 && throttle !== 613) throw new Error('--facebook-throttle-code must be 4, 17, 32 or 613');
    facebook.throttleCode = throttle;
  }

  const options: StartSandboxOptions = {
    port: num('port') ?? 4545,
    autoConsent: values['auto-consent'] === true,
    faults: { google, facebook },
    admin: values['no-admin'] !== true,
  };
  const optional: [keyof StartSandboxOptions, number | undefined][] = [
    ['accessTokenTtlSeconds', num('access-token-ttl')],
    ['longLivedTokenTtlSeconds', num('long-lived-token-ttl')],
    ['refreshTokenTtlSeconds', num('refresh-token-ttl')],
    ['codeTtlSeconds', num('code-ttl')],
    ['syncTokenTtlSeconds', num('sync-token-ttl')],
    ['contacts', num('contacts')],
    ['friends', num('friends')],
    ['faultSeed', num('fault-seed')],
    ['facebookDeviceCodeTtlSeconds', num('device-code-ttl')],
    ['facebookDevicePollIntervalSeconds', num('device-poll-interval')],
    ['facebookDeviceTokenTtlSeconds', num('device-token-ttl')],
  ];
  for (const [key, value] of optional) if (value !== undefined) Object.assign(options, { [key]: value });
  const redirects = values['facebook-redirect-uri'];
  if (redirects && redirects.length > 0) options.facebookRedirectUris = redirects;
  const mode = str('facebook-app-mode');
  if (mode !== undefined) {
    if (mode !== 'development' && mode !== 'live') throw new Error('--facebook-app-mode must be development or live');
    options.facebookAppMode = mode;
  }
  const clientToken = str('facebook-client-token');
  if (clientToken !== undefined) options.facebookClientToken = clientToken;
  return { help: false, options, quiet: values.quiet === true };
}
