/**
 * Multi-process test writer: main read-only + aside in extend mode (the seed's pattern), COUNT commits.
 * Commit k appends row k (n = k, s = "row-k") to log and, every 10th commit, rewrites a string of an
 * earlier row. After each commit it prints "<aside end> <rows> <checksum>" so readers can be checked.
 * Usage: extendWriter MAIN ASIDE COUNT
 */
import { openWritableFile } from '../../engine/node/openWritable.js';
import { checksumOf } from './checksum.js';

const [main, aside, countArg] = process.argv.slice(2) as [string, string, string];
const count = Number(countArg);
const db = openWritableFile(main, { mode: 'read' });
const dba = openWritableFile(aside, { mode: 'extend' });
db.setAside(dba);
const log = db.view('log');
for (let k = 0; k < count; k++) {
  const n = log.rowCount;
  log.append({ n, s: `row-${n}` });
  if (n > 0 && k % 10 === 0) log.set(Math.floor(n / 2), { s: `changed-${k}` });
  db.commit();
  dba.commit();
  process.stdout.write(`${dba.endOfData} ${log.rowCount} ${checksumOf(log)}\n`);
}
db.close();
dba.close();
