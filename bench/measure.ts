/**
 * What every bench phase records: wall time, CPU time (user + system, from process.cpuUsage — the
 * shared machine's load inflates wall time far more than CPU time), page faults, and the rows a phase
 * reports. Phases run in child processes, so process.resourceUsage().maxRSS is that phase's peak.
 */
import type { CppFigure } from './reference.js';

export interface Sample {
  wallMs: number;
  cpuMs: number;
  userMs: number;
  sysMs: number;
  faults: number;
}

interface Mark {
  t: number;
  user: number;
  sys: number;
  faults: number;
}

function mark(): Mark {
  const r = process.resourceUsage();
  return { t: performance.now(), user: r.userCPUTime / 1000, sys: r.systemCPUTime / 1000, faults: r.minorPageFault + r.majorPageFault };
}

/** Runs `fn` once and measures it. */
export function measure<T>(fn: () => T): { value: T; sample: Sample } {
  const a = mark();
  const value = fn();
  const b = mark();
  return {
    value,
    sample: { wallMs: b.t - a.t, cpuMs: b.user - a.user + (b.sys - a.sys), userMs: b.user - a.user, sysMs: b.sys - a.sys, faults: b.faults - a.faults },
  };
}

export type Unit = 'ms' | 'ns' | 'bytes' | 'count' | 'text';

export interface BenchRow {
  /** Group heading, e.g. "create 1M rows". */
  section: string;
  what: string;
  unit: Unit;
  /** One value per run (the median is printed, with [min-max] when there are several). */
  samples: number[];
  /** CPU milliseconds per run (same order as samples), for timed rows. */
  cpuMs?: number[];
  /** For unit 'text'. */
  text?: string;
  /** An in-run baseline in the row's unit: the row's median divided by it is printed as a ratio. */
  baseline?: { what: string; value: number };
  cpp?: CppFigure;
  /** A goal, judged on the median: at most `maxValue`, or at most `maxRatio` times the baseline. */
  target?: { label: string; maxValue?: number; maxRatio?: number };
  note?: string;
}

export interface PhaseResult {
  phase: string;
  rows: BenchRow[];
  maxRssBytes: number;
  /** The process's RSS before the phase began (node itself). */
  startRssBytes?: number;
  wallMs: number;
  cpuMs: number;
  /** Problems: a failed check is reported, never hidden (the bench still prints everything else). */
  failures: string[];
}

export function median(xs: readonly number[]): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
}

export function percentile(xs: readonly number[], p: number): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))] as number;
}

/** Collects a phase's rows and checks. */
export class PhaseRecorder {
  readonly rows: BenchRow[] = [];
  readonly failures: string[] = [];

  constructor(readonly phase: string) {}

  timed(section: string, what: string, samples: Sample[], extra: Partial<BenchRow> = {}): BenchRow {
    const row: BenchRow = { section, what, unit: 'ms', samples: samples.map((s) => s.wallMs), cpuMs: samples.map((s) => s.cpuMs), ...extra };
    this.rows.push(row);
    return row;
  }

  value(section: string, what: string, unit: Unit, samples: number[], extra: Partial<BenchRow> = {}): BenchRow {
    const row: BenchRow = { section, what, unit, samples, ...extra };
    this.rows.push(row);
    return row;
  }

  text(section: string, what: string, text: string, extra: Partial<BenchRow> = {}): void {
    this.rows.push({ section, what, unit: 'text', samples: [], text, ...extra });
  }

  /** Records a check: a mismatch becomes a failure line and a visible row. */
  check(section: string, what: string, ok: boolean, detail: string): void {
    this.text(section, what, `${ok ? 'OK' : 'MISMATCH'}: ${detail}`);
    if (!ok) this.failures.push(`${section}: ${what}: ${detail}`);
  }
}

/** Progress on stderr, so a long phase shows it is alive. */
export function progress(message: string): void {
  process.stderr.write(`  … ${message}\n`);
}
