/**
 * 10% random single-row deletes on the 1M-row file (N/10 distinct xorshift rows, removed one by one
 * in descending order, as the doc's RemoveAt loop), then compaction into a new file (Metakit's
 * SaveTo: a full-scan commit into an empty store). The compacted file is checked row by row
 * against the rows that should remain.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { Storage } from '../../engine/core/read/storage.js';
import { openWritableFile } from '../../engine/node/openWritable.js';
import { FileByteStore } from '../../engine/node/fileByteStore.js';
import { benchDir, fileSize, pageCacheWrite, scratchCopy, sha256File } from '../files.js';
import { measure, type PhaseRecorder } from '../measure.js';
import { CPP, CPP_SHA256 } from '../reference.js';
import { rowString, rowsToDelete } from '../workload.js';

const ROWS = 1_000_000;

export function deletesPhase(rec: PhaseRecorder): void {
  const path = scratchCopy(ROWS, 'deletes.mk');
  const compact = join(benchDir(), 'compacted.mk');
  rmSync(compact, { force: true });
  const section = '10% random single-row deletes on the 1M-row file, then compaction';
  const db = openWritableFile(path, { mode: 'readwrite', durable: false });
  const view = db.view('t');
  const chosen = measure(() => rowsToDelete(ROWS));
  const rows = chosen.value;
  let first = 0;
  const deletes = measure(() => {
    const t = performance.now();
    view.delete(rows[0] as number);
    first = performance.now() - t;
    for (let k = 1; k < rows.length; k++) view.delete(rows[k] as number);
  });
  rec.timed(section, `choose ${rows.length.toLocaleString('en-US')} distinct xorshift rows`, [chosen.sample]);
  rec.timed(section, `${rows.length.toLocaleString('en-US')} deletes, descending (WritableView.delete)`, [deletes.sample], {
    cpp: CPP.deletes,
    target: { label: 'seconds, not the 83 s of C++', maxValue: 10_000 },
    note: `the first delete, which loads the columns, took ${first.toFixed(0)} ms; ${(((deletes.sample.wallMs - first) * 1000) / (rows.length - 1)).toFixed(2)} µs per delete after it`,
  });
  const target = new FileByteStore(compact, { writable: true, create: true });
  const save = measure(() => db.saveTo(target, { durable: false }));
  target.close();
  const size = fileSize(compact);
  rec.timed(section, 'compaction: SaveTo a new file', [save.sample], { cpp: CPP.compaction, baseline: { what: `page-cache write of ${size.toLocaleString('en-US')} bytes to a new file`, value: pageCacheWrite(size, true) } });
  rec.value(section, 'compacted file size', 'bytes', [size], { cpp: CPP.compactedSize });
  rec.check(section, 'compacted file: sha256 equals the C++ library\'s SaveTo', sha256File(compact) === CPP_SHA256.compactedAfterDeletes, `${CPP_SHA256.compactedAfterDeletes.slice(0, 16)}…`);
  const commit = measure(() => db.commit());
  rec.timed(section, 'commit of the deletes in place (readwrite), for information', [commit.sample], { note: `the file is now ${fileSize(path).toLocaleString('en-US')} bytes: a commit never shrinks a file` });
  db.close();
  checkCompacted(rec, section, compact, rows);
  rmSync(path, { force: true });
  rmSync(compact, { force: true });
}

/** Every remaining row, in order, holds the values of the original row it came from. */
function checkCompacted(rec: PhaseRecorder, section: string, path: string, deleted: readonly number[]): void {
  const gone = new Uint8Array(ROWS);
  for (const r of deleted) gone[r] = 1;
  const s = Storage.open(new FileByteStore(path));
  try {
    const v = s.view('t');
    const ints = v.ints('i');
    const doubles = v.doubles('d');
    let k = 0;
    let bad = -1;
    for (let i = 0; i < ROWS && bad < 0; i++) {
      if (gone[i]) continue;
      if (ints[k] !== i || doubles[k] !== i * 0.5 || (k % 997 === 0 && v.getString(k, 's') !== rowString(i))) bad = k;
      k++;
    }
    const ok = bad < 0 && k === v.rowCount;
    rec.check(section, 'compacted file: rows are the original rows minus the deleted ones', ok, ok ? `${v.rowCount.toLocaleString('en-US')} rows` : `first wrong row ${bad}, ${v.rowCount} rows (expected ${k})`);
  } finally {
    s.close();
  }
}
