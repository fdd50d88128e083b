/**
 * Before the browser tests: build the renderer (as `npm start` does), write the sample starkit, and
 * write the 10M-row acceptance file and the 1M-row demo pair once (kept in .test-build/e2e; they are
 * deterministic) — all with the engine's writer.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

export const ROOT = join(import.meta.dirname, '..', '..');
export const ACCEPTANCE_ROWS = 10_000_000;
export const ACCEPTANCE_FILE = join(ROOT, '.test-build', 'e2e', `log-${ACCEPTANCE_ROWS}.mk`);
export const STARKIT_FILE = join(ROOT, '.test-build', 'e2e', 'sample.kit');
/**
 * A main file of 1M rows with an aside of two commits written with whole-column diffs as Metakit does
 * (about 50 MB: the heavy aside, for the flush measurement; our default delta diffs would make it 1 KB).
 */
export const BIG_PAIR_ROWS = 1_000_000;
/** `mkinspect demo` output: the demo database `npm start` opens (1M-row sensor log, subviews, aside). */
export const DEMO_DIR = join(ROOT, '.test-build', 'e2e', 'demo-db');
export const BIG_PAIR_DIR = join(ROOT, '.test-build', 'e2e', `demo-${BIG_PAIR_ROWS}-whole`);

function run(args: string[], what: string): void {
  const r = spawnSync(process.execPath, args, { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`${what} failed (exit ${r.status})`);
}

export default function globalSetup(): void {
  run([join(ROOT, 'scripts', 'build-renderer.js')], 'building the renderer');
  mkdirSync(join(ROOT, '.test-build', 'e2e'), { recursive: true });
  run([join(ROOT, 'bin', 'run-ts.js'), join(ROOT, 'scripts', 'make-starkit.ts'), STARKIT_FILE], 'writing the sample starkit');
  if (!existsSync(join(DEMO_DIR, 'demo.mka'))) run([join(ROOT, 'bin', 'mkinspect.js'), 'demo', DEMO_DIR, '--force'], 'writing the demo database');
  if (!existsSync(join(BIG_PAIR_DIR, 'demo.mka'))) {
    run([join(ROOT, 'bin', 'run-ts.js'), join(ROOT, 'scripts', 'make-demo-pair.ts'), BIG_PAIR_DIR, String(BIG_PAIR_ROWS), '2', '5', 'whole'], 'writing the 1M-row demo pair');
  }
  if (!existsSync(ACCEPTANCE_FILE)) {
    run([join(ROOT, 'bin', 'run-ts.js'), join(ROOT, 'scripts', 'make-log.ts'), ACCEPTANCE_FILE, String(ACCEPTANCE_ROWS)], 'writing the 10M-row file');
  }
}
