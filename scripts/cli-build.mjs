// Builds the `kith` command line to one JavaScript file, dist/cli/kith.cjs, so
// `kith` starts on plain Node without compiling TypeScript at every run. The
// file is CommonJS, run by scripts/run-cli-bundle.mjs with a V8 code cache
// (Node 20 caches scripts only; that file says why and how).
// Used by `npm run build:cli`, by npm's `prepare` step (npm ci / npm install in
// a clone) and by bin/kith.mjs when the build is missing or older than its
// sources. Plain JavaScript because it must run before anything is compiled.
// esbuild's postinstall script is not needed (npm may hold it back until it is
// approved): its JavaScript API finds the platform binary in the
// @esbuild/<platform> optional dependency.
//
// Kith's own files are bundled, and so are the pure-JavaScript packages every
// command loads at start (BUNDLED_PACKAGES): Node resolves, reads and compiles
// each ESM file of a package on its own, and zod alone is 95 files, about as
// long as Node's whole start. Every other package stays an import from
// node_modules, exactly as under tsx: native addons (@napi-rs/keyring), and
// packages that only some commands load with import() (conf, jose, the Google
// SDK), which stay out of the start-up path without being bundled. Kith's own
// modules loaded with import() (the host server for `kith serve`, with hono)
// are in the bundle but run, and load their packages, only when imported.
//
// Freshness (whether a start must rebuild first) is checked by
// scripts/cli-build-stamp.mjs, from the stamp this build writes.
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { outDir, root, stampFile, stampVersion } from './cli-build-stamp.mjs';

export { cliBundle, isCliBuildFresh } from './cli-build-stamp.mjs';

const entry = path.join(root, 'src-main/host/cli.ts');
// The build's own inputs besides the bundled sources: a change to how it builds is a change to the build.
const tsconfig = path.join(root, 'tsconfig.base.json');
const buildInputs = [fileURLToPath(import.meta.url), tsconfig];
// Packages copied into the bundle. Each must be plain JavaScript that finds no
// file of its own at run time, under a licence that allows copying with its
// notice kept (zod is MIT): the build writes each one's licence to
// dist/cli/THIRD-PARTY-NOTICES.txt. Their installed package.json files are build
// inputs, so an upgrade rebuilds.
const BUNDLED_PACKAGES = new Set(['zod']);
// `import { z } from 'zod'` binds zod's namespace object, so a bundler must keep every
// export it has, z.locales' ~50 translations of the error messages included (450 KB
// minified); `import * as z from 'zod'` (the form zod 4's documentation uses) is the
// same API, and esbuild then keeps only what the code calls: 112 KB. The sources keep
// the named form; each file's import is rewritten as it is bundled.
const ZOD_NAMED_IMPORT = "import { z } from 'zod';";
const ZOD_NAMESPACE_IMPORT = "import * as z from 'zod';";
// A dynamic import() of a package (not of a relative path, which esbuild bundles), outside
// a type (`typeof import('x')`): rewritten to the __kithImport the runner passes in.
const PACKAGE_IMPORT = /(?<!typeof\s*)\bimport\((['"])([^'"./][^'"]*)\1\)/g;

/** The licence of every package copied into the bundle, which its licence asks to travel with the copy. */
function thirdPartyNotices() {
  return [...BUNDLED_PACKAGES]
    .map((name) => {
      const dir = path.join(root, 'node_modules', name);
      const { version, license } = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'));
      const file = readdirSync(dir).find((f) => /^(licen[cs]e|copying)(\.|$)/i.test(f));
      if (!file) throw new Error(`${name} has no licence file to ship with the bundle`);
      return `${name} ${version} (${license})\n\n${readFileSync(path.join(dir, file), 'utf8').trim()}\n`;
    })
    .join('\n');
}

/** The bundle with its code-cache key (a hash of its text) on a last line of its own; see run-cli-bundle.mjs. */
function withCacheKey(contents) {
  const key = createHash('sha256').update(contents).digest('hex').slice(0, 32);
  return Buffer.concat([contents, Buffer.from(`\n//# kithCodeCacheKey=${key}\n`)]);
}

/** Bundles the CLI. Throws when a source file does not compile (esbuild has printed why). */
export async function buildCli({ logLevel = 'warning' } = {}) {
  const esbuild = await import('esbuild');
  const files = new Map();
  const record = (file) => {
    const { size, mtimeMs } = statSync(file);
    files.set(path.relative(root, file).split(path.sep).join('/'), [size, mtimeMs]);
  };
  buildInputs.forEach(record);
  for (const name of BUNDLED_PACKAGES) record(path.join(root, 'node_modules', name, 'package.json'));

  const result = await esbuild.build({
    entryPoints: { kith: entry },
    outdir: outDir,
    outExtension: { '.js': '.cjs' },
    write: false,
    metafile: true,
    tsconfig,
    bundle: true,
    platform: 'node',
    // esbuild keeps ES modules' strict mode ("use strict" at the top).
    format: 'cjs',
    target: 'node20',
    sourcemap: 'linked',
    sourcesContent: false,
    logLevel,
    // Fewer bytes for V8 to scan at every start: whitespace, long local names and dead
    // branches go (the linked source map still points at the TypeScript). No code of
    // Kith's or zod's depends on a function's or class's own name.
    minify: true,
    legalComments: 'eof',
    plugins: [
      {
        // A bare import (a package, not a relative path) is bundled only for BUNDLED_PACKAGES.
        name: 'kith-external-packages',
        setup(build) {
          build.onResolve({ filter: /^[^./]/ }, (args) => {
            const [scope, name] = args.path.split('/');
            const pkg = scope.startsWith('@') ? `${scope}/${name}` : scope;
            return BUNDLED_PACKAGES.has(pkg) ? undefined : { path: args.path, external: true };
          });
        },
      },
      {
        // Source files resolve paths from their own location (`new URL('../../../package.json',
        // import.meta.url)`, the renderer folder for `kith serve`); a CommonJS bundle has no
        // import.meta, and one URL for all would be the bundle's. Rewriting each to the source
        // file's URL, relative to the bundle, keeps every such path as it is under tsx,
        // wherever the checkout lives.
        name: 'kith-source-urls',
        setup(build) {
          build.onLoad({ filter: /\.(ts|tsx|mts|js|mjs)$/ }, (args) => {
            if (args.path.split(path.sep).includes('node_modules')) return undefined;
            record(args.path);
            const source = readFileSync(args.path, 'utf8');
            const fromBundle = path.relative(outDir, args.path).split(path.sep).join('/');
            const contents = source
              .replaceAll('import.meta.url', `new URL(${JSON.stringify(fromBundle)}, require('node:url').pathToFileURL(__filename)).href`)
              .replaceAll(ZOD_NAMED_IMPORT, ZOD_NAMESPACE_IMPORT)
              .replace(PACKAGE_IMPORT, '__kithImport($1$2$1)');
            const loader = /\.tsx$/.test(args.path) ? 'tsx' : /\.m?js$/.test(args.path) ? 'js' : 'ts';
            return { contents, loader };
          });
        },
      },
    ],
  });
  // A script compiled by vm cannot run import(); one left unrewritten would fail only when reached.
  for (const [file, output] of Object.entries(result.metafile.outputs)) {
    const dynamic = output.imports.filter((i) => i.kind === 'dynamic-import' && i.external).map((i) => i.path);
    if (dynamic.length > 0) throw new Error(`${file} still imports ${dynamic.join(', ')} with import(); write it as \`await import('name')\``);
  }
  const stamp = { version: stampVersion, files: [...files].map(([file, [size, mtimeMs]]) => [file, size, mtimeMs]) };
  mkdirSync(outDir, { recursive: true });
  // Written aside then renamed (atomic): two `kith` processes rebuilding at once each
  // leave a whole bundle, and the stamp goes last, so it never vouches for a half-written one.
  const outputs = [
    ...result.outputFiles.map((file) => [file.path, file.path.endsWith('.cjs') ? withCacheKey(file.contents) : file.contents]),
    [path.join(outDir, 'THIRD-PARTY-NOTICES.txt'), thirdPartyNotices()],
    [stampFile, `${JSON.stringify(stamp)}\n`],
  ];
  for (const [file, contents] of outputs) {
    const tmp = `${file}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
    writeFileSync(tmp, contents);
    renameSync(tmp, file);
  }
  // Chunks of earlier builds (their names carry a content hash); another build's .tmp files stay.
  const current = new Set(outputs.map(([file]) => path.basename(file)));
  for (const name of readdirSync(outDir)) {
    if (!current.has(name) && !name.endsWith('.tmp')) rmSync(path.join(outDir, name), { force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    await buildCli({ logLevel: 'info' });
  } catch (error) {
    if (!error?.errors) console.error(error);
    process.exitCode = 1;
  }
}
