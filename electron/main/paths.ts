/** Where the app's own files are: the preload bundle and the built renderer. */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

/** The sandboxed preload must be one CommonJS file: scripts/build.js bundles it with esbuild. */
export function preloadPath(): string {
  return join(here, '..', 'preload', 'preload.cjs');
}

/** renderer/dist, from dist/electron/main in a checkout or inside the packaged app. */
export function rendererDir(): string {
  for (const up of ['../../..', '../..']) {
    const dir = resolve(here, up, 'renderer', 'dist');
    if (existsSync(join(dir, 'index.html'))) return dir;
  }
  return resolve(here, '../../..', 'renderer', 'dist');
}
