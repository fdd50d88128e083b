/**
 * Crash-test writer for asides: main read-only + aside in extend mode, one row per round (n, s), both
 * committed, then the committed row count printed; every 3rd round also a full flush of the aside into
 * the main file. Killed with SIGKILL at a random moment. Usage: crashAsideWriter MAIN ASIDE SEED
 */
import { existsSync } from 'node:fs';
import { flushWritable } from '../../engine/node/flush.js';
import { openWritableFile } from '../../engine/node/openWritable.js';

const [main, aside, seedArg] = process.argv.slice(2) as [string, string, string];
let round = Number(seedArg) % 5;
if (!existsSync(main)) {
  const m = openWritableFile(main, { mode: 'readwrite' });
  m.getAs('t[n:I,s:S]');
  m.commit();
  m.close();
}
const db = openWritableFile(main, { mode: 'read' });
const dba = openWritableFile(aside, { mode: 'extend' });
db.setAside(dba);
process.stdout.write(`ready ${db.view('t').rowCount}\n`);
for (;;) {
  const t = db.view('t');
  const n = t.rowCount;
  t.append({ n, s: `row-${n}` });
  db.commit();
  dba.commit();
  process.stdout.write(`${n + 1}\n`);
  if (++round % 3 === 0) {
    process.stdout.write('flushing\n');
    flushWritable(db);
    process.stdout.write('flushed\n');
  }
}
