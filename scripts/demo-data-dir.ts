// Where `npm run demo` keeps its data: a folder of its own beside Kith's per-user data
// folder (e.g. ~/.local/share/kith-demo next to ~/.local/share/kith), so the accounts
// connected in one demo are there in the next, and the demo never mixes with a real
// Kith's data. KITH_DATA_DIR still wins. `--fresh` starts over by moving the old folder
// aside (never deleting it: it holds an encrypted vault someone may want back).
import { existsSync } from 'node:fs';
import { rename } from 'node:fs/promises';
import { homedir } from 'node:os';
import path from 'node:path';
import { perUserDataDir } from '../src-main/core/config/per-user-data-dir';
import { ensureDataDir } from '../src-main/node/data-dir';

export interface DemoDataDir {
  readonly dir: string;
  /** Where the previous folder went on --fresh, or null when nothing was moved. */
  readonly movedAside: string | null;
}

export interface DemoDataDirOptions {
  env: Record<string, string | undefined>;
  fresh: boolean;
  platform?: NodeJS.Platform;
  home?: string;
  now?: () => Date;
}

export function demoDataDirPath(env: Record<string, string | undefined>, platform: NodeJS.Platform = process.platform, home: string = homedir()): string {
  const explicit = env.KITH_DATA_DIR?.trim();
  if (explicit) return path.resolve(explicit);
  const kith = perUserDataDir(platform, home, { xdgDataHome: env.XDG_DATA_HOME?.trim() || null, appData: env.APPDATA?.trim() || null });
  const join = platform === 'win32' ? path.win32 : path.posix;
  return join.join(join.dirname(kith), `${join.basename(kith)}-demo`);
}

export async function prepareDemoDataDir(options: DemoDataDirOptions): Promise<DemoDataDir> {
  const dir = demoDataDirPath(options.env, options.platform, options.home);
  let movedAside: string | null = null;
  if (options.fresh && existsSync(dir)) {
    const stamp = (options.now?.() ?? new Date()).toISOString().replace(/[:.]/g, '-');
    movedAside = `${dir}-before-${stamp}`;
    for (let n = 2; existsSync(movedAside); n += 1) movedAside = `${dir}-before-${stamp}-${n}`;
    await rename(dir, movedAside);
  }
  await ensureDataDir(dir);
  return { dir, movedAside };
}
