/**
 * A flushing process for the crash-debris tests (issue 13). Usage: flushChild MAIN ASIDE MODE
 *   run   flushes MAIN + ASIDE, printing {"phase": P, "cellsDone": N} on every progress report (the
 *         parent kills it with SIGKILL at a phase, leaving the flush's temp files behind);
 *   hold  writes and verifies the new files (the temp files exist), prints {"prepared": [names]} and
 *         waits: the line `cancel` on stdin removes its temp files and exits.
 * The first line is {"pid": PID}.
 */
import { createInterface } from 'node:readline';
import { WritableStorage } from '../../engine/core/write/writableStorage.js';
import { FileByteStore } from '../../engine/node/fileByteStore.js';
import { flushWritable, prepareFlush } from '../../engine/node/flush.js';
import { listFlushTemps } from '../../engine/node/flushDebris.js';

const [main, aside, mode] = process.argv.slice(2) as [string, string, string];
const asideS = WritableStorage.open(new FileByteStore(aside), { mode: 'read' });
const mainS = WritableStorage.open(new FileByteStore(main), { mode: 'read' });
mainS.setAside(asideS);
const say = (v: unknown): boolean => process.stdout.write(`${JSON.stringify(v)}\n`);
say({ pid: process.pid });

if (mode === 'hold') {
  const prepared = prepareFlush(mainS);
  const mine = [...listFlushTemps(main), ...listFlushTemps(aside)].filter((t) => t.pid === process.pid).map((t) => t.name);
  say({ prepared: mine });
  createInterface({ input: process.stdin }).on('line', (line) => {
    if (line !== 'cancel') return;
    prepared.cancel();
    say({ cancelled: true });
    process.exit(0);
  });
} else {
  flushWritable(mainS, { onProgress: (p) => say({ phase: p.phase, cellsDone: p.cellsDone ?? 0 }) });
  say({ done: true });
  process.exit(0);
}
