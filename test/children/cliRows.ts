/**
 * Runs mkinspect command lines one after another in this process (runCli, as bin/mkinspect.js does)
 * and prints one JSON line per command: `{"argv":[…],"code":N,"stdout":"…","stderr":"…"}`; a line
 * `{"start":[…]}` comes before each, so a command that blocks (a FIFO opened for reading) is named
 * when the parent kills this process. Usage: cliRows JSON-ARRAY-OF-ARGV
 */
import { runCli } from '../../engine/cli/program.js';

const rows = JSON.parse(process.argv[2] ?? '[]') as string[][];
for (const argv of rows) {
  process.stdout.write(`${JSON.stringify({ start: argv })}\n`);
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { out: (t) => { stdout += t; }, err: (t) => { stderr += t; } });
  process.stdout.write(`${JSON.stringify({ argv, code, stdout, stderr })}\n`);
}
