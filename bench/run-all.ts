// Runs every benchmark in its own process (so their memory figures do not mix).
// friends-at-scale prints contacts per second at each size: linear work shows about
// the same rate at every size, quadratic work a tenth per tenfold.
//   npm run bench [-- --sizes 5000,50000,100000]
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const here = import.meta.dirname;
// `--sizes 5000,50000,100000` is passed on to friends-at-scale (its default is 5,000 and 50,000).
const sizes = process.argv.includes('--sizes') ? process.argv[process.argv.indexOf('--sizes') + 1] : undefined;
const runs: { file: string; args?: string[]; env?: Record<string, string> }[] = [
  { file: 'friends-at-scale.ts', args: sizes ? ['--sizes', sizes] : [] },
  { file: 'store-at-scale.ts' },
  { file: 'friend-search-typing.ts' },
  { file: 'friend-list-scroll.ts' },
  { file: 'cli-startup.ts' },
  { file: 'api-throughput.ts' },
];
let failed = 0;
for (const run of runs) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', path.join(here, run.file), ...(run.args ?? [])], {
    stdio: 'inherit',
    env: { ...process.env, ...run.env },
  });
  if (result.status !== 0) failed += 1;
}
process.exit(failed === 0 ? 0 : 1);
