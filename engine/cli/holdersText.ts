/** Text form of a holders report (`readers`, and the busy answer of guarded maintenance commands). */
import type { Holder, HeldFile } from '../core/analysis/presence.js';
import type { HoldersReport } from '../node/presence/holders.js';

const ACCESS_TEXT = { read: 'r', write: 'w', readwrite: 'rw' } as const;

function accessText(h: Holder): string {
  const parts = h.files
    .filter((f) => f.access !== null)
    .map((f) => `${f.file === 'main' ? '' : `${f.file}:`}${ACCESS_TEXT[f.access as keyof typeof ACCESS_TEXT]} ${f.via.filter((v) => v !== 'registry').join('+')}`);
  return parts.join(', ') || '-';
}

function filesText(files: readonly HeldFile[]): string {
  return files.map((f) => `${f.file}${f.replaced && !f.via.includes('fd') && !f.via.includes('mmap') ? '(replaced)' : ''}`).join('+');
}

function sinceText(h: Holder): string {
  if (!h.since) return '-';
  const t = h.since.replace('T', ' ').replace(/\.\d+Z$/, 'Z');
  return h.sinceSource === 'process-start' ? `${t} (started)` : t;
}

function table(rows: string[][]): string[] {
  const widths = (rows[0] as string[]).map((_, i) => Math.max(...rows.map((r) => (r[i] as string).length)));
  return rows.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i] as number))).join('  ').trimEnd());
}

export function formatHolders(holders: readonly Holder[]): string[] {
  const rows = [['PID', 'USER', 'ROLE', 'MODE', 'ACCESS', 'FILES', 'SINCE', 'GENERATION', 'LAG', 'SEEN', 'COMMAND']];
  for (const h of holders) {
    rows.push([
      h.local ? String(h.pid) : `${h.pid}@${h.host}`,
      h.user ?? '?',
      h.role ?? '-',
      h.mode ?? '-',
      accessText(h),
      filesText(h.files),
      sinceText(h),
      h.generation ?? '?',
      h.lag === null ? '?' : String(h.lag),
      h.source,
      h.command?.replace(/\s+/g, ' ').trim() ?? '?',
    ]);
  }
  return table(rows);
}

export function formatHoldersReport(r: HoldersReport, options: { cleaned?: number } = {}): string {
  const lines: string[] = [];
  for (const f of r.files) {
    if (!f.exists) {
      lines.push(`${f.file.padEnd(5)}  ${f.path}  (missing)`);
      continue;
    }
    const newest = f.newestEnd === null ? 'not a readable datafile' : `newest generation ends at ${f.newestEnd}, ${f.generations} on its chain`;
    lines.push(`${f.file.padEnd(5)}  ${f.path}  ${(f.size ?? 0).toLocaleString('en-US')} bytes, ${newest}`);
  }
  lines.push('');
  const how = r.discovery.supported
    ? `OS scan: ${r.discovery.method}, ${r.discovery.processesScanned} processes`
    : 'registry only';
  const n = r.holders.length;
  lines.push(n === 0
    ? `no ${r.excludedSelf ? 'other ' : ''}process holds these files (${how}, ${r.elapsedMs.toFixed(0)} ms)`
    : `${n} holder${n === 1 ? '' : 's'} (${how}, ${r.elapsedMs.toFixed(0)} ms):`);
  if (n > 0) lines.push(...formatHolders(r.holders).map((l) => `  ${l}`));
  if (r.stale.length > 0) {
    lines.push('', options.cleaned !== undefined
      ? `removed ${options.cleaned} stale registry entr${options.cleaned === 1 ? 'y' : 'ies'}:`
      : `stale registry entries (${r.stale.length}), remove them with --clean-stale:`);
    for (const s of r.stale) lines.push(`  ${s.file.padEnd(5)}  ${s.reason.padEnd(17)}  ${s.detail}  (${s.name})`);
  }
  if (r.discovery.note) lines.push('', `note: ${r.discovery.note}`);
  return `${lines.join('\n')}\n`;
}
