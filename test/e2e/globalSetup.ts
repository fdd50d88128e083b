/**
 * Before the browser tests: build the renderer (as `npm start` does), and write the 10M-row acceptance
 * file with the engine's writer once (kept in .test-build/e2e; it is deterministic).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

export const ROOT = join(import.meta.dirname, '..', '..');
export const ACCEPTANCE_ROWS = 10_000_000;
export const ACCEPTANCE_FILE = join(ROOT, '.test-build', 'e2e', `log-${ACCEPTANCE_ROWS}.mk`);

function run(args: string[], what: string): void {
  const r = spawnSync(process.execPath, args, { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`${what} failed (exit ${r.status})`);
}

export default function globalSetup(): void {
  run([join(ROOT, 'scripts', 'build-renderer.js')], 'building the renderer');
  if (!existsSync(ACCEPTANCE_FILE)) {
    mkdirSync(join(ROOT, '.test-build', 'e2e'), { recursive: true });
    run([join(ROOT, 'bin', 'run-ts.js'), join(ROOT, 'scripts', 'make-log.ts'), ACCEPTANCE_FILE, String(ACCEPTANCE_ROWS)], 'writing the 10M-row file');
  }
}
