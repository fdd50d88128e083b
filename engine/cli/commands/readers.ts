/** `mkinspect readers`: who holds a datafile and its aside (registered and OS-discovered), stale entries. */
import type { Command } from 'commander';
import { appendAction } from '../../node/actionLog.js';
import { sweepDebris, type DebrisSweep } from '../../node/flushDebris.js';
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
    .option('--clean-stale', 'remove registry entries of processes that no longer run, and flush temp files whose process is gone (logged in the action log)')
    .action(async (file: string, opts: ReadersOptions) => {
      // Regular files only (an IO error naming each one that is not); the aside next to FILE too.
      opts.aside = resolveInputs(io, file, opts.aside as AsideOption, 'readers').aside;
      const report = await listHolders({ main: file, aside: opts.aside });
      let clean: CleanResult | null = null;
      // Flush temp files left by killed flushes (their owner gone); registry entries just below.
      const temps: DebrisSweep | null = opts.cleanStale ? sweepDebris(opts.aside === undefined ? [file] : [file, opts.aside], { entries: false }) : null;
      const tempsTouched = temps !== null && temps.removed.length + temps.failed.length > 0;
      if (opts.cleanStale && (report.stale.length > 0 || tempsTouched)) {
        clean = { removed: [], failed: [] };
        for (const p of [file, opts.aside]) {
          if (p === undefined || report.stale.length === 0) continue;
          const r = cleanStaleEntries(p);
          clean.removed.push(...r.removed);
          clean.failed.push(...r.failed);
        }
        const failed = clean.failed.length + (temps?.failed.length ?? 0);
        appendAction({
          action: 'clean-stale', outcome: failed ? 'failed' : 'done',
          files: opts.aside === undefined ? { main: file } : { main: file, aside: opts.aside },
          holders: report.holders,
          detail: [`removed ${clean.removed.length}: ${clean.removed.map((v) => `${v.file.name} (${v.reason})`).join(', ')}`,
            ...clean.failed.map((f) => `failed ${f.verdict.file.name}: ${f.error}`),
            ...(tempsTouched && temps ? [`removed ${temps.removed.length} flush temp file(s): ${temps.removed.map((v) => `${v.temp.name} (${v.temp.bytes ?? '?'} bytes, ${v.reason})`).join(', ')}`] : []),
            ...(temps?.failed ?? []).map((f) => `failed ${f.verdict.temp.name}: ${f.error}`)].join('; '),
          removed: [
            ...clean.removed.map((v) => ({ path: v.file.path, bytes: null, reason: v.reason ?? 'stale' })),
            ...(temps?.removed ?? []).map((v) => ({ path: v.temp.path, bytes: v.temp.bytes, reason: v.reason ?? 'stale' })),
          ],
        });
      }
      if (opts.json) {
        const cleaned = clean && {
          removed: clean.removed.map((v) => ({ name: v.file.name, reason: v.reason, detail: v.detail })),
          failed: clean.failed.map((f) => ({ name: f.verdict.file.name, error: f.error })),
          temps: temps && {
            removed: temps.removed.map((v) => ({ name: v.temp.name, path: v.temp.path, bytes: v.temp.bytes, pid: v.temp.pid, reason: v.reason, detail: v.detail })),
            kept: temps.kept.map((v) => ({ name: v.temp.name, pid: v.temp.pid, detail: v.detail })),
            failed: temps.failed.map((f) => ({ name: f.verdict.temp.name, error: f.error })),
          },
        };
        io.out(`${JSON.stringify({ ...report, cleaned }, null, 2)}\n`);
      } else {
        io.out(formatHoldersReport(report, clean && report.stale.length > 0 ? { cleaned: clean.removed.length } : {}));
        if (tempsTouched && temps) {
          io.out(`removed ${temps.removed.length} flush temp file(s) of processes that are gone:\n${temps.removed.map((v) => `  ${v.temp.name}  ${v.temp.bytes ?? '?'} bytes  ${v.detail}\n`).join('')}`);
        }
        for (const v of temps?.kept ?? []) io.out(`kept flush temp file ${v.temp.name}: ${v.detail}\n`);
        for (const f of clean?.failed ?? []) io.err(`mkinspect: could not remove ${f.verdict.file.path}: ${f.error}\n`);
        for (const f of temps?.failed ?? []) io.err(`mkinspect: could not remove ${f.verdict.temp.path}: ${f.error}\n`);
      }
      if ((clean && clean.failed.length > 0) || (temps && temps.failed.length > 0)) throw new CliExit(EXIT.failed);
    });
}
