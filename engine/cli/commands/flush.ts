/** `mkinspect flush MAIN --aside ASIDE`: the guarded, crash-safe flush of an aside into its main file. */
import type { Command } from 'commander';
import { realpathSync } from 'node:fs';
import { WritableStorage } from '../../core/write/writableStorage.js';
import { FileByteStore } from '../../node/fileByteStore.js';
import { completeFlush, prepareFlush, type FlushPhase, type FlushResult } from '../../node/flush.js';
import { describeSweep, sweptSomething } from '../../node/flushDebris.js';
import { addGuardOptions, runGuarded, type GuardCliOptions } from '../flushGuard.js';
import { namingInputs, probeInputs } from '../inputFiles.js';
import { CliExit, type CliIo } from '../io.js';

interface FlushCliOptions extends GuardCliOptions {
  aside: string;
  compact: boolean;
  quiet?: boolean;
}

export function registerFlush(program: Command, io: CliIo): void {
  addGuardOptions(
    program
      .command('flush')
      .description('write main + aside into a new compact main file and empty the aside (refuses while other processes hold the files; exit 3)')
      .argument('<main>', 'main datafile')
      .requiredOption('--aside <aside>', 'the aside file to empty into the main file')
      .option('--json', 'machine-readable result')
      .option('--no-compact', 'skip the final compaction (the old bytes stay as dead space)')
      .option('--quiet', 'no progress lines on stderr'),
  ).action(async (main: string, opts: FlushCliOptions) => {
    // Both must be regular files (one error names each that is not), and two different ones.
    probeInputs([main, opts.aside]);
    if (realpathSync(main) === realpathSync(opts.aside)) throw CliExit.badInput('BAD_ARGUMENT', `--aside ${opts.aside} is the main file ${main} itself`);
    const result = await namingInputs([main, opts.aside], () => runGuarded(io, { main, aside: opts.aside }, opts, async ({ beforeSwap, signal }) => {
      const aside = WritableStorage.open(new FileByteStore(opts.aside), { mode: 'read' });
      const storage = WritableStorage.open(new FileByteStore(main), { mode: 'read' });
      try {
        storage.setAside(aside);
        let lastPhase: FlushPhase | null = null;
        const progress = opts.quiet ? undefined : (p: { phase: FlushPhase; written: number; total: number }): void => {
          if (p.phase !== lastPhase) io.err(`flush: ${p.phase}\n`);
          lastPhase = p.phase;
        };
        const prepared = prepareFlush(storage, { signal, onProgress: progress });
        try {
          await beforeSwap();
        } catch (e) {
          prepared.cancel();
          throw e;
        }
        return completeFlush(prepared, { signal, onProgress: progress, compact: opts.compact });
      } finally {
        storage.close();
        aside.close();
      }
    }, { action: 'flush' }));
    io.out(opts.json ? `${JSON.stringify({ outcome: 'done', ...result }, null, 2)}\n` : describe(result));
  });
}

function describe(r: FlushResult): string {
  const rows = Object.entries(r.rows).map(([v, n]) => `${v} ${n.toLocaleString('en-US')} rows`).join(', ');
  const swept = r.swept && sweptSomething(r.swept) ? `before the flush: ${describeSweep(r.swept)} (logged in the action log)\n` : '';
  return `${swept}flushed in ${Math.round(r.ms)} ms: main ${r.mainBefore.toLocaleString('en-US')} → ${r.mainAfter.toLocaleString('en-US')} bytes, aside ${r.asideBefore.toLocaleString('en-US')} → ${r.asideAfter.toLocaleString('en-US')} bytes; verified ${rows || 'no views'}\n`;
}
