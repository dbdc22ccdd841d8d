// Builds the Electron shell into dist-electron/: the main process as ESM
// (Electron >= 28 runs an ESM main; package.json "type": "module" makes
// main.js one) and the preload as one CommonJS file, since a sandboxed preload
// can neither be ESM nor require anything but a few Electron modules, so
// everything it uses (the contract, zod) is bundled in. The renderer is built
// separately by vite.config.ts into dist/renderer.
import { builtinModules } from 'node:module';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));
const outDir = fileURLToPath(new URL('./dist-electron', import.meta.url));
const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { dependencies?: Record<string, string> };

// The main process loads node built-ins, Electron and the runtime dependencies
// (native ones such as @napi-rs/keyring cannot be bundled) from node_modules,
// which electron-builder packs into the app.
const dependencies = Object.keys(pkg.dependencies ?? {});
const nodeBuiltins = [...builtinModules, ...builtinModules.map((name) => `node:${name}`)];
const isMainExternal = (id: string) =>
  id === 'electron' || id.startsWith('electron/') || nodeBuiltins.includes(id) || dependencies.some((dep) => id === dep || id.startsWith(`${dep}/`));

export default defineConfig({
  root,
  publicDir: false,
  builder: {
    async buildApp(builder) {
      await builder.build(builder.environments.main!);
      await builder.build(builder.environments.preload!);
    },
  },
  environments: {
    main: {
      consumer: 'server',
      build: {
        outDir,
        emptyOutDir: true,
        target: 'node22',
        minify: false,
        sourcemap: true,
        ssr: true,
        rollupOptions: {
          input: { main: 'src-main/electron/main.ts' },
          external: isMainExternal,
          output: { format: 'es', entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js' },
        },
      },
    },
    preload: {
      consumer: 'server',
      resolve: { noExternal: true },
      build: {
        outDir,
        emptyOutDir: false,
        target: 'node22',
        minify: false,
        sourcemap: true,
        ssr: true,
        rollupOptions: {
          input: { preload: 'src-preload/index.ts' },
          external: ['electron'],
          output: { format: 'cjs', entryFileNames: '[name].cjs', codeSplitting: false },
        },
      },
    },
  },
});
