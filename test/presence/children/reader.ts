// A reader process of ours: opens MAIN (and ASIDE unless '-') through openStorageFile, which registers
// it in the presence registry, prints one JSON line, then obeys commands on stdin:
//   close  -> closes the storage (unregisters), prints {"closed":true}
//   exit   -> process.exit(0) without closing (the exit hook must remove the entries)
// Behaviour `own-sigint` installs its own SIGINT handler that exits after a short delay.
import { createInterface } from 'node:readline';
import { openStorageFile } from '../../../engine/node/openStorageFile.js';

const [main, aside, behaviour] = process.argv.slice(2);
if (!main) throw new Error('usage: reader.ts MAIN ASIDE|- [own-sigint]');
const handle = openStorageFile(main, { aside: aside && aside !== '-' ? aside : undefined, role: 'reader' });
const rows = handle.storage.viewNames().map((n) => handle.storage.view(n).rowCount);
if (behaviour === 'own-sigint') {
  process.on('SIGINT', () => {
    process.stdout.write('{"sigint":true}\n');
    setTimeout(() => process.exit(0), 50);
  });
}
process.stdout.write(`${JSON.stringify({ pid: process.pid, generation: handle.storage.generation, rows, presence: handle.presence })}\n`);
const rl = createInterface({ input: process.stdin });
rl.on('line', (line) => {
  if (line === 'close') {
    handle.close();
    process.stdout.write('{"closed":true}\n');
  } else if (line === 'exit') {
    process.exit(0);
  }
});
rl.on('close', () => {
  handle.close();
  process.exit(0);
});
