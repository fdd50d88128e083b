/** `mkinspect history FILE [--aside ASIDE] [--json]`: every committed generation on the chain. */
import type { Command } from 'commander';
import { listGenerations } from '../../core/generations.js';
import { FileByteStore } from '../../node/fileByteStore.js';
import type { CliIo } from '../io.js';

export function registerHistory(program: Command, io: CliIo): void {
  program
    .command('history')
    .description('list the committed generations of an extend-mode file (or, with --aside, of the aside read with its main file)')
    .argument('<file>', 'datafile')
    .option('--aside <aside>', 'list the aside\'s generations, each read together with FILE')
    .option('--json', 'machine-readable output')
    .action((file: string, opts: { aside?: string; json?: boolean }) => {
      const main = new FileByteStore(file);
      const aside = opts.aside ? new FileByteStore(opts.aside) : null;
      try {
        const gens = aside ? listGenerations(aside, main) : listGenerations(main);
        if (opts.json) {
          io.out(`${JSON.stringify({ file, aside: opts.aside ?? null, generations: gens }, null, 2)}\n`);
          return;
        }
        const lines = [`${opts.aside ? `${opts.aside} (with ${file})` : file}: ${gens.length} generation(s)`, '    #          end       +bytes  rows'];
        for (const g of gens) {
          const rows = g.intact ? Object.entries(g.rows).map(([v, n]) => `${v}=${n}`).join(' ') : 'TORN (tails damaged)';
          lines.push(`${String(g.index).padStart(5)}  ${String(g.end).padStart(11)}  ${String(g.added).padStart(11)}  ${rows}`);
        }
        io.out(`${lines.join('\n')}\n`);
      } finally {
        main.close();
        aside?.close();
      }
    });
}
