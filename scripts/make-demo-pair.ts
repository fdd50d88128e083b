/**
 * Writes a demo pair for the live views with the engine's writer: DIR/demo.mk, a main file with a
 * `log[t:L,sensor:S,value:D,flags:I]` view of ROWS rows, and DIR/demo.mka, an aside holding COMMITS
 * commits of PER_COMMIT rows each, written as `mkinspect demo-writer` writes them (main read-only,
 * aside in extend mode). `mkinspect demo-writer DIR` then keeps extending it. With `whole`, the aside
 * commits copy every changed column whole as Metakit 2.4.9.8 does (about 25 MB per commit at 1M rows:
 * the heavy aside a flush test wants) instead of our delta diffs.
 * Run as `node bin/run-ts.js scripts/make-demo-pair.ts DIR ROWS [COMMITS] [PER_COMMIT] [whole]`.
 */
import { mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { WritableStorage, type AsideDiffMode } from '../engine/core/write/writableStorage.js';
import { FileByteStore } from '../engine/node/fileByteStore.js';
import { openWritableFile } from '../engine/node/openWritable.js';

export const DEMO_LAYOUT = 'log[t:L,sensor:S,value:D,flags:I]';
const T0 = 1_700_000_000_000n;

/** Row `i` of the demo log (the same values whatever wrote it). */
export function demoRow(i: number): { t: bigint; sensor: string; value: number; flags: number } {
  return { t: T0 + BigInt(i) * 1000n, sensor: `sensor-${i % 8}`, value: Math.round(Math.sin(i / 50) * 10_000) / 100, flags: i % 4 };
}

export function writeDemoPair(dir: string, rows: number, commits = 0, perCommit = 5, asideDiffs: AsideDiffMode = 'delta'): { main: string; aside: string } {
  mkdirSync(dir, { recursive: true });
  const main = join(dir, 'demo.mk');
  const aside = join(dir, 'demo.mka');
  rmSync(aside, { force: true });
  const tmp = `${main}.tmp`;
  rmSync(tmp, { force: true });
  const db = WritableStorage.open(new FileByteStore(tmp, { writable: true, create: true }), { mode: 'readwrite', durable: false });
  const view = db.getAs(DEMO_LAYOUT);
  if (!view) throw new Error(`getAs(${DEMO_LAYOUT}) returned no view`);
  for (let i = 0; i < rows; i++) view.append(demoRow(i));
  db.commit();
  db.close();
  renameSync(tmp, main);
  const m = openWritableFile(main, { mode: 'read', asideDiffs });
  const a = openWritableFile(aside, { mode: 'extend', durable: false });
  try {
    m.setAside(a);
    // The first commit creates the aside (its base generation); the next ones are growth.
    for (let c = 0; c <= commits; c++) {
      const log = m.view('log');
      const n = c === 0 ? 0 : perCommit;
      for (let k = 0; k < n; k++) log.append(demoRow(log.rowCount));
      if (c === 0) log.append(demoRow(log.rowCount));
      m.commit();
      a.commit();
    }
  } finally {
    m.close();
    a.close();
  }
  return { main, aside };
}

if (process.argv[1]?.endsWith('make-demo-pair.ts')) {
  const [dir, rows, commits, per, diffs] = process.argv.slice(2);
  if (!dir || !rows || (diffs !== undefined && diffs !== 'whole')) throw new Error('usage: make-demo-pair.ts DIR ROWS [COMMITS] [PER_COMMIT] [whole]');
  const t = performance.now();
  const r = writeDemoPair(dir, Number(rows), Number(commits ?? 0), Number(per ?? 5), diffs === 'whole' ? 'whole' : 'delta');
  console.log(`wrote ${r.main} + ${r.aside} in ${((performance.now() - t) / 1000).toFixed(1)} s`);
}
