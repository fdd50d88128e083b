/**
 * What the CLI fuzzer does with one input (issue 13): the mutant is written to a folder and mkinspect
 * runs on it in-process exactly as a user would run it: `dump --json`, `stats`, `check --json`,
 * `check`, `recover --out` (with `--aside` for pairs). Every command must end with exit 0, 1 or 2;
 * exit 2 only with `error <CODE>:` naming a MetakitError code; check and recover must always answer
 * (0 or 1, a report); no stack trace or internal error ever; check agrees with dump; recover writes
 * exactly the generation check names; the inputs are never modified. A broken rule is a bug.
 */
import { readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { threadId } from 'node:worker_threads';
import type { CheckReport } from '../../engine/core/analysis/check.js';
import type { MetakitErrorCode } from '../../engine/core/base/errors.js';
import { runCli } from '../../engine/cli/program.js';
import type { FuzzInput } from './mutate.js';

const CODES = {
  NOT_METAKIT: true, TRUNCATED: true, BAD_OFFSET: true, BAD_VARINT: true, BAD_STRUCTURE: true, BAD_WALK: true, BAD_WIDTH: true,
  BAD_BYTES: true, CYCLE: true, ASIDE_MISSING: true, ASIDE_MISMATCH: true, READ_ONLY: true, BUSY: true, LIMIT_EXCEEDED: true,
  BAD_VALUE: true, BAD_LAYOUT: true, CONFLICT: true, ABORTED: true, IO: true,
} as const satisfies Record<MetakitErrorCode, true>;

export const CLI_COMMANDS = ['dump', 'stats', 'check', 'recover'] as const;

export interface CliCaseResult {
  /** One `command outcome` per command run, e.g. `dump exit 2 TRUNCATED`, `check exit 1`. */
  tallies: string[];
  /** Problems check reported without an offset, by code. */
  unplaced: string[];
  /** Broken rules (empty when the input behaved). */
  bugs: string[];
}

interface Run {
  code: number;
  out: string;
  err: string;
}

async function mkinspect(args: string[]): Promise<Run> {
  let out = '';
  let err = '';
  const code = await runCli(args, { out: (t) => { out += t; }, err: (t) => { err += t; } });
  return { code, out, err };
}

function errorCode(r: Run): string | null {
  const m = /mkinspect: error ([A-Z_]+):/.exec(r.err);
  return m && (m[1] as string) in CODES ? (m[1] as string) : null;
}

function outcome(r: Run): string {
  return r.code === 2 ? `exit 2 ${errorCode(r) ?? '?'}` : `exit ${r.code}`;
}

let serial = 0;

/** Runs the commands on `input` in `dir` (files are removed afterwards). */
export async function runCliCase(input: FuzzInput, dir: string): Promise<CliCaseResult> {
  const id = `${process.pid}-${threadId}-${serial++}`;
  const main = join(dir, `in-${id}.mk`);
  const aside = input.aside ? join(dir, `in-${id}.mka`) : undefined;
  const out = join(dir, `out-${id}.mk`);
  writeFileSync(main, input.main);
  if (aside && input.aside) writeFileSync(aside, input.aside);
  const files = aside ? [main, '--aside', aside] : [main];
  const bugs: string[] = [];
  const tallies: string[] = [];
  const unplaced: string[] = [];
  try {
    const runs: Record<string, Run> = {
      dump: await mkinspect(['dump', ...files, '--json']),
      stats: await mkinspect(['stats', ...files]),
      checkJson: await mkinspect(['check', ...files, '--json']),
      check: await mkinspect(['check', ...files]),
      recover: await mkinspect(['recover', ...files, '--out', out]),
    };
    for (const [name, r] of Object.entries(runs)) {
      if (name !== 'checkJson') tallies.push(`${name} ${outcome(r)}`);
      if (![0, 1, 2].includes(r.code)) bugs.push(`${name}: exit ${r.code}`);
      if (r.code === 2 && errorCode(r) === null) bugs.push(`${name}: exit 2 without an error code: ${r.err.trim()}`);
      if (/internal error|\n\s+at /.test(r.out + r.err)) bugs.push(`${name}: internal error or stack trace: ${(r.out + r.err).slice(0, 400)}`);
    }
    const { dump, stats, checkJson, check, recover } = runs as Record<'dump' | 'stats' | 'checkJson' | 'check' | 'recover', Run>;
    for (const [name, r] of [['check', check], ['check --json', checkJson], ['recover', recover]] as const) {
      if (r.code !== 0 && r.code !== 1) bugs.push(`${name} must answer every input with 0 or 1, got ${outcome(r)}: ${r.err.trim()}`);
    }
    let report: CheckReport | null = null;
    try {
      report = JSON.parse(checkJson.out) as CheckReport;
    } catch {
      bugs.push(`check --json printed no report: ${checkJson.out.slice(0, 200)}${checkJson.err.slice(0, 200)}`);
    }
    if (report) {
      if ((checkJson.code === 0) !== report.ok) bugs.push(`check --json exit ${checkJson.code} but ok ${report.ok}`);
      if (check.code !== checkJson.code) bugs.push(`check exit ${check.code} but check --json exit ${checkJson.code}`);
      if (!report.ok) {
        const errors = report.problems.filter((p) => p.severity === 'error');
        if (errors.length === 0) bugs.push('check not ok without an error problem');
        if (!/PROBLEMS FOUND/.test(check.out)) bugs.push(`check exit 1 without a report: ${check.out.slice(0, 200)}`);
        for (const p of report.problems) {
          if (!check.out.includes(`${p.code} (${p.name}, `)) bugs.push(`check does not print problem ${p.code} of ${p.name}`);
          if (p.offset === null) unplaced.push(p.code);
        }
      }
      if ((dump.code === 0) !== report.readable) bugs.push(`dump exit ${dump.code} but check says readable ${report.readable}`);
      if (report.ok && stats.code !== 0) bugs.push(`check ok but stats ${outcome(stats)}`);
      if (aside && !report.aside) bugs.push('check with an aside gives no aside verdict');
      const r = report.recoverable;
      if (r) {
        if (recover.code !== 0) bugs.push(`check names generation ${r.generation} of ${r.name} but recover ${outcome(recover)}: ${recover.err.trim()}`);
        else {
          const source = r.file === 'aside' ? (input.aside as Uint8Array) : input.main;
          const written = readFileSync(out);
          if (!written.equals(Buffer.from(source.subarray(0, r.end)))) bugs.push(`recover did not write bytes 0..${r.end} of the ${r.file} file`);
          const again = await mkinspect(['check', '--json', ...(r.file === 'aside' ? [main, '--aside', out] : [out])]);
          const verdict = JSON.parse(again.out) as CheckReport;
          if (!verdict.readable) bugs.push(`the recovered ${r.file} does not read: ${JSON.stringify(verdict.problems[0])}`);
        }
      } else if (report.ok && recover.code !== 0) bugs.push(`check ok but recover ${outcome(recover)}`);
      else if (!report.ok && recover.code !== 1) bugs.push(`check finds nothing to recover but recover ${outcome(recover)}`);
    }
    if (!readFileSync(main).equals(Buffer.from(input.main))) bugs.push('the main file was modified');
    if (aside && input.aside && !readFileSync(aside).equals(Buffer.from(input.aside))) bugs.push('the aside was modified');
  } finally {
    for (const f of [main, aside, out, `${realpathSync(dir)}/${`in-${id}.mk`}.actions.jsonl`]) if (f) rmSync(f, { force: true });
  }
  return { tallies, unplaced, bugs };
}
