/**
 * Crash-test writer: commits forever, one row per commit (n = row index, s = "row-<n>"), with random
 * padding and in-place rewrites so both growth and in-place commits happen; prints the committed row
 * count after each commit returns. Killed with SIGKILL at a random moment by the test.
 * Usage: crashWriter FILE MODE(readwrite|extend) SEED
 */
import { openWritableFile } from '../../engine/node/openWritable.js';

const [path, mode, seedArg] = process.argv.slice(2) as [string, 'readwrite' | 'extend', string];
let seed = Number(seedArg) >>> 0 || 1;
const rand = (n: number): number => {
  seed ^= seed << 13;
  seed >>>= 0;
  seed ^= seed >>> 17;
  seed ^= seed << 5;
  seed >>>= 0;
  return seed % n;
};

const db = openWritableFile(path, { mode });
const view = db.hasView('t') ? db.view('t') : db.getAs('t[n:I,s:S,pad:B]');
if (!view) throw new Error('no view');
process.stdout.write(`ready ${view.rowCount}\n`);
for (;;) {
  const n = view.rowCount;
  view.append({ n, s: `row-${n}`, pad: new Uint8Array(rand(800)).fill(n & 0xff) });
  if (n > 0 && rand(3) === 0) view.set(rand(n), { pad: new Uint8Array(rand(600)).fill(7) });
  db.commit();
  process.stdout.write(`${n + 1}\n`);
}
