/**
 * CLI fuzz (issue 13): mutated corpus files (mains alone, main + aside pairs with either or both
 * damaged) written to a folder and run through `mkinspect dump --json`, `stats`, `check --json`,
 * `check` and `recover --out`, the rules of cliCase.ts checked for every one. Prints the counts by
 * command and outcome. MK_FUZZ_CLI_INPUTS (default 3,000; at least 2,000 per CI run), MK_FUZZ_SEED, MK_FUZZ_WORKERS.
 */
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI_COMMANDS } from './cliCase.js';
import { runFuzz } from './pool.js';

const INPUTS = Number(process.env.MK_FUZZ_CLI_INPUTS ?? 3_000);
const SEED = Number(process.env.MK_FUZZ_SEED ?? 0x5eed2);
const WORKERS = Number(process.env.MK_FUZZ_WORKERS ?? Math.min(2, availableParallelism()));
const FAILURE_DIR = join(import.meta.dirname, '..', '..', '.test-build', 'fuzz-failures-cli');

/** `dump: exit 0 812, exit 2 TRUNCATED 301, ...` per command. */
function table(tallies: Record<string, number>): string[] {
  return CLI_COMMANDS.map((cmd) => {
    const rows = Object.entries(tallies).filter(([k]) => k.startsWith(`${cmd} `)).sort((a, b) => b[1] - a[1]);
    return `  ${cmd.padEnd(8)} ${rows.map(([k, n]) => `${k.slice(cmd.length + 1)}: ${n}`).join(', ')}`;
  });
}

describe('CLI fuzz (issue 13)', () => {
  it(`${INPUTS} mutated inputs through dump, stats, check and recover: exit 0/1/2 with a code, check and recover always answer`, async () => {
    const report = await runFuzz({ seed: SEED, inputs: INPUTS, workers: WORKERS, mode: 'cli', slowMs: 5000, hangMs: 15_000, failureDir: FAILURE_DIR });
    const perCommand = (cmd: string): number => Object.entries(report.tallies).filter(([k]) => k.startsWith(`${cmd} `)).reduce((n, [, v]) => n + v, 0);
    const unplaced = Object.entries(report.unplaced).map(([c, n]) => `${c} ${n}`).join(', ') || 'none';
    console.log([
      `cli fuzz: ${report.inputs} inputs from ${report.sources} seed files (seed ${report.seed}, ${WORKERS} workers) in ${(report.elapsedMs / 1000).toFixed(1)} s; slowest ${report.maxMs.toFixed(0)} ms (index ${report.maxIndex})`,
      'cli fuzz: outcomes by command:',
      ...table(report.tallies),
      `cli fuzz: check problems without an offset: ${unplaced}; failures ${report.failures.length}`,
      ...report.failures.slice(0, 10).map((f) => `  ${f.kind} #${f.index} ${f.recipe}\n    ${f.detail.split('\n').slice(0, 4).join('\n    ')}`),
    ].join('\n'));
    expect(report.inputs).toBe(INPUTS);
    expect(report.failures.map((f) => `${f.kind} #${f.index}: ${f.recipe}: ${f.detail.split('\n')[0]}`)).toEqual([]);
    for (const cmd of CLI_COMMANDS) expect(perCommand(cmd)).toBe(INPUTS);
    // Every problem check reports names its offset.
    expect(report.unplaced).toEqual({});
    // check and recover answer every input: a report or a recovered file, never an error exit.
    expect(Object.keys(report.tallies).filter((k) => /^(check|recover) exit 2/.test(k))).toEqual([]);
    // The corpus mutants reach both answers of every command.
    for (const k of ['dump exit 0', 'dump exit 2 TRUNCATED', 'stats exit 0', 'check exit 0', 'check exit 1', 'recover exit 0', 'recover exit 1']) {
      expect(report.tallies[k] ?? 0, k).toBeGreaterThan(0);
    }
  }, Math.max(600_000, INPUTS * 20));
});
