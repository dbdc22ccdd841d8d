// Runs every benchmark in its own process (so their memory figures do not mix).
// friends-at-scale runs at 5,000, 50,000 and 100,000 contacts: linear work shows about
// the same contacts per second at both sizes, quadratic work a tenth.
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const here = import.meta.dirname;
const runs: { file: string; env?: Record<string, string> }[] = [
  { file: 'friends-at-scale.ts', env: { BENCH_CONTACTS: '5000' } },
  { file: 'friends-at-scale.ts', env: { BENCH_CONTACTS: '50000' } },
  { file: 'friends-at-scale.ts', env: { BENCH_CONTACTS: '100000' } },
  { file: 'store-at-scale.ts' },
  { file: 'friend-list-scroll.ts' },
  { file: 'cli-startup.ts' },
  { file: 'api-throughput.ts' },
];
let failed = 0;
for (const run of runs) {
  const result = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', path.join(here, run.file)], {
    stdio: 'inherit',
    env: { ...process.env, ...run.env },
  });
  if (result.status !== 0) failed += 1;
}
process.exit(failed === 0 ? 0 : 1);
