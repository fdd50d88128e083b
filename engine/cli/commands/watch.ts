/** `mkinspect watch FILE [--aside ASIDE]`: prints every new committed generation as it appears. */
import type { Command } from 'commander';
import { Storage } from '../../core/storage.js';
import { FileByteStore } from '../../node/fileByteStore.js';
import { watchGeneration } from '../../node/watch.js';
import type { CliIo } from '../io.js';
import { parseNonNegative } from './options.js';

function openPair(main: string, aside?: string): Storage {
  return Storage.open(new FileByteStore(main), { aside: aside ? Storage.open(new FileByteStore(aside)) : undefined });
}

function rowsLine(s: Storage): string {
  return s.viewNames().map((v) => `${v}=${s.view(v).rowCount}`).join(' ');
}

export function registerWatch(program: Command, io: CliIo): void {
  program
    .command('watch')
    .description('follow a file (and its aside) written by another process: print each new generation')
    .argument('<file>', 'datafile')
    .option('--aside <aside>', 'aside file to read through')
    .option('--interval <ms>', 'poll interval in ms (fs.watch events are used too)', parseNonNegative, 500)
    .option('--count <n>', 'stop after this many new generations', parseNonNegative)
    .action(async (file: string, opts: { aside?: string; interval: number; count?: number }) => {
      let storage = openPair(file, opts.aside);
      io.out(`${new Date().toISOString()} generation ${storage.generation}: ${rowsLine(storage)}\n`);
      let seen = 0;
      await new Promise<void>((resolve) => {
        const watcher = watchGeneration(file, opts.aside, (c) => {
          const before = new Map(storage.viewNames().map((v) => [v, storage.view(v).rowCount]));
          if (c.replaced) {
            storage.close();
            storage = openPair(file, opts.aside);
          } else storage.refresh();
          const deltas = storage.viewNames().map((v) => {
            const d = storage.view(v).rowCount - (before.get(v) ?? 0);
            return `${v}=${storage.view(v).rowCount}${d !== 0 ? ` (${d > 0 ? '+' : ''}${d})` : ''}`;
          });
          io.out(`${new Date().toISOString()} generation ${storage.generation}${c.replaced ? ' (files replaced, e.g. flushed)' : ''}: ${deltas.join(' ')}\n`);
          if (opts.count !== undefined && ++seen >= opts.count) {
            watcher.close();
            resolve();
          }
        }, { pollMs: opts.interval, keepAlive: true });
        const stop = (): void => {
          watcher.close();
          resolve();
        };
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
      storage.close();
    });
}
