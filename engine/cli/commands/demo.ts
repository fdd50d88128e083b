/** `mkinspect demo DIR`: write the demo database (demo.mk and its aside demo.mka) and say what is in it. */
import type { Command } from 'commander';
import { existsSync, statSync } from 'node:fs';
import { nonRegularKind } from '../../node/openRegularFile.js';
import { DEFAULT_LOG_ROWS, writeDemo } from '../../node/demo/writeDemo.js';
import { CliExit, type CliIo } from '../io.js';

export function registerDemo(program: Command, io: CliIo): void {
  program
    .command('demo')
    .description('write a demo database into DIR: demo.mk (library catalogue, starkit-like file tree, 1M-row sensor log, every type) and demo.mka (an aside with 3 commits); the same bytes on every run')
    .argument('<dir>', 'folder to write into (created if missing)')
    .option('--force', 'replace demo.mk and demo.mka if they exist')
    .option('--log-rows <n>', 'rows of the sensor log', String(DEFAULT_LOG_ROWS))
    .action((dir: string, opts: { force?: boolean; logRows: string }) => {
      const logRows = Number(opts.logRows);
      if (!Number.isInteger(logRows) || logRows < 0) throw CliExit.badInput('BAD_ARGUMENT', `--log-rows must be a non-negative integer, not '${opts.logRows}'`);
      if (existsSync(dir) && !statSync(dir).isDirectory()) throw CliExit.badInput('IO', `expected ${dir} to be a folder (or a new name), but it is ${nonRegularKind(statSync(dir)) ?? 'a file'}`);
      const t0 = performance.now();
      const s = writeDemo(dir, { force: opts.force, logRows });
      const ms = performance.now() - t0;
      const lines = [
        `wrote ${s.main} (${s.mainSize.toLocaleString('en-US')} bytes) and its aside ${s.aside} (${s.asideSize.toLocaleString('en-US')} bytes) in ${(ms / 1000).toFixed(1)} s`,
        'views (main + aside):',
        ...s.views.map((v) => `  ${v.layout}  ${v.rows.toLocaleString('en-US')} rows`),
        `aside commits (main opened read-only, aside in extend mode):`,
        ...s.asideCommits.map((c, i) => `  ${i + 1}. ${c}`),
        `try: mkinspect dump ${s.main} --view books --limit 5   (${s.aside} next to it is read too; --no-aside: the main file alone)`,
      ];
      io.out(`${lines.join('\n')}\n`);
    });
}
