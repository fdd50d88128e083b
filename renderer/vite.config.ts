// Builds the renderer into renderer/dist with relative asset URLs, so the same files load from the
// loopback server (http://127.0.0.1:PORT/) and from Electron's app:// protocol.
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    // The CSP allows no inline script: no preload polyfill snippet.
    modulePreload: { polyfill: false },
  },
});
