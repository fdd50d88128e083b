/** The human-readable forms of `mkinspect check` reports and of what `mkinspect recover` wrote. */
import type { CheckProblem, CheckReport, RecoveryCandidate } from '../core/analysis/check.js';

function rowsText(rows: Record<string, number>): string {
  return Object.entries(rows).map(([v, n]) => `${v} ${n} rows`).join(', ') || 'no views';
}

function where(p: CheckProblem): string {
  const at = p.offset === null ? 'offset unknown' : `offset ${p.offset}`;
  return `${p.name}, ${at}${p.path ? `, path ${p.path}` : ''}`;
}

export function problemLine(p: CheckProblem): string {
  return `${p.severity}: ${p.code} (${where(p)}): ${p.message}`;
}

/** `generation 3 of x.mk (bytes 0..1234)`. */
export function candidateText(c: RecoveryCandidate): string {
  const which = c.source === 'current' ? 'the current generation' : `generation ${c.generation}`;
  return `${which} of ${c.name} (bytes 0..${c.end})`;
}

/** The same files as the check: recover searches the pair exactly as check did. */
function recoverCommand(file: string, aside: string | undefined): string {
  return `mkinspect recover ${file}${aside === undefined ? '' : ` --aside ${aside}`} --out NEW`;
}

export function formatCheckReport(file: string, aside: string | undefined, report: CheckReport): string {
  const lines = [`${file}: ${report.ok ? 'OK' : 'PROBLEMS FOUND'}${report.readable || report.ok ? '' : ' (does not read completely)'}`];
  for (const [v, n] of Object.entries(report.views)) lines.push(`  view ${v}: ${n} rows${report.readable ? ' read' : ''}`);
  if (report.generations > 0) lines.push(`  ${report.generations} commit(s) on the generation chain`);
  for (const p of report.problems) lines.push(`  ${problemLine(p)}`);
  const a = report.aside;
  if (a) {
    const main = a.mainAlone === 'reads' ? 'reads completely on its own' : a.mainAlone === 'needs-aside' ? 'refers to aside diffs (it cannot be read without an aside)' : 'is damaged on its own';
    lines.push(`  aside ${a.name}: ${a.asideAlone === 'reads' ? 'reads completely on its own' : 'is damaged'}; the main file ${main}`);
    const w = a.readsWithMain;
    if (!report.ok && !(w && report.recoverable && w.file === report.recoverable.file && w.end === report.recoverable.end)) {
      lines.push(w ? `  the newest aside state that reads with the main file: ${candidateText(w)} (${rowsText(w.rows)})` : '  no generation of the aside reads with the main file');
    }
  }
  const r = report.recoverable;
  if (r) {
    const state = r.file === 'aside' ? `${candidateText(r)} read with ${file}` : `${candidateText(r)}${aside ? ' alone, without the aside' : ''}`;
    lines.push(`  recoverable: ${state} reads completely (${rowsText(r.rows)}); run: ${recoverCommand(file, aside)}`);
  } else if (!report.ok) lines.push('  no earlier generation reads completely either: nothing to recover');
  return `${lines.join('\n')}\n`;
}

/** The line `recover` prints after writing `out`. */
export function recoveredText(file: string, c: RecoveryCandidate, size: number, out: string): string {
  const what = c.source === 'current' ? 'the current generation' : `generation ${c.generation} (the newest that reads completely)`;
  const bytes = `bytes 0..${c.end} of ${size}`;
  if (c.file === 'aside') {
    return `recovered ${what} of the aside ${c.name} (${bytes}; ${rowsText(c.rows)} read with ${file}) into ${out}; ${file} is unchanged: read them with mkinspect dump ${file} --aside ${out}\n`;
  }
  return `recovered ${what} of ${c.name} (${bytes}; ${rowsText(c.rows)}) into ${out}\n`;
}
