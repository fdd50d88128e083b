/** `mkinspect history FILE [--aside ASIDE] [--json]`: every committed generation on the chain. */
import type { Command } from 'commander';
import { listGenerations, type Generation } from '../../core/analysis/generations.js';
import { FileByteStore } from '../../node/fileByteStore.js';
import { openWithAside, resolveInputs, type AsideOption } from '../inputFiles.js';
import type { CliIo } from '../io.js';

/** The generations of FILE, or of ASIDE each read with FILE. */
function generationsOf(file: string, asidePath: string | undefined): { gens: Generation[]; mainSize: number } {
  const main = new FileByteStore(file);
  try {
    if (asidePath === undefined) return { gens: listGenerations(main), mainSize: main.size() };
    const aside = new FileByteStore(asidePath);
    try {
      return { gens: listGenerations(aside, main), mainSize: main.size() };
    } finally {
      aside.close();
    }
  } finally {
    main.close();
  }
}

export function registerHistory(program: Command, io: CliIo): void {
  program
    .command('history')
    .description('list the committed generations of an extend-mode file (or, with its aside, of the aside read with its main file)')
    .argument('<file>', 'datafile')
    .option('--aside <aside>', 'list the aside\'s generations, each read together with FILE (default: x.mka next to x.mk, if there is one)')
    .option('--no-aside', 'the main file\'s own generations, even if an aside lies next to it')
    .option('--json', 'machine-readable output')
    .action((file: string, opts: { aside?: AsideOption; json?: boolean }) => {
      const files = resolveInputs(io, file, opts.aside, 'history');
      const { gens, mainSize } = openWithAside(io, files, (aside) => generationsOf(file, aside));
      if (opts.json) {
        io.out(`${JSON.stringify({ file, aside: files.aside ?? null, generations: gens }, null, 2)}\n`);
        return;
      }
      if (gens.length === 0 && files.aside === undefined) {
        io.out(`${file}: an empty storage (${mainSize.toLocaleString('en-US')} bytes): no views, no generations\n`);
        return;
      }
      const lines = [`${files.aside ? `${files.aside} (with ${file})` : file}: ${gens.length} generation(s)`, '    #          end       +bytes  rows'];
      for (const g of gens) {
        const rows = g.intact ? Object.entries(g.rows).map(([v, n]) => `${v}=${n}`).join(' ') : 'TORN (tails damaged)';
        lines.push(`${String(g.index).padStart(5)}  ${String(g.end).padStart(11)}  ${String(g.added).padStart(11)}  ${rows}`);
      }
      io.out(`${lines.join('\n')}\n`);
    });
}
