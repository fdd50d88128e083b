/**
 * Merging the runs of a phase and printing its rows: our median [min-max] over runs, CPU time, the
 * ratio against the in-run baseline, the C++ figure of the doc and the target (judged on the median).
 */
import { median, type BenchRow, type PhaseResult } from './measure.js';

/** Rows of several runs of one phase, matched by section and label, samples concatenated. */
export function mergeRuns(results: readonly PhaseResult[]): PhaseResult {
  const first = results[0];
  if (!first) throw new Error('mergeRuns: no results');
  const rows: BenchRow[] = [];
  const byKey = new Map<string, BenchRow>();
  for (const r of results) {
    for (const row of r.rows) {
      const key = `${row.section}\u0000${row.what}`;
      const have = byKey.get(key);
      if (!have) {
        const copy: BenchRow = { ...row, samples: [...row.samples], cpuMs: row.cpuMs ? [...row.cpuMs] : undefined };
        byKey.set(key, copy);
        rows.push(copy);
        continue;
      }
      have.samples.push(...row.samples);
      if (have.cpuMs && row.cpuMs) have.cpuMs.push(...row.cpuMs);
      if (have.baseline && row.baseline) have.baseline = { ...have.baseline, value: median([have.baseline.value, row.baseline.value]) };
      if (row.unit === 'text' && row.text !== have.text && row.text) have.text = `${have.text} | ${row.text}`;
    }
  }
  return {
    phase: first.phase,
    rows,
    maxRssBytes: Math.max(...results.map((r) => r.maxRssBytes)),
    startRssBytes: Math.max(...results.map((r) => r.startRssBytes ?? 0)),
    wallMs: results.reduce((a, r) => a + r.wallMs, 0),
    cpuMs: results.reduce((a, r) => a + r.cpuMs, 0),
    failures: results.flatMap((r) => r.failures),
  };
}

function num(v: number, unit: BenchRow['unit']): string {
  if (!Number.isFinite(v)) return '-';
  switch (unit) {
    case 'ms':
      return v >= 1000 ? `${(v / 1000).toFixed(2)} s` : v >= 10 ? `${v.toFixed(0)} ms` : v >= 1 ? `${v.toFixed(2)} ms` : `${(v * 1000).toFixed(0)} µs`;
    case 'ns':
      return `${v.toFixed(0)} ns`;
    case 'bytes':
      return v >= 1e6 ? `${(v / 1e6).toFixed(1)} MB (${Math.round(v).toLocaleString('en-US')})` : `${Math.round(v).toLocaleString('en-US')} B`;
    case 'count':
      return Math.round(v).toLocaleString('en-US');
    case 'text':
      return '';
  }
}

function ours(row: BenchRow): string {
  if (row.unit === 'text') return row.text ?? '';
  const m = median(row.samples);
  if (row.samples.length <= 1) return num(m, row.unit);
  const lo = Math.min(...row.samples);
  const hi = Math.max(...row.samples);
  return `${num(m, row.unit)} [${num(lo, row.unit)}-${num(hi, row.unit)}] x${row.samples.length}`;
}

function verdict(row: BenchRow): string {
  const t = row.target;
  if (!t) return '';
  const m = median(row.samples);
  let ok: boolean | undefined;
  if (t.maxValue !== undefined) ok = m <= t.maxValue;
  if (t.maxRatio !== undefined && row.baseline) ok = m / row.baseline.value <= t.maxRatio;
  return `target ${t.label}${ok === undefined ? '' : ok ? ': OK' : ': MISSED'}`;
}

export function formatPhase(r: PhaseResult): string {
  const out: string[] = [];
  let section = '';
  for (const row of r.rows) {
    if (row.section !== section) {
      section = row.section;
      out.push('', `== ${section}`);
    }
    out.push(`  ${row.what.padEnd(58)} ${ours(row)}`);
    const details: string[] = [];
    if (row.cpuMs && row.cpuMs.some((c) => Number.isFinite(c))) details.push(`cpu ${num(median(row.cpuMs), 'ms')}`);
    if (row.baseline) details.push(`${(median(row.samples) / row.baseline.value).toFixed(2)}x baseline (${row.baseline.what}: ${num(row.baseline.value, row.unit)})`);
    if (row.cpp) details.push(`C++ ${row.cpp.text}`);
    const v = verdict(row);
    if (v) details.push(v);
    if (row.note) details.push(row.note);
    for (const d of details) out.push(`  ${''.padEnd(58)}   ${d}`);
  }
  out.push('', `  [phase ${r.phase}: peak RSS ${(r.maxRssBytes / 1048576).toFixed(0)} MB (${((r.startRssBytes ?? 0) / 1048576).toFixed(0)} MB before it began), wall ${(r.wallMs / 1000).toFixed(1)} s, cpu ${(r.cpuMs / 1000).toFixed(1)} s]`);
  for (const f of r.failures) out.push(`  FAILED CHECK: ${f}`);
  return out.join('\n');
}
