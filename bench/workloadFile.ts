/**
 * The workload files of docs/bench-workload.md on disk: created once with our writer (in mode 1, one
 * commit, as the C++ workload does) and kept in a cache folder, so benchmarks and soak tests that need
 * the 1M-row main do not pay the few seconds of its creation every run.
 */
import { existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openWritableFile } from '../engine/node/openWritable.js';
import { appendRows, FILE_SIZE, LAYOUT } from './workload.js';

export const WORKLOAD_CACHE = join(tmpdir(), 'mk-inspector-workload');

/** Writes a fresh workload file of `rows` rows at `path`. */
export function writeWorkloadFile(path: string, rows: number): void {
  const tmp = `${path}.tmp-${process.pid}`;
  rmSync(tmp, { force: true });
  const s = openWritableFile(tmp, { mode: 'readwrite' });
  try {
    appendRows(s.getAs(LAYOUT) as NonNullable<ReturnType<typeof s.getAs>>, 0, rows);
    s.commit();
  } finally {
    s.close();
  }
  renameSync(tmp, path);
}

/** The cached workload file of `rows` rows (created when missing or of the wrong size). */
export function workloadFile(rows: number, dir = WORKLOAD_CACHE): string {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `workload-${rows}.mk`);
  const expected = FILE_SIZE[rows];
  if (!existsSync(path) || (expected !== undefined && statSync(path).size !== expected)) writeWorkloadFile(path, rows);
  return path;
}
