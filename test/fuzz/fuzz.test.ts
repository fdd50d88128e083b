/**
 * Fuzz test: bit flips, byte/int overwrites, truncations, deletions, varint stop-bit toggles, splices
 * and crossovers of corpus files (mains, asides, and main+aside pairs). For every input: open, full
 * JSON dump, statistics — only MetakitError may escape, no input may take a second or hang.
 * MK_FUZZ_INPUTS (default 50,000; `npm run fuzz`: 500,000), MK_FUZZ_SEED, MK_FUZZ_WORKERS.
 */
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runFuzz } from './pool.js';

const INPUTS = Number(process.env.MK_FUZZ_INPUTS ?? 50_000);
const SEED = Number(process.env.MK_FUZZ_SEED ?? 0x5eed2);
const WORKERS = Number(process.env.MK_FUZZ_WORKERS ?? Math.min(2, availableParallelism()));
const FAILURE_DIR = join(import.meta.dirname, '..', '..', '.test-build', 'fuzz-failures');

function engineCounts(tallies: Record<string, number>): { ok: number; refused: number } {
  const refused = Object.entries(tallies).filter(([k]) => k.startsWith('refused ')).reduce((n, [, v]) => n + v, 0);
  return { ok: tallies.ok ?? 0, refused };
}

describe('fuzz harness', () => {
  it('detects a hanging input (terminates the worker) and a dying worker, and carries on', async () => {
    const report = await runFuzz({ seed: SEED, inputs: 600, workers: 2, batch: 100, hangMs: 1000, testHooks: { hangAt: 150, crashAt: 420 } });
    expect(report.inputs).toBe(600);
    expect(report.failures.map((f) => [f.kind, f.index])).toEqual([['hang', 150], ['crash', 420]]);
    expect(report.failures[0]?.detail).toBe('no progress for 1000 ms: terminated');
    expect(report.failures[1]?.detail).toBe('worker exited with code 3');
    const { ok, refused } = engineCounts(report.tallies);
    expect(ok + refused).toBe(598);
  }, 60_000);
});

describe('fuzz', () => {
  it(`${INPUTS} mutated corpus inputs: only MetakitError escapes, every input < 1 s, no hang`, async () => {
    let next = 0;
    const report = await runFuzz({
      seed: SEED,
      inputs: INPUTS,
      workers: WORKERS,
      failureDir: FAILURE_DIR,
      onProgress: (done) => {
        if (done >= next) {
          if (INPUTS >= 100_000) console.log(`fuzz: ${done} / ${INPUTS}`);
          next += 50_000;
        }
      },
    });
    const { ok, refused } = engineCounts(report.tallies);
    const histogram = Object.entries(report.tallies).filter(([k]) => k !== 'ok').sort((a, b) => b[1] - a[1]).map(([c, n]) => `${c.replace('refused ', '')} ${n}`).join(', ');
    console.log([
      `fuzz: ${report.inputs} inputs from ${report.sources} seed files (seed ${report.seed}, ${WORKERS} workers) in ${(report.elapsedMs / 1000).toFixed(1)} s`,
      `fuzz: ${ok} read completely, ${refused} refused with MetakitError: ${histogram}`,
      `fuzz: slowest input ${report.maxMs.toFixed(1)} ms (index ${report.maxIndex}); failures ${report.failures.length}`,
      ...report.failures.slice(0, 10).map((f) => `  ${f.kind} #${f.index} ${f.recipe}\n    ${f.detail.split('\n').slice(0, 4).join('\n    ')}`),
    ].join('\n'));
    expect(report.inputs).toBe(INPUTS);
    expect(ok + refused + report.failures.filter((f) => f.kind !== 'slow').length).toBe(INPUTS);
    expect(report.failures.map((f) => `${f.kind} #${f.index}: ${f.recipe}`)).toEqual([]);
    expect(report.maxMs).toBeLessThan(1000);
  }, Math.max(300_000, INPUTS * 10));
});
