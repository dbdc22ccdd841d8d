// `npm run dist`, after the build: writes the provider client ids of this
// shell's environment (KITH_GOOGLE_CLIENT_ID, KITH_GOOGLE_CLIENT_SECRET,
// KITH_FACEBOOK_APP_ID, KITH_FACEBOOK_CLIENT_TOKEN) into
// dist-electron/kith-build.json, which the package carries and the app reads
// at start (src-main/core/config/built-in-config.ts). Says which ones it built
// in, never their values; a build without them still packages, and the app then
// opens its first-run page saying what is missing.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { BUILT_IN_CONFIG_FILE, BUILT_IN_VARIABLES, builtInConfigFromEnv } from '../src-main/core/config';

const target = path.resolve(import.meta.dirname, '..', 'dist-electron', BUILT_IN_CONFIG_FILE);
const config = builtInConfigFromEnv(process.env);
writeFileSync(target, `${JSON.stringify(config, null, 2)}\n`, { mode: 0o644 });
const carried = BUILT_IN_VARIABLES.filter((name) => name in config);
const missing = BUILT_IN_VARIABLES.filter((name) => !(name in config));
console.log(`Wrote ${path.relative(process.cwd(), target)}: ${carried.length > 0 ? carried.join(', ') : 'no client ids'} built in.`);
if (missing.length > 0) console.log(`Not set, so not built in: ${missing.join(', ')}. The packaged app will ask for them on its first-run page.`);
