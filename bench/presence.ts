/**
 * Bench of the flush guard's holder check (issue 5: "< 50 ms on a machine with 500 processes").
 * Starts ~500 sleeping processes plus three real holders (read-only fd, read-write fd, a mapping),
 * then times checkHolders (registry + full /proc fd and maps scan + chains + merge) against two
 * baselines measured in the same run, interleaved with it so that load from other processes hits all
 * three alike: the bare walk (list /proc and each /proc/<pid>/fd) and the syscall floor of a complete
 * scan (that walk plus one stat per descriptor and one read of each /proc/<pid>/maps).
 *
 *   npm run bench:presence            (MK_BENCH_PROCESSES=N to change the number of sleepers)
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, copyFileSync, mkdtempSync, openSync, readdirSync, readFileSync, readSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkHolders } from '../engine/node/presence/guard.js';

const SLEEPERS = Number(process.env.MK_BENCH_PROCESSES ?? 500);
const RUNS = 30;
const CORPUS = join(import.meta.dirname, '..', 'test', 'fixtures', 'corpus', 'aside-4');

function procCount(): number {
  return readdirSync('/proc').filter((n) => /^\d+$/.test(n)).length;
}

function baselineWalk(): number {
  let fds = 0;
  for (const n of readdirSync('/proc')) {
    if (!/^\d+$/.test(n)) continue;
    try {
      fds += readdirSync(`/proc/${n}/fd`).length;
    } catch {
      // gone or not ours
    }
  }
  return fds;
}

const mapsBuffer = Buffer.allocUnsafe(1 << 18);

function syscallFloor(): number {
  let n = 0;
  for (const p of readdirSync('/proc')) {
    if (!/^\d+$/.test(p)) continue;
    let fds: string[];
    try {
      fds = readdirSync(`/proc/${p}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      try {
        if (statSync(`/proc/${p}/fd/${fd}`, { throwIfNoEntry: false })) n++;
      } catch {
        // protected descriptor
      }
    }
    try {
      const f = openSync(`/proc/${p}/maps`, 'r');
      try {
        while (readSync(f, mapsBuffer, 0, mapsBuffer.length, null) > 0) n++;
      } finally {
        closeSync(f);
      }
    } catch {
      // gone
    }
  }
  return n;
}

function stats(times: number[]): { median: number; p90: number; min: number } {
  const t = [...times].sort((a, b) => a - b);
  return { median: t[Math.floor(t.length / 2)] as number, p90: t[Math.floor(t.length * 0.9)] as number, min: t[0] as number };
}

/** Runs the candidates round-robin, `runs` times each; returns the times per candidate. */
async function interleaved(fns: (() => unknown)[], runs: number): Promise<number[][]> {
  const out = fns.map(() => [] as number[]);
  for (let i = 0; i < runs; i++) {
    for (const [k, fn] of fns.entries()) {
      const t = performance.now();
      await fn();
      (out[k] as number[]).push(performance.now() - t);
    }
  }
  return out;
}

function waitForLine(p: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    p.stdout?.once('data', () => resolve());
    p.once('exit', (code) => reject(new Error(`holder exited early (${code})`)));
  });
}

async function main(): Promise<void> {
  if (process.platform !== 'linux') {
    console.log(`bench presence: the /proc scan is Linux only (this is ${process.platform}); nothing to measure`);
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'mk-bench-presence-'));
  const mainFile = join(dir, 'main.mk');
  const asideFile = join(dir, 'aside.mka');
  copyFileSync(join(CORPUS, 'main.mk'), mainFile);
  copyFileSync(join(CORPUS, 'aside.mka'), asideFile);
  const sleepers: ChildProcess[] = [];
  const holders: ChildProcess[] = [];
  try {
    for (let i = 0; i < SLEEPERS; i++) sleepers.push(spawn('sleep', ['600'], { stdio: 'ignore' }));
    const hold = (flags: string, file: string): ChildProcess => spawn(process.execPath, ['-e',
      `require('fs').openSync(${JSON.stringify(file)}, ${JSON.stringify(flags)}); console.log('ready'); setInterval(() => {}, 1e6)`], { stdio: ['ignore', 'pipe', 'inherit'] });
    holders.push(hold('r', mainFile), hold('r+', asideFile));
    holders.push(spawn('python3', ['-c', `import mmap,sys,time\nf=open(${JSON.stringify(mainFile)},'rb')\nm=mmap.mmap(f.fileno(),0,access=mmap.ACCESS_READ)\nprint('ready',flush=True)\ntime.sleep(600)`], { stdio: ['ignore', 'pipe', 'inherit'] }));
    await Promise.all(holders.map(waitForLine));
    await new Promise((r) => setTimeout(r, 500));
    const processes = procCount();

    const first = await checkHolders({ main: mainFile, aside: asideFile });
    if (first.blocking.length !== 3) throw new Error(`expected 3 holders, found ${first.blocking.length}`);
    const [walkT, floorT, checkT] = await interleaved([baselineWalk, syscallFloor, () => checkHolders({ main: mainFile, aside: asideFile })], RUNS);
    const walk = stats(walkT as number[]);
    const floor = stats(floorT as number[]);
    const check = stats(checkT as number[]);
    const load = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
    const line = (label: string, x: { median: number; p90: number; min: number }): string =>
      `  ${label.padEnd(58)} median ${x.median.toFixed(1).padStart(6)} ms  p90 ${x.p90.toFixed(1).padStart(6)} ms  min ${x.min.toFixed(1).padStart(6)} ms`;
    console.log(`bench presence: ${processes} processes (${SLEEPERS} sleepers + 3 holders), ${RUNS} interleaved runs, load average ${load}`);
    console.log(line('baseline: list /proc and every /proc/<pid>/fd', walk));
    console.log(line('baseline: + stat every fd + read every maps (floor)', floor));
    console.log(line('checkHolders (registry, fds, fdinfo, maps, chains, merge)', check));
    console.log(`  ratios (median): ${(check.median / walk.median).toFixed(2)}x the bare walk, ${(check.median / floor.median).toFixed(2)}x the syscall floor`);
    console.log(`  first (cold) check ${first.elapsedMs.toFixed(1)} ms; target < 50 ms: ${check.median < 50 ? 'met' : 'NOT met'} (median), ${check.min < 50 ? 'met' : 'not met'} (best run)`);
  } finally {
    for (const p of [...sleepers, ...holders]) p.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
