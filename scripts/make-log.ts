/**
 * Writes a large log with the engine's writer (the e2e 10M-row acceptance file, and the big view of
 * `npm start`'s sample files): `log[seq:I,value:D,code:S]` with ROWS rows
 * (row i: i, 100·sin(i), one of seven status words). Run as `node bin/run-ts.js scripts/make-log.ts
 * OUT ROWS`; the file is written to OUT.tmp and renamed, so a half-written file is never used.
 */
import { renameSync, rmSync } from 'node:fs';
import { WritableStorage } from '../engine/core/write/writableStorage.js';
import { FileByteStore } from '../engine/node/fileByteStore.js';

export const LOG_LAYOUT = 'log[seq:I,value:D,code:S]';
export const LOG_CODES = ['ok', 'warn', 'error', 'retry', 'idle', 'boot', 'sync'];

export function writeLog(out: string, rows: number): void {
  const tmp = `${out}.tmp`;
  rmSync(tmp, { force: true });
  const store = new FileByteStore(tmp, { writable: true, create: true });
  const db = WritableStorage.open(store, { mode: 'readwrite', durable: false });
  const view = db.getAs(LOG_LAYOUT);
  if (!view) throw new Error(`getAs(${LOG_LAYOUT}) returned no view`);
  for (let i = 0; i < rows; i++) view.append({ seq: i, value: Math.sin(i) * 100, code: LOG_CODES[i % 7] });
  db.commit();
  db.close();
  renameSync(tmp, out);
}

if (process.argv[1]?.endsWith('make-log.ts')) {
  const [out, rows] = process.argv.slice(2);
  if (!out || !rows) throw new Error('usage: make-log.ts OUT ROWS');
  const t = performance.now();
  writeLog(out, Number(rows));
  console.log(`wrote ${out} (${Number(rows).toLocaleString('en-US')} rows) in ${((performance.now() - t) / 1000).toFixed(1)} s`);
}
