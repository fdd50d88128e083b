/**
 * `npm run bench [-- PHASE... | FILE...] [--quick] [--dir DIR] [--keep] [--list]`
 *
 * The workload of docs/bench-workload.md with its exact generators (create, read, 1-row commits in
 * readwrite / extend / aside, 10% deletes + compaction) and the corpus reader figures. Each phase
 * runs in its own process (one to three times; medians with [min-max]); every figure is printed next
 * to the doc's C++ figure and, where one exists, its ratio to a baseline measured in the same run
 * (typed-array loops, page-cache writes). The machine is shared: CPU time is printed beside wall
 * time. Targets are printed, never asserted; failed correctness checks make the exit code 1.
 * Arguments that are existing files get the reader figures instead (open, first access, scans).
 */
import { spawnSync } from 'node:child_process';
import { buildSync } from 'esbuild';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { PhaseResult } from './measure.js';
import { PHASES, type PhaseOptions } from './phases/index.js';
import { formatPhase, mergeRuns } from './report.js';

const ROOT = join(import.meta.dirname, '..');

function usage(): string {
  return [
    'usage: npm run bench -- [PHASE...] [FILE...] [--quick] [--dir DIR] [--keep] [--list]',
    'phases (default: all, in this order):',
    ...PHASES.map((p) => `  ${p.name.padEnd(11)} ${p.about}`),
  ].join('\n');
}

const args = process.argv.slice(2);
const flags = new Set(args.filter((a) => a.startsWith('--')));
if (flags.has('--list') || flags.has('--help')) {
  console.log(usage());
  process.exit(0);
}
const dirIndex = args.indexOf('--dir');
const dir = dirIndex >= 0 ? resolve(args[dirIndex + 1] ?? '') : join(tmpdir(), 'mkinspect-bench');
const positional = args.filter((a, i) => !a.startsWith('--') && !(dirIndex >= 0 && i === dirIndex + 1));
const options: PhaseOptions = { quick: flags.has('--quick') };

const selected: { name: string; runs: number }[] = [];
for (const a of positional) {
  const phase = PHASES.find((p) => p.name === a);
  if (phase) selected.push({ name: phase.name, runs: phase.runs(options) });
  else if (existsSync(a) && statSync(a).isFile()) selected.push({ name: `FILE:${resolve(a)}`, runs: 1 });
  else {
    console.error(`unknown phase or missing file '${a}'\n${usage()}`);
    process.exit(2);
  }
}
if (selected.length === 0) for (const p of PHASES) selected.push({ name: p.name, runs: p.runs(options) });

console.log(`node ${process.version}, ${process.arch}; bench files in ${dir}${options.quick ? '; --quick (smaller counts)' : ''}`);
console.log('Each phase runs in a fresh process. Times: median [min-max] xruns; "cpu" is user+system CPU time (the machine is shared: wall time carries other processes\' load).');
const outDir = mkdtempSync(join(tmpdir(), 'mk-bench-out-'));
// The phases run from one esbuild bundle under plain node, not through tsx: no transpiler in the
// measured processes (tsx alone adds ~40 MB of RSS) and the code the JIT sees is what a build ships.
const childBundle = join(outDir, 'child.mjs');
buildSync({ entryPoints: [join(ROOT, 'bench', 'child.ts')], bundle: true, platform: 'node', format: 'esm', target: 'node20', outfile: childBundle, logLevel: 'warning' });
let failures = 0;
const started = performance.now();
for (const s of selected) {
  const results: PhaseResult[] = [];
  for (let run = 0; run < s.runs; run++) {
    console.error(`[${((performance.now() - started) / 1000).toFixed(0)} s] phase ${s.name}${s.runs > 1 ? ` run ${run + 1}/${s.runs}` : ''}`);
    const out = join(outDir, `${results.length}.json`);
    const child = spawnSync(process.execPath, [childBundle, s.name, JSON.stringify(options), out], {
      stdio: ['ignore', 'inherit', 'inherit'],
      env: { ...process.env, MK_BENCH_DIR: dir, MK_BENCH_ROOT: ROOT },
    });
    if (child.status !== 0 || !existsSync(out)) {
      results.push({ phase: s.name, rows: [], maxRssBytes: 0, wallMs: 0, cpuMs: 0, failures: [`child process exited with ${child.status ?? child.signal}`] });
      continue;
    }
    results.push(JSON.parse(readFileSync(out, 'utf8')) as PhaseResult);
  }
  const merged = mergeRuns(results);
  failures += merged.failures.length;
  console.log(formatPhase(merged));
}
rmSync(outDir, { recursive: true, force: true });
// A folder given with --dir is the user's: only the default one is removed.
if (dirIndex < 0 && !flags.has('--keep')) rmSync(dir, { recursive: true, force: true });
console.log(`\nbench done in ${((performance.now() - started) / 1000).toFixed(0)} s${failures ? `; ${failures} FAILED CHECK(S)` : '; all checks OK'}`);
process.exitCode = failures ? 1 : 0;
