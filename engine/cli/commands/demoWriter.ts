/**
 * `mkinspect demo-writer DIR --rate 5`: another writer to watch live. Opens DIR/demo.mk read-only and
 * DIR/demo.mka in commit-extend mode (the seed's pattern) and every second appends RATE rows to a view
 * and commits both, until stopped (or --count commits).
 */
import type { Command } from 'commander';
import { join } from 'node:path';
import type { Field } from '../../core/read/structure.js';
import type { RowValues } from '../../core/write/writableView.js';
import { LOG_LAYOUT, sensorReadingAt } from '../../node/demo/sensorLog.js';
import { openWritableStorageFile } from '../../node/openWritableStorageFile.js';
import { CliExit, type CliIo } from '../io.js';
import { parseNonNegative } from './options.js';

/** The demo's sensor log layout, whatever the view is called. */
const LOG_FIELDS = LOG_LAYOUT.slice(LOG_LAYOUT.indexOf('['));

/** Row `n` for a view: the sensor log continued for the demo's log, plausible values otherwise. */
export function generatedRow(fields: readonly Field[], n: number): Record<string, unknown> {
  if (`[${fields.map((f) => `${f.name}:${f.type}`).join(',')}]` === LOG_FIELDS) return { ...sensorReadingAt(n) };
  const row: Record<string, unknown> = {};
  for (const f of fields) if (f.type !== 'V') row[f.name] = generatedValue(f, n);
  return row;
}

/** A plausible value for any property type, varying with the row number. */
export function generatedValue(f: Field, n: number): unknown {
  switch (f.type) {
    case 'I': return n % 100;
    case 'L': return BigInt(Date.now());
    case 'F': return Math.fround(20 + Math.sin(n / 10) * 5);
    case 'D': return 20 + Math.sin(n / 7) * 10 + (n % 13) / 100;
    case 'S': return `sensor-${n % 8}`;
    case 'B': return new Uint8Array([n & 0xff, (n >> 8) & 0xff, 0x42]);
    case 'V': return [];
  }
}

export function registerDemoWriter(program: Command, io: CliIo): void {
  program
    .command('demo-writer')
    .description('extend the demo aside (DIR/demo.mk + DIR/demo.mka) with new rows every second, to watch live')
    .argument('<dir>', 'folder written by mkinspect demo')
    .option('--rate <rows>', 'rows per second', parseNonNegative, 5)
    .option('--view <name>', 'view to append to', 'log')
    .option('--count <commits>', 'stop after this many commits', parseNonNegative)
    .option('--interval <ms>', 'time between commits', parseNonNegative, 1000)
    .action(async (dir: string, opts: { rate: number; view: string; count?: number; interval: number }) => {
      // Registered like every process of ours (presence registry): readers and the flush guard see it.
      const mainFile = openWritableStorageFile(join(dir, 'demo.mk'), { mode: 'read' });
      const asideFile = openWritableStorageFile(join(dir, 'demo.mka'), { mode: 'extend' });
      const main = mainFile.storage;
      const aside = asideFile.storage;
      try {
        main.setAside(aside);
        if (!main.hasView(opts.view)) throw CliExit.badInput('BAD_ARGUMENT', `${join(dir, 'demo.mk')} has no view '${opts.view}' (views: ${main.viewNames().join(', ')})`);
        let commits = 0;
        let stopped = false;
        const stop = (): void => {
          stopped = true;
        };
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
        while (!stopped && (opts.count === undefined || commits < opts.count)) {
          const view = main.view(opts.view);
          const first = view.rowCount;
          for (let k = 0; k < opts.rate; k++) {
            const n = view.rowCount;
            view.append(generatedRow(view.fields, n) as RowValues);
          }
          main.commit();
          asideFile.commit();
          mainFile.updatePresence();
          commits++;
          io.out(`${new Date().toISOString()} commit ${commits}: ${opts.view} ${first} → ${view.rowCount} rows (aside ${aside.endOfData} bytes)\n`);
          if (!stopped && (opts.count === undefined || commits < opts.count)) await new Promise((r) => setTimeout(r, opts.interval));
        }
      } finally {
        mainFile.close();
        asideFile.close();
      }
    });
}
