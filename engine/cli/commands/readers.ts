/** `mkinspect readers`: who holds a datafile and its aside (registered and OS-discovered), stale entries. */
import type { Command } from 'commander';
import { appendAction } from '../../node/actionLog.js';
import { listHolders } from '../../node/presence/holders.js';
import { cleanStaleEntries, type CleanResult } from '../../node/presence/staleness.js';
import { formatHoldersReport } from '../holdersText.js';
import { resolveInputs, type AsideOption } from '../inputFiles.js';
import { CliExit, EXIT, type CliIo } from '../io.js';

interface ReadersOptions {
  aside?: string;
  json?: boolean;
  cleanStale?: boolean;
}

export function registerReaders(program: Command, io: CliIo): void {
  program
    .command('readers')
    .description('list the processes holding a datafile and its aside: ours (registered) and every other (OS scan), with mode, generation and lag')
    .argument('<file>', 'main datafile')
    .option('--aside <aside>', 'aside file (default: x.mka next to x.mk, if there is one)')
    .option('--no-aside', 'the main file alone, even if an aside lies next to it')
    .option('--json', 'machine-readable output')
    .option('--clean-stale', 'remove registry entries of processes that no longer run (logged in the action log)')
    .action(async (file: string, opts: ReadersOptions) => {
      // Regular files only (an IO error naming each one that is not); the aside next to FILE too.
      opts.aside = resolveInputs(io, file, opts.aside as AsideOption, 'readers').aside;
      const report = await listHolders({ main: file, aside: opts.aside });
      let clean: CleanResult | null = null;
      if (opts.cleanStale && report.stale.length > 0) {
        clean = { removed: [], failed: [] };
        for (const p of [file, opts.aside]) {
          if (p === undefined) continue;
          const r = cleanStaleEntries(p);
          clean.removed.push(...r.removed);
          clean.failed.push(...r.failed);
        }
        appendAction({
          action: 'clean-stale', outcome: clean.failed.length ? 'failed' : 'done',
          files: opts.aside === undefined ? { main: file } : { main: file, aside: opts.aside },
          holders: report.holders,
          detail: [`removed ${clean.removed.length}: ${clean.removed.map((v) => `${v.file.name} (${v.reason})`).join(', ')}`,
            ...clean.failed.map((f) => `failed ${f.verdict.file.name}: ${f.error}`)].join('; '),
        });
      }
      if (opts.json) {
        const cleaned = clean && {
          removed: clean.removed.map((v) => ({ name: v.file.name, reason: v.reason, detail: v.detail })),
          failed: clean.failed.map((f) => ({ name: f.verdict.file.name, error: f.error })),
        };
        io.out(`${JSON.stringify({ ...report, cleaned }, null, 2)}\n`);
      } else {
        io.out(formatHoldersReport(report, clean ? { cleaned: clean.removed.length } : {}));
        for (const f of clean?.failed ?? []) io.err(`mkinspect: could not remove ${f.verdict.file.path}: ${f.error}\n`);
      }
      if (clean && clean.failed.length > 0) throw new CliExit(EXIT.failed);
    });
}
