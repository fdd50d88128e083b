/** Running mkinspect in-process (runCli with captured output) and as a real child process. */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { runCli } from '../../engine/cli/program.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export const ROOT = join(import.meta.dirname, '..', '..');

export async function cli(...args: string[]): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, { out: (t) => { stdout += t; }, err: (t) => { stderr += t; } });
  return { code, stdout, stderr };
}

/** `node bin/mkinspect.js ARGS` in a separate process. */
export function cliProcess(...args: string[]): CliRun {
  const r = spawnSync(process.execPath, [join(ROOT, 'bin', 'mkinspect.js'), ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
  if (r.error) throw r.error;
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}
