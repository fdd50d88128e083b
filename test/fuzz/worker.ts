/**
 * A fuzz worker: generates its inputs from (seed, index), runs each (in the engine, or through the
 * CLI on files in `dir`), and reports a summary per batch. Before each input it publishes the index
 * and bumps a counter in shared memory, so the pool can tell a hung input from a slow batch and
 * terminate this thread.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { runCliCase } from './cliCase.js';
import { makeInput, type FuzzInput } from './mutate.js';
import { runCase } from './runCase.js';
import { fuzzSources } from './sources.js';

export type FuzzMode = 'engine' | 'cli';

export interface BatchRequest {
  from: number;
  to: number;
}

export interface BatchSummary {
  from: number;
  to: number;
  /** Outcomes counted: engine `ok` / `refused CODE`; CLI `command exit N [CODE]`. */
  tallies: Record<string, number>;
  /** CLI: problems check reported without an offset, by code. */
  unplaced: Record<string, number>;
  maxMs: number;
  maxIndex: number;
  /** Inputs that threw something other than MetakitError, or broke a rule of the CLI. */
  bugs: { index: number; error: string }[];
  /** Inputs that took longer than the per-input bound. */
  slow: { index: number; ms: number }[];
}

interface WorkerData {
  seed: number;
  mode: FuzzMode;
  /** Folder for the CLI's files. */
  dir: string;
  maxSourceBytes: number;
  slowMs: number;
  /** Int32Array over a SharedArrayBuffer: [current index, inputs started]. */
  heartbeat: SharedArrayBuffer;
  /** Harness self-test: spin forever / end the thread at this input. */
  hangAt?: number;
  crashAt?: number;
}

interface Outcome {
  tallies: string[];
  unplaced: string[];
  bug: string | null;
}

const data = workerData as WorkerData;
const sources = fuzzSources(data.maxSourceBytes);
const beat = new Int32Array(data.heartbeat);
const port = parentPort;
if (!port) throw new Error('worker.ts must run in a worker thread');

async function run(input: FuzzInput): Promise<Outcome> {
  if (data.mode === 'cli') {
    const r = await runCliCase(input, data.dir);
    return { tallies: r.tallies, unplaced: r.unplaced, bug: r.bugs.length ? r.bugs.join('\n') : null };
  }
  const r = runCase(input.main, input.aside);
  if (r.outcome === 'ok') return { tallies: ['ok'], unplaced: [], bug: null };
  if (r.outcome === 'refused') return { tallies: [`refused ${r.code}`], unplaced: [], bug: null };
  return { tallies: [], unplaced: [], bug: r.error };
}

function count(into: Record<string, number>, keys: readonly string[]): void {
  for (const k of keys) into[k] = (into[k] ?? 0) + 1;
}

port.on('message', (req: BatchRequest) => {
  void (async () => {
    const s: BatchSummary = { from: req.from, to: req.to, tallies: {}, unplaced: {}, maxMs: 0, maxIndex: -1, bugs: [], slow: [] };
    for (let i = req.from; i < req.to; i++) {
      Atomics.store(beat, 0, i);
      Atomics.add(beat, 1, 1);
      if (i === data.hangAt) for (;;) Atomics.load(beat, 0);
      if (i === data.crashAt) process.exit(3);
      const input = makeInput(data.seed, i, sources);
      const t0 = performance.now();
      const r = await run(input);
      let ms = performance.now() - t0;
      if (ms > data.slowMs) {
        // Wall time on a shared machine includes time this thread did not run: an input is slow only if
        // a second run is slow too.
        const t1 = performance.now();
        await run(input);
        ms = Math.min(ms, performance.now() - t1);
      }
      if (ms > s.maxMs) {
        s.maxMs = ms;
        s.maxIndex = i;
      }
      if (ms > data.slowMs) s.slow.push({ index: i, ms });
      count(s.tallies, r.tallies);
      count(s.unplaced, r.unplaced);
      if (r.bug !== null) s.bugs.push({ index: i, error: r.bug });
    }
    port.postMessage(s);
  })();
});
port.postMessage({ ready: sources.length });
