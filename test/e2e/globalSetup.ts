/**
 * Before the browser tests: build the renderer (as `npm start` does), write the sample starkit, and
 * write the 10M-row acceptance file once (kept in .test-build/e2e; it is deterministic) — both with
 * the engine's writer.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

export const ROOT = join(import.meta.dirname, '..', '..');
export const ACCEPTANCE_ROWS = 10_000_000;
export const ACCEPTANCE_FILE = join(ROOT, '.test-build', 'e2e', `log-${ACCEPTANCE_ROWS}.mk`);
export const STARKIT_FILE = join(ROOT, '.test-build', 'e2e', 'sample.kit');

function run(args: string[], what: string): void {
  const r = spawnSync(process.execPath, args, { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`${what} failed (exit ${r.status})`);
}

export default function globalSetup(): void {
  run([join(ROOT, 'scripts', 'build-renderer.js')], 'building the renderer');
  mkdirSync(join(ROOT, '.test-build', 'e2e'), { recursive: true });
  run([join(ROOT, 'bin', 'run-ts.js'), join(ROOT, 'scripts', 'make-starkit.ts'), STARKIT_FILE], 'writing the sample starkit');
  if (!existsSync(ACCEPTANCE_FILE)) {
    run([join(ROOT, 'bin', 'run-ts.js'), join(ROOT, 'scripts', 'make-log.ts'), ACCEPTANCE_FILE, String(ACCEPTANCE_ROWS)], 'writing the 10M-row file');
  }
}
