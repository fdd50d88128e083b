#!/usr/bin/env node
// Builds renderer/dist with Vite unless it is newer than every renderer source (npm start, e2e setup).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const out = join(root, 'renderer', 'dist', 'index.html');

function newest(dir) {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

const sources = Math.max(
  newest(join(root, 'renderer', 'src')), newest(join(root, 'renderer', 'public')), newest(join(root, 'electron', 'shared')),
  statSync(join(root, 'renderer', 'index.html')).mtimeMs, statSync(join(root, 'renderer', 'vite.config.ts')).mtimeMs,
);
const mode = process.argv.includes('--development') ? 'development' : 'production';
const modeFile = join(root, 'renderer', 'dist', 'build-mode.txt');
const builtMode = existsSync(modeFile) ? readFileSync(modeFile, 'utf8').trim() : null;
if (existsSync(out) && statSync(out).mtimeMs >= sources && builtMode === mode && !process.argv.includes('--force')) {
  console.log('renderer/dist is up to date');
  process.exit(0);
}
const vite = join(root, 'node_modules', 'vite', 'bin', 'vite.js');
// Always the production build, whatever NODE_ENV the caller runs under (vitest sets `test`, which
// would give React's development build).
const r = spawnSync(process.execPath, [vite, 'build', '--config', join(root, 'renderer', 'vite.config.ts'), '--logLevel', 'warn', '--mode', mode], {
  cwd: root, stdio: 'inherit', env: { ...process.env, NODE_ENV: mode },
});
if (r.status === 0) {
  writeFileSync(modeFile, `${mode}\n`);
  console.log(`renderer built into renderer/dist (${mode})`);
}
process.exit(r.status ?? 1);
