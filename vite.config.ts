// Builds the renderer (src-renderer) to dist/renderer. The Electron shell loads it
// from file://, the host shell serves it on 127.0.0.1; both forbid inline scripts
// in their Content-Security-Policy, so nothing here may inline one.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const root = fileURLToPath(new URL('./src-renderer', import.meta.url));
const outDir = fileURLToPath(new URL('./dist/renderer', import.meta.url));

// `npx vite` alone serves the renderer; point KITH_DEV_HOST_URL at a running
// `kith serve` (e.g. http://127.0.0.1:4600) to talk to a real core through /api.
const hostUrl = process.env.KITH_DEV_HOST_URL;

export default defineConfig({
  root,
  // Relative asset URLs so index.html works from file:// inside Electron.
  base: './',
  plugins: [react()],
  build: {
    outDir,
    emptyOutDir: true,
    // The module-preload polyfill would be inlined into index.html: the CSP forbids that.
    modulePreload: { polyfill: false },
    // Never inline assets as data: URLs into scripts or styles; keep them as files.
    assetsInlineLimit: 0,
    sourcemap: true,
    target: 'es2022',
  },
  server: {
    host: '127.0.0.1',
    strictPort: true,
    proxy: hostUrl
      ? Object.fromEntries(
          // The host server rejects a foreign Host or Origin (DNS rebinding, CSRF): present its own.
          ['/api', '/launch'].map((path) => [path, { target: hostUrl, changeOrigin: true, headers: { origin: new URL(hostUrl).origin } }]),
        )
      : undefined,
  },
  preview: { host: '127.0.0.1' },
});
