/**
 * `mkinspect check FILE [--aside ASIDE] [--json]` reads every column and tail and reports problems
 * with the file and offset of each (exit 1 if any error, with the newest generation that still reads);
 * `mkinspect recover FILE [--aside ASIDE] --out NEW` writes exactly that generation into a new file
 * (with an aside: the aside's newest generation that reads with the main file), never touching the input.
 */
import type { Command } from 'commander';
import { closeSync, existsSync, fsyncSync, openSync, statSync, writeSync } from 'node:fs';
import { checkFile } from '../../core/analysis/check.js';
import { findRecoverable } from '../../core/analysis/recovery.js';
import { FileByteStore } from '../../node/fileByteStore.js';
import { resolveInputs, type AsideOption } from '../inputFiles.js';
import { CliExit, EXIT, type CliIo } from '../io.js';
import { appendAction } from '../../node/actionLog.js';
import { formatCheckReport, recoveredText } from '../checkText.js';

/** Read-only stores of FILE and ASIDE; if the aside cannot be opened, the main store is closed again. */
function openStores(file: string, asidePath: string | undefined): { store: FileByteStore; aside: FileByteStore | undefined } {
  const store = new FileByteStore(file);
  try {
    return { store, aside: asidePath === undefined ? undefined : new FileByteStore(asidePath) };
  } catch (e) {
    store.close();
    throw e;
  }
}

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
      const { store, aside } = openStores(file, opts.aside);
      try {
        const report = checkFile(store, aside);
        io.out(opts.json ? `${JSON.stringify(report, null, 2)}\n` : formatCheckReport(file, opts.aside, report));
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
    .option('--aside <aside>', 'aside file: recover its newest generation that reads with FILE (FILE stays as it is)')
    .requiredOption('--out <new>', 'file to write (must not exist)')
    .action((file: string, opts: { out: string; aside?: string }) => {
      if (existsSync(opts.out)) throw CliExit.badInput('EXISTS', `--out ${opts.out} exists; choose a new file name`);
      const { store, aside } = openStores(file, opts.aside);
      try {
        const found = findRecoverable(store, aside);
        if (!found) {
          const what = aside ? `${file}, alone or with ${opts.aside},` : file;
          throw new CliExit(EXIT.failed, `mkinspect: no generation of ${what} reads completely: nothing to recover`);
        }
        const source = found.file === 'aside' ? (aside as FileByteStore) : store;
        const bytes = source.read(0, found.end);
        const fd = openSync(opts.out, 'wx');
        try {
          writeSync(fd, bytes, 0, bytes.length, 0);
          fsyncSync(fd);
        } finally {
          closeSync(fd);
        }
        const sizesBefore = aside ? { main: store.size(), aside: aside.size() } : { main: store.size() };
        const sizesAfter = found.file === 'aside' ? { main: store.size(), aside: found.end } : { main: found.end };
        appendAction({
          action: 'recover', outcome: 'done', files: opts.aside === undefined ? { main: file } : { main: file, aside: opts.aside },
          sizesBefore, sizesAfter, holders: [], detail: `wrote ${found.file} generation ${found.generation} (bytes 0..${found.end}) to ${opts.out}`,
        });
        io.out(recoveredText(file, found, source.size(), opts.out));
      } finally {
        store.close();
        aside?.close();
      }
    });
}
