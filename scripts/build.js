#!/usr/bin/env node
// `npm run build`: everything the desktop app and `mkinspect serve` need, from the sources:
// tsc -b (every layer, into dist/), the sandboxed preload bundled to one CommonJS file, the renderer.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { buildSync } from 'esbuild';

const root = join(import.meta.dirname, '..');

function step(title, cmd, args) {
  console.log(`build: ${title}`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

step('type-check and compile (tsc -b)', process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-b']);
console.log('build: preload bundle (esbuild, CommonJS for the sandbox)');
buildSync({
  entryPoints: [join(root, 'electron', 'preload', 'preload.ts')],
  outfile: join(root, 'dist', 'electron', 'preload', 'preload.cjs'),
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['electron'],
  sourcemap: true,
  logLevel: 'warning',
});
step('renderer (vite)', process.execPath, [join(root, 'scripts', 'build-renderer.js'), ...process.argv.slice(2)]);
