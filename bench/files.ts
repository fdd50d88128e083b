/**
 * The bench's files: the workload files of docs/bench-workload.md (10k, 100k, 1M rows), written by our
 * writer exactly as the doc's Create step (one append per row, one commit) and checked against the
 * doc's sha256, plus the in-run page-cache write baseline.
 */
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, openSync, closeSync, readFileSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openWritableFile } from '../engine/node/openWritable.js';
import { measure, median, progress, type Sample } from './measure.js';
import { LAYOUT, SHA256, rowValues } from './workload.js';

/** Where the bench keeps its files (main.ts passes it to the phases). */
export function benchDir(): string {
  const dir = process.env.MK_BENCH_DIR ?? join(tmpdir(), 'mkinspect-bench');
  mkdirSync(dir, { recursive: true });
  return dir;
}

export function sha256File(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

export interface CreateTimes {
  append: Sample;
  commit: Sample;
  total: Sample;
}

/**
 * The Create step: a new file in mode readwrite, getAs(layout), one append per row, one commit.
 * Not durable (no fsync), like the C++ library, so the figures compare.
 */
export function createWorkloadFile(path: string, rows: number): CreateTimes {
  rmSync(path, { force: true });
  let append!: Sample;
  let commit!: Sample;
  const total = measure(() => {
    const db = openWritableFile(path, { mode: 'readwrite', durable: false });
    try {
      append = measure(() => {
        const view = db.getAs(LAYOUT);
        if (!view) throw new Error('unreachable: getAs returned no view');
        for (let i = 0; i < rows; i++) view.append(rowValues(i));
      }).sample;
      commit = measure(() => db.commit()).sample;
    } finally {
      db.close();
    }
  }).sample;
  return { append, commit, total };
}

/** The workload file of `rows` rows in the bench dir, created (untimed) unless a correct one exists. */
export function workloadPath(rows: number): string {
  return join(benchDir(), `t${rows}.mk`);
}

export function workloadFile(rows: number): string {
  const path = workloadPath(rows);
  const want = SHA256[rows];
  if (existsSync(path) && (!want || sha256File(path) === want)) return path;
  progress(`writing the ${rows.toLocaleString('en-US')}-row workload file ${path}`);
  createWorkloadFile(path, rows);
  if (want && sha256File(path) !== want) throw new Error(`the ${rows}-row workload file ${path} does not have the doc's sha256`);
  return path;
}

/** A scratch copy of a workload file (phases that write never touch the shared one). */
export function scratchCopy(rows: number, name: string): string {
  const to = join(benchDir(), name);
  rmSync(to, { force: true });
  copyFileSync(workloadFile(rows), to);
  return to;
}

/**
 * The physical floor of a commit that writes `bytes` bytes: writing as many bytes to the page cache,
 * measured now. `fresh` writes new files (like a commit that grows a file: the kernel must find new
 * page-cache pages; the files are kept until all five are written, so no write reuses the pages of a
 * file just deleted); otherwise the bytes overwrite an existing file (like a commit into reused
 * space). Median of 5.
 */
export function pageCacheWrite(bytes: number, fresh: boolean): number {
  bytes = Math.round(bytes);
  const paths = Array.from({ length: 5 }, (_, k) => join(benchDir(), `baseline-write-${k}.bin`));
  const buf = new Uint8Array(bytes);
  for (let i = 0; i < bytes; i += 4096) buf[i] = i & 0xff;
  const times: number[] = [];
  for (const p of paths) rmSync(p, { force: true });
  if (!fresh) writeFileSync(paths[0] as string, buf);
  for (let k = 0; k < 5; k++) {
    const path = (fresh ? paths[k] : paths[0]) as string;
    const t = measure(() => {
      const fd = openSync(path, fresh ? 'w' : 'r+');
      let done = 0;
      while (done < bytes) done += writeSync(fd, buf, done, bytes - done, done);
      closeSync(fd);
    });
    times.push(t.sample.wallMs);
  }
  for (const p of paths) rmSync(p, { force: true });
  return median(times);
}

export function fileSize(path: string): number {
  return statSync(path).size;
}
