// The exact list of files `npm run dist` would put into app.asar from the
// project folder, resolved by electron-builder's own matcher
// (app-builder-lib's getMainFileMatchers, the code that packs) from
// electron-builder.yml's `files`, over a copy of this repository's file tree
// plus what the build writes (dist-electron/, dist/renderer/, their source
// maps) and what a developer's folder may hold (.env files, a release/
// folder). Then the node_modules it would add: the production dependencies,
// as package-lock.json records them.
import { createRequire } from 'node:module';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
const { getMainFileMatchers } = require('app-builder-lib/out/fileMatcher') as {
  getMainFileMatchers(...args: unknown[]): Array<{ from: string; createFilter(): (file: string, stat: unknown) => boolean }>;
};
const yaml = require('js-yaml') as { load(text: string): unknown };

const root = path.resolve(import.meta.dirname, '..', '..', '..');
const SKIPPED_DIRS = new Set(['node_modules', '.git', 'dist', 'dist-electron', 'release', 'test-results', 'playwright-report', '.kith-dev']);

/** The repository's files as paths relative to its root, without what the build or npm writes. */
async function repositoryFiles(dir = root): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (entry.isDirectory() && SKIPPED_DIRS.has(entry.name)) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await repositoryFiles(full)));
    else if (entry.isFile()) out.push(path.relative(root, full));
  }
  return out;
}

/** What `npm run build` and `scripts/write-build-config.ts` write, and what a developer's folder may hold. */
const BUILT = [
  'dist-electron/main.js',
  'dist-electron/main.js.map',
  'dist-electron/chunks/login-flow-abc123.js',
  'dist-electron/chunks/login-flow-abc123.js.map',
  'dist-electron/preload.cjs',
  'dist-electron/preload.cjs.map',
  'dist-electron/kith-build.json',
  'dist/renderer/index.html',
  'dist/renderer/favicon.svg',
  'dist/renderer/assets/index-abc123.js',
  'dist/renderer/assets/index-abc123.js.map',
  'dist/renderer/assets/index-abc123.css',
  'dist/cli/kith.cjs',
  'dist/cli/kith.cjs.map',
  '.env',
  '.env.local',
  'sandbox/.env',
  'release/linux-unpacked/kith',
  'node_modules/electron/index.js',
  'node_modules/vitest/index.js',
];

let appDir = '';
let packed: string[] = [];

async function walk(dir: string, keep: (file: string, info: unknown) => boolean): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    const info = await stat(full);
    if (!keep(full, info)) continue;
    if (entry.isDirectory()) out.push(...(await walk(full, keep)));
    else out.push(path.relative(appDir, full).split(path.sep).join('/'));
  }
  return out;
}

beforeAll(async () => {
  appDir = await mkdtemp(path.join(tmpdir(), 'kith-package-'));
  for (const file of [...(await repositoryFiles()), ...BUILT]) {
    await mkdir(path.dirname(path.join(appDir, file)), { recursive: true });
    await writeFile(path.join(appDir, file), '');
  }
  await writeFile(path.join(appDir, 'electron-builder.yml'), await readFile(path.join(root, 'electron-builder.yml')));
  const config = yaml.load(await readFile(path.join(root, 'electron-builder.yml'), 'utf8')) as Record<string, unknown> & { directories: { output: string; buildResources: string } };
  const packager = {
    info: { projectDir: appDir, buildResourcesDir: config.directories.buildResources, config, isPrepackedAppAsar: false, debugLogger: { isEnabled: false } },
  };
  const [matcher] = getMainFileMatchers(appDir, '/app', (s: string) => s, config.linux ?? {}, packager, path.join(appDir, config.directories.output), false);
  packed = (await walk(appDir, matcher!.createFilter())).sort();
}, 60_000);

afterAll(() => rm(appDir, { recursive: true, force: true }));

describe('the packaged app', () => {
  it('holds exactly package.json, the built main process and preload, the built-in configuration and the built pages', () => {
    expect(packed).toEqual([
      'dist-electron/chunks/login-flow-abc123.js',
      'dist-electron/kith-build.json',
      'dist-electron/main.js',
      'dist-electron/preload.cjs',
      'dist/renderer/assets/index-abc123.css',
      'dist/renderer/assets/index-abc123.js',
      'dist/renderer/favicon.svg',
      'dist/renderer/index.html',
      'package.json',
    ]);
  });

  it('has no tests, sandbox, sources, source maps, .env files, CLI bundle or node_modules of the project folder', () => {
    for (const file of packed) {
      expect(file).not.toMatch(/\.test\.|\.spec\.|\/testing\/|^sandbox\/|^src-|^e2e\/|\.map$|(^|\/)\.env|^dist\/cli\/|node_modules|^release\//);
    }
  });

  it('adds only production dependencies: none of the development tools', async () => {
    const lock = JSON.parse(await readFile(path.join(root, 'package-lock.json'), 'utf8')) as { packages: Record<string, { dev?: boolean; devOptional?: boolean }> };
    const pkg = JSON.parse(await readFile(path.join(root, 'package.json'), 'utf8')) as { dependencies: Record<string, string>; devDependencies: Record<string, string> };
    const production = new Set(
      Object.entries(lock.packages)
        .filter(([key, entry]) => key.startsWith('node_modules/') && !entry.dev && !entry.devOptional)
        .map(([key]) => key.slice(key.lastIndexOf('node_modules/') + 'node_modules/'.length)),
    );
    for (const name of Object.keys(pkg.dependencies)) expect(production).toContain(name);
    for (const tool of ['electron', 'electron-builder', 'vitest', 'typescript', '@playwright/test', 'oidc-provider', 'vite', 'eslint', 'react', 'axe-core']) {
      expect(pkg.devDependencies).toHaveProperty([tool]);
      expect(production).not.toContain(tool);
    }
  });
});

describe('electron-builder.yml', () => {
  it("uses resources/ icons and builds AppImage and deb, dmg, and NSIS", async () => {
    const config = yaml.load(await readFile(path.join(root, 'electron-builder.yml'), 'utf8')) as {
      linux: { icon: string; target: string[] };
      mac: { icon: string; target: string[] };
      win: { icon: string; target: string[] };
    };
    expect(config.linux).toMatchObject({ icon: 'resources/icons', target: expect.arrayContaining(['AppImage', 'deb']) });
    expect(config.mac).toMatchObject({ icon: 'resources/icon.icns', target: expect.arrayContaining(['dmg']) });
    expect(config.win).toMatchObject({ icon: 'resources/icon.ico', target: ['nsis'] });
    for (const icon of ['resources/icon.icns', 'resources/icon.ico', 'resources/icons/512x512.png', 'resources/icons/256x256.png']) {
      expect((await stat(path.join(root, icon))).size).toBeGreaterThan(0);
    }
  });
});
