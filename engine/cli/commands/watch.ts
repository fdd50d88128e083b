/** `mkinspect watch FILE [--aside ASIDE]`: prints every new committed generation as it appears. */
import type { Command } from 'commander';
import { Storage } from '../../core/read/storage.js';
import { FileByteStore } from '../../node/fileByteStore.js';
import { watchGeneration } from '../../node/watch.js';
import { openWithAside, resolveInputs, type AsideOption } from '../inputFiles.js';
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
    .option('--aside <aside>', 'aside file to read through (default: x.mka next to x.mk, if there is one)')
    .option('--no-aside', 'the main file alone, even if an aside lies next to it')
    .option('--interval <ms>', 'poll interval in ms (fs.watch events are used too)', parseNonNegative, 500)
    .option('--count <n>', 'stop after this many new generations', parseNonNegative)
    .action(async (file: string, opts: { aside?: AsideOption; interval: number; count?: number }) => {
      const files = resolveInputs(io, file, opts.aside, 'watching');
      let storage = openWithAside(io, files, (aside) => openPair(file, aside));
      const aside = files.aside;
      io.out(`${new Date().toISOString()} generation ${storage.generation}: ${rowsLine(storage) || `an empty storage (${storage.info.fileSize} bytes): no views yet`}\n`);
      if (opts.count === 0) {
        storage.close();
        return;
      }
      let seen = 0;
      await new Promise<void>((resolve) => {
        const watcher = watchGeneration(file, aside, (c) => {
          const before = new Map(storage.viewNames().map((v) => [v, storage.view(v).rowCount]));
          if (c.replaced) {
            storage.close();
            storage = openPair(file, aside);
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
