/** Builds the renderer once before the browser tests (what `npm start` does too). */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

export default function globalSetup(): void {
  const root = join(import.meta.dirname, '..', '..');
  const r = spawnSync(process.execPath, [join(root, 'scripts', 'build-renderer.js')], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`building the renderer failed (exit ${r.status})`);
}
