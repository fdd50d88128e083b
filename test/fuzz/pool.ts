/**
 * Runs fuzz inputs on a pool of worker threads. Each worker publishes a heartbeat before every input;
 * a worker whose heartbeat stalls for `hangMs` is terminated (the input is recorded as a hang) and
 * replaced, and a worker that dies (out of memory, crash) is recorded and replaced the same way.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { makeInput } from './mutate.js';
import { fuzzSources } from './sources.js';
import type { BatchRequest, BatchSummary, FuzzMode } from './worker.js';

export interface FuzzOptions {
  seed: number;
  /** `engine` (default): open, dump and stats in memory; `cli`: the mkinspect commands on files. */
  mode?: FuzzMode;
  inputs: number;
  workers: number;
  /** Inputs per batch handed to a worker. */
  batch?: number;
  /** Per-input bound (an input above it is a failure). */
  slowMs?: number;
  /** Heartbeat silence after which a worker is declared hung and terminated. */
  hangMs?: number;
  maxSourceBytes?: number;
  /** Where failing inputs are written (main.mk / aside.mka / recipe.txt per input). */
  failureDir?: string;
  onProgress?: (done: number) => void;
  /** Harness self-test: make the worker hang / die at these inputs. */
  testHooks?: { hangAt?: number; crashAt?: number };
}

export interface Failure {
  index: number;
  kind: 'bug' | 'slow' | 'hang' | 'crash';
  detail: string;
  recipe: string;
}

export interface FuzzReport {
  seed: number;
  inputs: number;
  sources: number;
  /** Outcomes counted (see BatchSummary.tallies). */
  tallies: Record<string, number>;
  /** CLI: problems check reported without an offset, by code. */
  unplaced: Record<string, number>;
  maxMs: number;
  maxIndex: number;
  failures: Failure[];
  elapsedMs: number;
}

interface Slot {
  worker: Worker;
  beat: Int32Array;
  job: BatchRequest | null;
  lastCount: number;
  lastChange: number;
}

export async function runFuzz(o: FuzzOptions): Promise<FuzzReport> {
  const batch = o.batch ?? 250;
  const slowMs = o.slowMs ?? 1000;
  const hangMs = o.hangMs ?? 5000;
  const maxSourceBytes = o.maxSourceBytes ?? 100_000;
  const sources = fuzzSources(maxSourceBytes);
  const queue: BatchRequest[] = [];
  for (let from = 0; from < o.inputs; from += batch) queue.push({ from, to: Math.min(o.inputs, from + batch) });
  const report: FuzzReport = { seed: o.seed, inputs: 0, sources: sources.length, tallies: {}, unplaced: {}, maxMs: 0, maxIndex: -1, failures: [], elapsedMs: 0 };
  const started = performance.now();
  const mode = o.mode ?? 'engine';
  // The CLI's files: mutants, recovered copies and action logs, one folder for the run.
  const dir = mkdtempSync(join(tmpdir(), 'mk-fuzz-cli-'));

  const fail = (index: number, kind: Failure['kind'], detail: string): void => {
    const input = makeInput(o.seed, index, sources);
    report.failures.push({ index, kind, detail, recipe: input.recipe });
    if (o.failureDir) {
      const dir = join(o.failureDir, `${o.seed}-${index}`);
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, 'main.mk'), input.main);
      if (input.aside) writeFileSync(join(dir, 'aside.mka'), input.aside);
      writeFileSync(join(dir, 'recipe.txt'), `seed ${o.seed} index ${index} (${kind})\n${input.recipe}\n\n${detail}\n`);
    }
  };

  return new Promise<FuzzReport>((resolve, reject) => {
    const slots: Slot[] = [];
    let finished = false;

    const finish = (): void => {
      if (finished) return;
      finished = true;
      clearInterval(watchdog);
      void Promise.all(slots.map((s) => s.worker.terminate())).finally(() => rmSync(dir, { recursive: true, force: true }));
      report.elapsedMs = performance.now() - started;
      report.failures.sort((a, b) => a.index - b.index);
      resolve(report);
    };

    const dispatch = (slot: Slot): void => {
      const job = queue.shift() ?? null;
      slot.job = job;
      slot.lastChange = performance.now();
      if (job) slot.worker.postMessage(job);
      else if (slots.every((s) => s.job === null)) finish();
    };

    /**
     * Replaces a dead or hung worker. Its batch summary is lost, so every input of the batch except
     * the failed one is queued again (inputs are deterministic: re-running gives the same results).
     */
    const replace = (slot: Slot, kind: 'hang' | 'crash', detail: string): void => {
      const job = slot.job;
      slot.job = null;
      void slot.worker.terminate();
      if (job) {
        const at = Atomics.load(slot.beat, 0);
        const failed = at >= job.from && at < job.to ? at : job.from;
        fail(failed, kind, detail);
        report.inputs += 1;
        if (failed + 1 < job.to) queue.unshift({ from: failed + 1, to: job.to });
        if (job.from < failed) queue.unshift({ from: job.from, to: failed });
      }
      const i = slots.indexOf(slot);
      slots[i] = spawn();
    };

    const spawn = (): Slot => {
      const heartbeat = new SharedArrayBuffer(8);
      const worker = new Worker(new URL('./worker-entry.mjs', import.meta.url), {
        workerData: { seed: o.seed, mode, dir, maxSourceBytes, slowMs, heartbeat, ...o.testHooks },
        resourceLimits: { maxOldGenerationSizeMb: 1024 },
        // Presence entries are not what is fuzzed (they cost two fsyncs per open); the action log of
        // `recover` and the user data directory stay inside the run's folder.
        env: { ...process.env, MKINSPECT_PRESENCE: 'off', MKINSPECT_DATA_DIR: dir },
      });
      const slot: Slot = { worker, beat: new Int32Array(heartbeat), job: null, lastCount: 0, lastChange: performance.now() };
      worker.on('message', (m: BatchSummary | { ready: number }) => {
        if ('ready' in m) {
          dispatch(slot);
          return;
        }
        report.inputs += m.to - m.from;
        for (const [k, n] of Object.entries(m.tallies)) report.tallies[k] = (report.tallies[k] ?? 0) + n;
        for (const [k, n] of Object.entries(m.unplaced)) report.unplaced[k] = (report.unplaced[k] ?? 0) + n;
        if (m.maxMs > report.maxMs) {
          report.maxMs = m.maxMs;
          report.maxIndex = m.maxIndex;
        }
        for (const b of m.bugs) fail(b.index, 'bug', b.error);
        for (const s of m.slow) fail(s.index, 'slow', `took ${s.ms.toFixed(0)} ms (bound ${slowMs} ms)`);
        o.onProgress?.(report.inputs);
        dispatch(slot);
      });
      worker.on('error', (e) => {
        if (!finished && slots.includes(slot)) replace(slot, 'crash', `worker died: ${e.stack ?? e.message}`);
      });
      worker.on('exit', (code) => {
        if (!finished && slots.includes(slot) && slot.job) replace(slot, 'crash', `worker exited with code ${code}`);
      });
      return slot;
    };

    const watchdog = setInterval(() => {
      const now = performance.now();
      for (const slot of [...slots]) {
        const count = Atomics.load(slot.beat, 1);
        if (count !== slot.lastCount) {
          slot.lastCount = count;
          slot.lastChange = now;
        } else if (slot.job && now - slot.lastChange > hangMs) {
          replace(slot, 'hang', `no progress for ${hangMs} ms: terminated`);
        }
      }
    }, 100);

    try {
      for (let i = 0; i < Math.max(1, o.workers); i++) slots.push(spawn());
    } catch (e) {
      clearInterval(watchdog);
      rmSync(dir, { recursive: true, force: true });
      reject(e);
    }
  });
}
