/**
 * A reader process of the seed: opens main + aside read-only and keeps that snapshot. On stdin:
 * `count` prints the row count of view a it sees, `refresh` moves to the newest generation first,
 * `quit` ends. Usage: seedReader MAIN ASIDE
 */
import { createInterface } from 'node:readline';
import { openStorageFile } from '../../engine/node/openStorageFile.js';

const [main, aside] = process.argv.slice(2) as [string, string];
const handle = openStorageFile(main, { aside, role: 'reader' });
const count = (): number => handle.storage.view('a').rowCount;
process.stdout.write(`open ${count()}\n`);
const rl = createInterface({ input: process.stdin });
rl.on('line', (line) => {
  if (line === 'count') process.stdout.write(`count ${count()}\n`);
  else if (line === 'refresh') {
    const r = handle.storage.refresh();
    process.stdout.write(`refresh ${count()} ${r.changed}\n`);
  } else if (line === 'quit') {
    handle.close();
    process.exit(0);
  }
});
