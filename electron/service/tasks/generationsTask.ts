/**
 * The generation chain of a document in a task worker (opening every generation takes a while on a
 * long aside): the aside's chain when one is read (each aside commit is a generation of main + aside),
 * else the main file's.
 */
import { listGenerations } from '../../../engine/core/analysis/generations.js';
import { Storage } from '../../../engine/core/read/storage.js';
import { FileByteStore } from '../../../engine/node/fileByteStore.js';
import type { GenerationList } from '../../shared/dtoFollow.js';
import type { TaskContext, TaskSpec } from './protocol.js';

type GenerationsSpec = Extract<TaskSpec, { kind: 'generations' }>;

export function runGenerationsTask(spec: GenerationsSpec, ctx: TaskContext): GenerationList {
  ctx.progress('reading the generation chain', 0, 1, null);
  const main = new FileByteStore(spec.main);
  try {
    const mainEnd = main.size();
    if (spec.aside === null) {
      const gens = listGenerations(main);
      return {
        docId: '', chain: 'main',
        generations: gens.map((g) => ({ index: g.index, ref: { mainEnd: g.end, asideEnd: null }, generation: String(g.end), added: g.added, intact: g.intact, rows: g.rows })),
      };
    }
    const alone = Storage.open(new FileByteStore(spec.main));
    const mainDataEnd = alone.info.end;
    alone.close();
    const aside = new FileByteStore(spec.aside);
    try {
      const gens = listGenerations(aside, main);
      // Each generation is read with the main file as it is now (its own end of data).
      return {
        docId: '', chain: 'aside',
        generations: gens.map((g) => ({ index: g.index, ref: { mainEnd, asideEnd: g.end }, generation: `${mainDataEnd}+${g.end}`, added: g.added, intact: g.intact, rows: g.rows })),
      };
    } finally {
      aside.close();
    }
  } finally {
    main.close();
  }
}
