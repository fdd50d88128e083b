/**
 * A fuzz worker: generates its inputs from (seed, index), runs each, and reports a summary per batch.
 * Before each input it publishes the index and bumps a counter in shared memory, so the pool can tell
 * a hung input from a slow batch and terminate this thread.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { makeInput } from './mutate.js';
import { runCase } from './runCase.js';
import { fuzzSources } from './sources.js';

export interface BatchRequest {
  from: number;
  to: number;
}

export interface BatchSummary {
  from: number;
  to: number;
  ok: number;
  codes: Record<string, number>;
  maxMs: number;
  maxIndex: number;
  /** Inputs that threw something other than MetakitError. */
  bugs: { index: number; error: string }[];
  /** Inputs that took longer than the per-input bound. */
  slow: { index: number; ms: number }[];
}

interface WorkerData {
  seed: number;
  maxSourceBytes: number;
  slowMs: number;
  /** Int32Array over a SharedArrayBuffer: [current index, inputs started]. */
  heartbeat: SharedArrayBuffer;
  /** Harness self-test: spin forever / end the thread at this input. */
  hangAt?: number;
  crashAt?: number;
}

const data = workerData as WorkerData;
const sources = fuzzSources(data.maxSourceBytes);
const beat = new Int32Array(data.heartbeat);
const port = parentPort;
if (!port) throw new Error('worker.ts must run in a worker thread');

port.on('message', (req: BatchRequest) => {
  const s: BatchSummary = { from: req.from, to: req.to, ok: 0, codes: {}, maxMs: 0, maxIndex: -1, bugs: [], slow: [] };
  for (let i = req.from; i < req.to; i++) {
    Atomics.store(beat, 0, i);
    Atomics.add(beat, 1, 1);
    if (i === data.hangAt) for (;;) Atomics.load(beat, 0);
    if (i === data.crashAt) process.exit(3);
    const input = makeInput(data.seed, i, sources);
    const t0 = performance.now();
    const r = runCase(input.main, input.aside);
    let ms = performance.now() - t0;
    if (ms > data.slowMs) {
      // Wall time on a shared machine includes time this thread did not run: an input is slow only if
      // a second run is slow too.
      const t1 = performance.now();
      runCase(input.main, input.aside);
      ms = Math.min(ms, performance.now() - t1);
    }
    if (ms > s.maxMs) {
      s.maxMs = ms;
      s.maxIndex = i;
    }
    if (ms > data.slowMs) s.slow.push({ index: i, ms });
    if (r.outcome === 'ok') s.ok++;
    else if (r.outcome === 'refused') s.codes[r.code] = (s.codes[r.code] ?? 0) + 1;
    else s.bugs.push({ index: i, error: r.error });
  }
  port.postMessage(s);
});
port.postMessage({ ready: sources.length });
