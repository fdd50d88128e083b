/** Timing helpers: median time per run over enough repetitions to rise above timer noise. */

export interface Timing {
  /** Median milliseconds per run. */
  ms: number;
  runs: number;
}

/** Runs `fn` until `minMs` have passed (at least `minRuns` times); returns the median run time. */
export function time(fn: () => unknown, minMs = 300, minRuns = 5): Timing {
  const samples: number[] = [];
  let sink: unknown;
  const start = performance.now();
  while (samples.length < minRuns || performance.now() - start < minMs) {
    const t0 = performance.now();
    sink = fn();
    samples.push(performance.now() - t0);
    if (samples.length > 100_000) break;
  }
  keep(sink);
  samples.sort((a, b) => a - b);
  return { ms: samples[Math.floor(samples.length / 2)] as number, runs: samples.length };
}

/** Times a single run (first accesses cannot be repeated on the same object). */
export function once<T>(fn: () => T): { ms: number; value: T } {
  const t0 = performance.now();
  const value = fn();
  return { ms: performance.now() - t0, value };
}

let blackhole = 0;
/** Keeps results alive so the JIT cannot drop the work that produced them. */
export function keep(v: unknown): void {
  if (typeof v === 'number') blackhole += v;
  else if (v !== undefined && v !== null) blackhole += 1;
}

export function blackholeValue(): number {
  return blackhole;
}
