/**
 * Single-row commits (docs/bench-workload.md): in readwrite mode and in extend mode on one open
 * storage, and into an aside with the seed's pattern (open main read-only + aside extend, append,
 * commit both, close) — each for as many commits as asked, until the 2 GiB offset limit stops it, or
 * until the time cap (said in the report). Appended rows continue the workload generator.
 */
import { copyFileSync, existsSync, rmSync } from 'node:fs';
import type { ByteStore } from '../../engine/core/base/byteStore.js';
import { MetakitError } from '../../engine/core/base/errors.js';
import { Storage } from '../../engine/core/read/storage.js';
import { WritableStorage } from '../../engine/core/write/writableStorage.js';
import { FileByteStore } from '../../engine/node/fileByteStore.js';
import { benchDir, fileSize, pageCacheWrite, scratchCopy, sha256File } from '../files.js';
import { asideWriters, flushers, type AsideWriter } from '../hooks.js';
import { measure, median, percentile, progress, type PhaseRecorder, type Sample } from '../measure.js';
import { CPP, CPP_SHA256, type CppFigure } from '../reference.js';
import { rowString, rowValues } from '../workload.js';
import { join } from 'node:path';

/** Counts the bytes a storage writes (a commit's cost in I/O). */
class WriteCounter implements ByteStore {
  written = 0;
  constructor(private readonly inner: ByteStore) {}
  get name(): string { return this.inner.name; }
  get writable(): boolean { return this.inner.writable; }
  size(): number { return this.inner.size(); }
  read(position: number, length: number): Uint8Array { return this.inner.read(position, length); }
  write(position: number, bytes: Uint8Array): void {
    this.written += bytes.length;
    this.inner.write(position, bytes);
  }
  sync(): void { this.inner.sync(); }
  truncate(length: number): void { this.inner.truncate(length); }
  close(): void { this.inner.close(); }
}

export interface CommitLoopOptions {
  count: number;
  capSeconds: number;
}

interface LoopResult {
  samples: Sample[];
  sizes: number[];
  written: number[];
  stop: string;
}

const CHECKPOINTS = [1, 10, 100, 1000, 10_000];

function isLimit(e: unknown): boolean {
  return e instanceof MetakitError && e.code === 'LIMIT_EXCEEDED';
}

/**
 * Runs `step` up to `count` times; stops early at the 2 GiB limit or the time cap. `after(n)` runs
 * after the n-th commit, outside the measurement (checks).
 */
function loop(opts: CommitLoopOptions, label: string, step: (k: number) => { written: number; size: number }, after?: (n: number) => void): LoopResult {
  const r: LoopResult = { samples: [], sizes: [], written: [], stop: `all ${opts.count.toLocaleString('en-US')} commits done` };
  const t0 = performance.now();
  for (let k = 0; k < opts.count; k++) {
    if (k > 0 && performance.now() - t0 > opts.capSeconds * 1000) {
      r.stop = `stopped by the bench's ${opts.capSeconds} s time cap after ${k.toLocaleString('en-US')} commits`;
      break;
    }
    try {
      let out = { written: 0, size: 0 };
      const m = measure(() => {
        out = step(k);
      });
      r.samples.push(m.sample);
      r.sizes.push(out.size);
      r.written.push(out.written);
    } catch (e) {
      if (!isLimit(e)) throw e;
      r.stop = `commit ${k + 1} refused with LIMIT_EXCEEDED (2 GiB offset limit), nothing written: ${(e as Error).message.slice(0, 90)}…`;
      break;
    }
    after?.(k + 1);
    if ((k + 1) % 50 === 0) progress(`${label}: ${k + 1} commits`);
  }
  return r;
}

function report(rec: PhaseRecorder, section: string, r: LoopResult, startSize: number, cpp: CppFigure | undefined, writeBaseline: number | null): void {
  const n = r.samples.length;
  rec.text(section, 'commits made', `${n.toLocaleString('en-US')} (${r.stop})`);
  if (n === 0) return;
  rec.timed(section, 'first commit (its edit loads the columns)', [r.samples[0] as Sample], { note: `${((r.written[0] as number) / 1e6).toFixed(1)} MB written` });
  const rest = r.samples.slice(1);
  if (rest.length > 0) {
    const writtenRest = median(r.written.slice(1));
    rec.timed(section, `commits 2..${n}: per commit (append + commit)`, rest, {
      cpp,
      baseline: writeBaseline === null ? undefined : { what: `page-cache write of the ${(writtenRest / 1e6).toFixed(1)} MB a commit writes`, value: writeBaseline },
      note: `p90 ${percentile(rest.map((s) => s.wallMs), 0.9).toFixed(1)} ms; median ${(writtenRest / 1e6).toFixed(2)} MB written per commit`,
    });
  }
  const growth: number[] = [];
  for (let k = 1; k < n; k++) growth.push((r.sizes[k] as number) - (r.sizes[k - 1] as number));
  if (growth.length > 0) rec.value(section, 'file growth per commit (median)', 'bytes', [median(growth)]);
  const points = CHECKPOINTS.filter((c) => c <= n).map((c) => `${c}: ${(r.sizes[c - 1] as number).toLocaleString('en-US')}`);
  if (!CHECKPOINTS.includes(n)) points.push(`${n}: ${(r.sizes[n - 1] as number).toLocaleString('en-US')}`);
  rec.text(section, 'size after N commits (bytes)', `start ${startSize.toLocaleString('en-US')}; ${points.join('; ')}`);
}

/** After `at` commits, the file must be byte-identical to what the C++ library wrote (CPP_SHA256). */
function shaCheckpoint(rec: PhaseRecorder, section: string, path: string, at: number, want: string | undefined): (n: number) => void {
  return (n) => {
    if (!want || n !== at) return;
    rec.check(section, `after ${at} commits: sha256 equals the C++ library's file`, sha256File(path) === want, `${want.slice(0, 16)}…`);
  };
}

/** Reopens read-only (main, and aside if given) and checks the row count and the last row. */
function checkRows(rec: PhaseRecorder, section: string, main: string, aside: string | null, rows: number): void {
  const a = aside ? Storage.open(new FileByteStore(aside)) : undefined;
  const s = Storage.open(new FileByteStore(main), { aside: a });
  try {
    const v = s.view('t');
    const ok = v.rowCount === rows && v.getString(rows - 1, 's') === rowString(rows - 1) && v.getInt(rows - 1, 'i') === rows - 1;
    rec.check(section, 'reopened read-only: row count and last row', ok, `${v.rowCount.toLocaleString('en-US')} rows (expected ${rows.toLocaleString('en-US')})`);
  } finally {
    s.close();
  }
}

/** readwrite or extend: one storage open for all commits. */
export function sessionCommitsPhase(rec: PhaseRecorder, mode: 'readwrite' | 'extend', baseRows: number, opts: CommitLoopOptions): void {
  const path = scratchCopy(baseRows, `${mode}-${baseRows}.mk`);
  const startSize = fileSize(path);
  const section = `1-row commits, mode ${mode}, on the ${baseRows.toLocaleString('en-US')}-row file`;
  const store = new WriteCounter(new FileByteStore(path, { writable: true }));
  const db = WritableStorage.open(store, { mode, durable: false });
  const view = db.view('t');
  let next = baseRows;
  const want = mode === 'readwrite' ? (baseRows === 1_000_000 ? CPP_SHA256.readwrite1M5 : undefined) : baseRows === 1_000_000 ? CPP_SHA256.extend1M3 : CPP_SHA256.extend10k3;
  const after = shaCheckpoint(rec, section, path, mode === 'readwrite' ? 5 : 3, want);
  const r = loop(opts, section, () => {
    const before = store.written;
    view.append(rowValues(next));
    try {
      db.commit();
    } catch (e) {
      view.delete(next);
      throw e;
    }
    next++;
    return { written: store.written - before, size: store.size() };
  }, after);
  db.close();
  const big = baseRows === 1_000_000;
  const cpp = big ? (mode === 'readwrite' ? CPP.rwCommit : CPP.extendCommit) : undefined;
  const writeBaseline = r.written.length > 1 ? pageCacheWrite(median(r.written.slice(1)), mode === 'extend') : null;
  report(rec, section, r, startSize, cpp, writeBaseline);
  if (r.stop.includes('LIMIT_EXCEEDED')) rec.check(section, 'the refused commit left the file as it was', fileSize(path) === (r.sizes[r.sizes.length - 1] ?? startSize), `${fileSize(path).toLocaleString('en-US')} bytes`);
  checkRows(rec, section, path, null, next);
  if (mode === 'readwrite' && big) durableCommit(rec, section, path, next);
  rmSync(path, { force: true });
}

/** One commit with our default durability (fsync before and after the switch), for information. */
function durableCommit(rec: PhaseRecorder, section: string, path: string, rows: number): void {
  const db = WritableStorage.open(new FileByteStore(path, { writable: true }), { mode: 'readwrite' });
  try {
    db.view('t').append(rowValues(rows));
    rec.timed(section, 'one more commit with fsync (our default), edit already loaded', [measure(() => db.commit()).sample], { note: 'the figures above are without fsync, like C++ (which never syncs)' });
  } finally {
    db.close();
  }
}

/** Commits into an aside with the seed's pattern, for each aside writer (whole, and delta once issue 8 plugs it in). */
export function asideCommitsPhase(rec: PhaseRecorder, baseRows: number, opts: CommitLoopOptions, writers: readonly AsideWriter[] = asideWriters): void {
  const main = scratchCopy(baseRows, `aside-main-${baseRows}.mk`);
  for (const w of writers) {
    const aside = join(benchDir(), `aside-${baseRows}-${w.mode}.mka`);
    rmSync(aside, { force: true });
    const section = `1-row commits into an aside (${w.mode}) on the ${baseRows.toLocaleString('en-US')}-row main (open, append, commit both, close)`;
    let next = baseRows;
    const r = loop({ ...opts, count: w.commits ?? opts.count }, section, () => {
      const before = existsSync(aside) ? fileSize(aside) : 0;
      const pair = w.open(main, aside);
      try {
        pair.main.view('t').append(rowValues(next));
        pair.main.commit();
        pair.aside.commit();
      } finally {
        pair.main.close();
        pair.aside.close();
      }
      next++;
      const size = fileSize(aside);
      return { written: size - before, size };
    }, w.mode === 'whole' ? shaCheckpoint(rec, section, aside, 3, baseRows === 1_000_000 ? CPP_SHA256.aside1M3 : CPP_SHA256.aside10k3) : undefined);
    const writeBaseline = r.written.length > 1 ? pageCacheWrite(median(r.written.slice(1)), true) : null;
    report(rec, section, r, 0, baseRows === 1_000_000 && w.mode === 'whole' ? CPP.asideCommit : undefined, writeBaseline);
    checkRows(rec, section, main, aside, next);
    saveToPhase(rec, section, main, aside, w, next);
    for (const f of flushers) {
      const m2 = join(benchDir(), `flush-main-${baseRows}.mk`);
      const a2 = join(benchDir(), `flush-aside-${baseRows}.mka`);
      rmSync(m2, { force: true });
      rmSync(a2, { force: true });
      copyFileSync(main, m2);
      copyFileSync(aside, a2);
      rec.timed(section, `flush (${f.name})`, [measure(() => f.flush(m2, a2)).sample], { cpp: CPP.flush });
      checkRows(rec, section, m2, null, next);
      rmSync(m2, { force: true });
      rmSync(a2, { force: true });
    }
    if (flushers.length === 0) rec.text(section, 'flush', 'no flusher plugged in (bench/hooks.ts `flushers`)');
    rmSync(aside, { force: true });
  }
  rmSync(main, { force: true });
}

/** Metakit's SaveTo of main + aside into a new file (the C++ doc's working "flush"). */
function saveToPhase(rec: PhaseRecorder, section: string, main: string, aside: string, w: AsideWriter, rows: number): void {
  const out = join(benchDir(), 'saveto.mk');
  rmSync(out, { force: true });
  const pair = w.open(main, aside);
  try {
    const target = new FileByteStore(out, { writable: true, create: true });
    const m = measure(() => pair.main.saveTo(target, { durable: false }));
    target.close();
    rec.timed(section, 'SaveTo of main + aside into a new file (compacting)', [m.sample], { cpp: CPP.flush, note: `${fileSize(out).toLocaleString('en-US')} bytes` });
  } finally {
    pair.main.close();
    pair.aside.close();
  }
  checkRows(rec, section, out, null, rows);
  rmSync(out, { force: true });
}
