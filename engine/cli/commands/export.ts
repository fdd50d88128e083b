/** `mkinspect export FILE --view PATH [--format csv|json] --out OUT`: a view streamed to a file. */
import type { Command } from 'commander';
import { exportView, type ExportFormat } from '../../node/export.js';
import { openWithAside, resolveInputs, type AsideOption } from '../inputFiles.js';
import { CliExit, type CliIo } from '../io.js';
import { openReadOnly } from '../openFiles.js';
import { resolveViewPath } from '../viewPath.js';

export function registerExport(program: Command, io: CliIo): void {
  program
    .command('export')
    .description('write a view to CSV or JSON (values as dump --json shows them), streaming')
    .argument('<file>', 'datafile')
    .requiredOption('--view <path>', 'the view, e.g. people or people[3].tags')
    .requiredOption('--out <file>', 'output file')
    .option('--aside <aside>', 'aside file to read through (default: x.mka next to x.mk, if there is one)')
    .option('--no-aside', 'the main file alone, even if an aside lies next to it')
    .option('--format <format>', 'csv or json', 'csv')
    .action(async (file: string, opts: { view: string; out: string; aside?: AsideOption; format: string }) => {
      if (opts.format !== 'csv' && opts.format !== 'json') throw CliExit.badInput('BAD_ARGUMENT', `--format must be csv or json, not '${opts.format}'`);
      const files = resolveInputs(io, file, opts.aside, 'exporting');
      const opened = openWithAside(io, files, (aside) => openReadOnly(file, aside));
      try {
        const view = resolveViewPath(opened.storage, opts.view);
        let last = 0;
        const n = await exportView(view, opts.out, {
          format: opts.format as ExportFormat,
          onProgress: (done, total) => {
            if (done - last >= 100_000) {
              io.err(`export: ${done} of ${total} rows\n`);
              last = done;
            }
          },
        });
        io.out(`exported ${n} rows of ${opts.view} to ${opts.out}\n`);
      } finally {
        opened.close();
      }
    });
}
