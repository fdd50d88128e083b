/**
 * `npm run bench:aside`: single-row commits into an aside of the 1M-row workload main
 * (docs/bench-workload.md), delta diffs and Metakit's whole-column diffs side by side in one run. A
 * writer opens the main file read-only and the aside in extend mode (the seed's pattern), then appends
 * one workload row and commits (main into the aside, then the aside to disk, with its fsyncs) COMMITS
 * times. Prints the aside size after 1, 10, 100 and 1,000 commits, bytes per commit and the time per
 * commit. Whole diffs add ~59 MB per commit, so that run stops early (WHOLE_MAX_COMMITS or
 * WHOLE_MAX_BYTES) and says so. `npm run bench:aside -- ROWS COMMITS` runs another size.
 * Targets (issue 8): delta grows < 4 KB per commit and commits in < 10 ms.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openWritableFile, type AsideDiffMode } from '../engine/node/openWritable.js';
import { rowValues } from './workload.js';
import { workloadFile } from './workloadFile.js';

const [rowsArg, commitsArg] = process.argv.slice(2);
const ROWS = Number(rowsArg ?? 1_000_000);
const COMMITS = Number(commitsArg ?? 1000);
const WHOLE_MAX_COMMITS = 5;
const WHOLE_MAX_BYTES = 400 * 1024 * 1024;
const MARKS = [1, 10, 100, 1000, 10_000];
const GROWTH_TARGET = 4096;
/** Commits made the seed's way: each in a writer that opens main and aside, appends, commits, closes. */
const REOPEN_COMMITS = 5;
const TIME_TARGET_MS = 10;

interface Run {
  mode: AsideDiffMode;
  commits: number;
  /** Aside size before the first commit, then after each. */
  sizes: number[];
  /** Milliseconds per commit (append + commit into the aside + commit of the aside). */
  times: number[];
  /** Of which: the aside's own commit (writing and fsync). */
  asideTimes: number[];
  /** Seconds for opening both files and the first access to the view (materialises what is edited). */
  stoppedEarly: string | null;
}

function runMode(main: string, dir: string, mode: AsideDiffMode): Run {
  const aside = join(dir, `${mode}.mka`);
  const db = openWritableFile(main, { mode: 'read', asideDiffs: mode });
  const dba = openWritableFile(aside, { mode: 'extend' });
  db.setAside(dba);
  dba.commit();
  const run: Run = { mode, commits: 0, sizes: [statSync(aside).size], times: [], asideTimes: [], stoppedEarly: null };
  const t = db.view('t');
  try {
    for (let k = 1; k <= COMMITS; k++) {
      const t0 = performance.now();
      t.append(rowValues(ROWS + k - 1));
      db.commit();
      const t1 = performance.now();
      dba.commit();
      const t2 = performance.now();
      run.times.push(t2 - t0);
      run.asideTimes.push(t2 - t1);
      run.sizes.push(statSync(aside).size);
      run.commits = k;
      if (mode === 'whole' && k < COMMITS && (k >= WHOLE_MAX_COMMITS || (run.sizes[k] as number) >= WHOLE_MAX_BYTES)) {
        run.stoppedEarly = `stopped after ${k} commits (${mb(run.sizes[k] as number)} aside, ${(run.times.reduce((a, b) => a + b, 0) / 1000).toFixed(1)} s)`;
        break;
      }
    }
  } finally {
    db.close();
    dba.close();
    rmSync(aside, { force: true });
  }
  return run;
}

/** Median ms of commits that each open the files anew (the first access loads the columns it edits). */
function reopenCommits(main: string, dir: string): { median: number; bytes: number } {
  const aside = join(dir, 'reopen.mka');
  const times: number[] = [];
  let before = 0;
  try {
    for (let k = 0; k < REOPEN_COMMITS; k++) {
      const t0 = performance.now();
      const db = openWritableFile(main, { mode: 'read', asideDiffs: 'delta' });
      const dba = openWritableFile(aside, { mode: 'extend' });
      db.setAside(dba);
      db.view('t').append(rowValues(ROWS + k));
      db.commit();
      dba.commit();
      db.close();
      dba.close();
      times.push(performance.now() - t0);
      if (k === 0) before = statSync(aside).size;
    }
    return { median: quantile(times, 0.5), bytes: (statSync(aside).size - before) / (REOPEN_COMMITS - 1) };
  } finally {
    rmSync(aside, { force: true });
  }
}

function mb(n: number): string {
  return n >= 1e6 ? `${(n / 1e6).toFixed(1)} MB` : n >= 1e4 ? `${(n / 1e3).toFixed(1)} KB` : `${n} B`;
}

function quantile(xs: readonly number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? NaN;
}

function ms(x: number): string {
  return x < 10 ? `${x.toFixed(2)} ms` : x < 1000 ? `${x.toFixed(1)} ms` : `${(x / 1000).toFixed(2)} s`;
}

function summary(r: Run): Record<string, string> {
  const growth = r.sizes.slice(1).map((s, i) => s - (r.sizes[i] as number));
  // The first commit also loads (materialises) the columns it changes: shown apart.
  const steady = r.times.slice(1);
  const out: Record<string, string> = {};
  for (const k of MARKS) if (k <= COMMITS) out[`aside after ${k}`] = k <= r.commits ? mb(r.sizes[k] as number) : '-';
  out['bytes/commit mean'] = growth.length ? mb(Math.round(growth.reduce((a, b) => a + b, 0) / growth.length)) : '-';
  out['bytes/commit max'] = growth.length ? mb(Math.max(...growth)) : '-';
  out['first commit'] = r.times.length ? ms(r.times[0] as number) : '-';
  out['commit median'] = steady.length ? ms(quantile(steady, 0.5)) : '-';
  out['commit p90'] = steady.length ? ms(quantile(steady, 0.9)) : '-';
  out['commit max'] = steady.length ? ms(Math.max(...steady)) : '-';
  out['  of which aside write+fsync'] = steady.length ? ms(quantile(r.asideTimes.slice(1), 0.5)) : '-';
  return out;
}

console.log(`node ${process.version}, ${process.arch}; ${COMMITS} single-row aside commits on a ${ROWS.toLocaleString('en-US')}-row main (main read-only, aside extend mode, fsync on)`);
const t0 = performance.now();
const main = workloadFile(ROWS);
console.log(`main ${main}: ${statSync(main).size.toLocaleString('en-US')} bytes (ready in ${ms(performance.now() - t0)})`);
const dir = mkdtempSync(join(tmpdir(), 'mk-bench-aside-'));
try {
  const delta = runMode(main, dir, 'delta');
  const whole = runMode(main, dir, 'whole');
  const reopen = reopenCommits(main, dir);
  const a = summary(delta);
  const b = summary(whole);
  console.log(`\n${''.padEnd(30)}${'delta'.padStart(14)}${'whole (Metakit)'.padStart(18)}`);
  for (const key of Object.keys(a)) console.log(`${key.padEnd(30)}${(a[key] as string).padStart(14)}${(b[key] as string).padStart(18)}`);
  if (whole.stoppedEarly) console.log(`\nwhole: ${whole.stoppedEarly}; at ~${mb((whole.sizes[whole.commits] as number) / whole.commits)} per commit the aside reaches Metakit's 2 GiB offset limit after ~${Math.floor(2 ** 31 / ((whole.sizes[whole.commits] as number) / whole.commits))} commits`);
  const growth = delta.sizes.slice(1).map((s, i) => s - (delta.sizes[i] as number));
  const meanGrowth = growth.reduce((x, y) => x + y, 0) / growth.length;
  const median = quantile(delta.times.slice(1), 0.5);
  console.log(`\ntarget delta growth < ${GROWTH_TARGET} B/commit: mean ${meanGrowth.toFixed(0)} B, max ${Math.max(...growth)} B: ${meanGrowth < GROWTH_TARGET ? 'OK' : 'MISSED'}${Math.max(...growth) < GROWTH_TARGET ? '' : ' (max above)'}`);
  console.log(`target delta commit < ${TIME_TARGET_MS} ms: median ${ms(median)}: ${median < TIME_TARGET_MS ? 'OK' : 'MISSED'}`);
  console.log(`delta, reopening main + aside for every commit (the seed's pattern): median ${ms(reopen.median)} per commit, ${mb(Math.round(reopen.bytes))} per commit (the time is the first access loading the ${ROWS.toLocaleString('en-US')}-row columns the append edits)`);
  const wholeMedian = quantile(whole.times.slice(1).length ? whole.times.slice(1) : whole.times, 0.5);
  console.log(`ratio in this run: whole/delta bytes per commit ${(((whole.sizes[whole.commits] as number) - (whole.sizes[0] as number)) / whole.commits / meanGrowth).toFixed(0)}x, time per commit ${(wholeMedian / median).toFixed(0)}x`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
