/**
 * `mkinspect check FILE [--aside ASIDE] [--json]` reads every column and tail and reports problems
 * (exit 1 if any error); `mkinspect recover FILE --out NEW` copies the newest generation that reads
 * completely into a new file, never touching the input.
 */
import type { Command } from 'commander';
import { closeSync, existsSync, fsyncSync, openSync, statSync, writeSync } from 'node:fs';
import { checkFile, findRecoverable } from '../../core/check.js';
import { FileByteStore } from '../../node/fileByteStore.js';
import { resolveInputs, type AsideOption } from '../inputFiles.js';
import { CliExit, EXIT, type CliIo } from '../io.js';
import { appendAction } from '../../node/actionLog.js';

export function registerCheck(program: Command, io: CliIo): void {
  program
    .command('check')
    .description('read every column and tail of a datafile and report problems (exit 1 if it has errors)')
    .argument('<file>', 'datafile')
    .option('--aside <aside>', 'aside file to read through (default: x.mka next to x.mk, if there is one)')
    .option('--no-aside', 'the main file alone, even if an aside lies next to it')
    .option('--json', 'machine-readable report')
    .action((file: string, opts: { aside?: string; json?: boolean }) => {
      // Regular files only (an IO error naming each one that is not); the aside next to FILE too.
      opts.aside = resolveInputs(io, file, opts.aside as AsideOption, 'checking').aside;
      if (!opts.json && opts.aside === undefined && statSync(file).size === 0) {
        io.out(`${file}: an empty storage (0 bytes): no views, nothing to check\n`);
        return;
      }
      const store = new FileByteStore(file);
      const aside = opts.aside ? new FileByteStore(opts.aside) : undefined;
      try {
        const report = checkFile(store, aside);
        if (opts.json) io.out(`${JSON.stringify(report, null, 2)}\n`);
        else {
          const lines = [`${file}: ${report.ok ? 'OK' : 'PROBLEMS FOUND'}`];
          for (const [v, n] of Object.entries(report.views)) lines.push(`  view ${v}: ${n} rows read`);
          if (report.generations > 0) lines.push(`  ${report.generations} commit(s) on the generation chain`);
          for (const p of report.problems) lines.push(`  ${p.severity}: ${p.code}: ${p.message}`);
          if (report.recoverable) {
            lines.push(`  recoverable: the generation ending at ${report.recoverable.end} reads completely (${Object.entries(report.recoverable.rows).map(([v, n]) => `${v} ${n} rows`).join(', ') || 'no views'}); run: mkinspect recover ${file} --out NEW`);
          } else if (!report.ok) lines.push('  no earlier generation reads completely either');
          io.out(`${lines.join('\n')}\n`);
        }
        if (!report.ok) throw new CliExit(EXIT.failed);
      } finally {
        store.close();
        aside?.close();
      }
    });

  program
    .command('recover')
    .description('write the newest generation of a torn or cut file that still reads completely to a new file (the input is never modified)')
    .argument('<file>', 'damaged datafile')
    .requiredOption('--out <new>', 'file to write (must not exist)')
    .action((file: string, opts: { out: string }) => {
      if (existsSync(opts.out)) throw CliExit.badInput('EXISTS', `--out ${opts.out} exists; choose a new file name`);
      const store = new FileByteStore(file);
      try {
        const found = findRecoverable(store);
        if (!found) throw new CliExit(EXIT.failed, `mkinspect: no generation of ${file} reads completely: nothing to recover`);
        const bytes = store.read(0, found.end);
        const fd = openSync(opts.out, 'wx');
        try {
          writeSync(fd, bytes, 0, bytes.length, 0);
          fsyncSync(fd);
        } finally {
          closeSync(fd);
        }
        appendAction({ action: 'recover', outcome: 'done', files: { main: file }, sizesBefore: { main: store.size() }, sizesAfter: { main: found.end }, holders: [], detail: `wrote ${opts.out}` });
        const rows = Object.entries(found.rows).map(([v, n]) => `${v} ${n} rows`).join(', ') || 'no views';
        io.out(`recovered the ${found.source === 'current' ? 'current' : 'last intact'} generation (bytes 0..${found.end} of ${store.size()}; ${rows}) into ${opts.out}\n`);
      } finally {
        store.close();
      }
    });
}
