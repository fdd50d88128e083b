/**
 * Multi-process test reader: opens main + aside read-only, reads every row of the log view, prints
 * "<aside end> <rows> <checksum>", then refreshes (or, every 5th time, opens anew) and reads again,
 * for DURATION ms. Each line must be a generation the writer logged. Usage: snapshotReader MAIN ASIDE MS
 */
import { Storage } from '../../engine/core/read/storage.js';
import { FileByteStore } from '../../engine/node/fileByteStore.js';
import { checksumOf } from './checksum.js';

const [main, aside, msArg] = process.argv.slice(2) as [string, string, string];
const until = Date.now() + Number(msArg);
const open = (): Storage => Storage.open(new FileByteStore(main), { aside: Storage.open(new FileByteStore(aside)) });
let s = open();
let reads = 0;
for (;;) {
  const log = s.view('log');
  process.stdout.write(`${s.aside?.info.end} ${log.rowCount} ${checksumOf(log)}\n`);
  reads++;
  if (Date.now() > until) break;
  if (reads % 5 === 0) {
    s.close();
    s = open();
  } else s.refresh();
}
s.close();
