/** `mkinspect stats`: sizes, layout facts, generations, rows, bytes per column, free bytes, aside growth. */
import type { Command } from 'commander';
import { computeStats, type FileStat, type StorageStats } from '../../core/analysis/stats.js';
import { asideReport, type AsideReport } from '../../node/asideReport.js';
import { measureSample, recordGrowthSample } from '../../node/growthHistory.js';
import { openWithAside, resolveInputs, type AsideOption } from '../inputFiles.js';
import type { CliIo } from '../io.js';
import { emptyStorageNote, openReadOnly } from '../openFiles.js';

export function registerStats(program: Command, io: CliIo): void {
  program
    .command('stats')
    .description('file and aside sizes, base offset, byte order, end of data, commits, rows, bytes per column, free bytes; with an aside (next to FILE, or --aside) also aside growth and what a flush would reclaim')
    .argument('<file>', 'datafile')
    .option('--aside <aside>', 'aside file to read through (default: x.mka next to x.mk, if there is one)')
    .option('--no-aside', 'the main file alone, even if an aside lies next to it')
    .option('--json', 'machine-readable output')
    .option('--record-sample', 'with an aside: add a point to the growth history in the user data directory')
    .action((file: string, opts: { aside?: AsideOption; json?: boolean; recordSample?: boolean }) => {
      const files = resolveInputs(io, file, opts.aside, 'reading');
      const opened = openWithAside(io, files, (aside) => openReadOnly(file, aside));
      try {
        const stats = computeStats(opened.storage);
        let growth: AsideReport | null = null;
        if (files.aside !== undefined) {
          if (opts.recordSample) recordGrowthSample(file, files.aside, measureSample(file, files.aside));
          growth = asideReport(opened.storage, { main: file, aside: files.aside });
        }
        if (opts.json) io.out(`${JSON.stringify(growth ? { ...stats, asideGrowth: growth } : stats, null, 2)}\n`);
        else {
          const empty = emptyStorageNote(file, opened.storage);
          io.out((empty === null ? '' : `${empty}\n\n`) + formatStats(stats) + (growth ? formatAsideGrowth(growth) : ''));
        }
      } finally {
        opened.close();
      }
    });
}

function fileLines(label: string, f: FileStat): string[] {
  return [
    `${label}: ${f.name}  ${f.size.toLocaleString('en-US')} bytes`,
    `  format ${f.format}, ${f.byteOrder}, base ${f.base}, end of data ${f.end}`,
    // The JSON field's name and what it counts (README: "Aside statistics").
    `  chain generations ${f.chainGenerations}: every commit since the file's header was written (its creation, or the last flush or read-write commit), that one included`,
    `  referenced ${f.referencedBytes.toLocaleString('en-US')} bytes, free ${f.freeBytes.toLocaleString('en-US')} bytes${f.overlaps ? `, ${f.overlaps} OVERLAPPING ranges` : ''}`,
  ];
}

export function formatStats(s: StorageStats): string {
  const lines = fileLines('main', s.main);
  if (s.aside) lines.push(...fileLines('aside', s.aside), `  diff entries ${s.asideDiffs}`);
  lines.push('', 'views:');
  for (const v of s.views) lines.push(`  ${v.layout}  ${v.rows.toLocaleString('en-US')} rows`);
  if (s.unknownTypes.length > 0) {
    lines.push('', 'unknown type letters (read as I, as Metakit reads them):');
    for (const u of s.unknownTypes) lines.push(`  ${u.path}  stored '${u.storedType}', read as ${u.readAs}`);
  }
  lines.push('', 'bytes per property:');
  const w = Math.max(8, ...s.properties.map((p) => p.path.length));
  for (const p of s.properties) {
    const unknown = p.storedType ? `  (${p.storedType}? read as ${p.type})` : '';
    lines.push(`  ${p.path.padEnd(w)}  ${p.type}  ${String(p.columns).padStart(6)} cols  ${p.bytes.toLocaleString('en-US').padStart(14)} bytes${p.asideBytes ? `  +${p.asideBytes.toLocaleString('en-US')} from aside` : ''}${unknown}`);
  }
  return `${lines.join('\n')}\n`;
}

const n = (x: number): string => Math.round(x).toLocaleString('en-US');

function days(ms: number): string {
  const d = ms / 86_400_000;
  return d >= 1 ? `${d.toFixed(1)} days` : `${(ms / 3_600_000).toFixed(1)} hours`;
}

export function formatAsideGrowth(g: AsideReport): string {
  const a = g.aside;
  const lines = ['', 'aside growth:'];
  lines.push(`  aside ${n(g.asideSize)} bytes, +${n(a.bytesAdded)} bytes after its base generation`);
  lines.push(`  commits after base ${a.commitsAfterBase}: the aside's ${a.chainGenerations} chain generation${a.chainGenerations === 1 ? '' : 's'} but the base (the first, ${n(a.baseEnd)} bytes, written when the aside was created or last emptied by a flush)`);
  if (a.commitsAfterBase > 0) {
    const recent = a.perCommit.slice(-8).map((c) => n(c.bytes)).join(' ');
    lines.push(`  bytes per commit: mean ${n(a.meanBytesPerCommit ?? 0)}, max ${n(a.maxBytesPerCommit ?? 0)}; last ${Math.min(8, a.commitsAfterBase)}: ${recent}`);
  }
  if (g.main.commitsAfterBase > 0) lines.push(`  main file: ${g.main.commitsAfterBase} extend commit${g.main.commitsAfterBase === 1 ? '' : 's'} after its own base generation, +${n(g.main.bytesAdded)} bytes`);
  const c = g.compact;
  lines.push(`  compacted main estimate ${n(c.total)} bytes (columns ${n(c.columnBytes)}, root walk ${n(c.rootWalkBytes)}, header+tails ${n(c.markBytes)})`);
  const r = g.reclaim;
  lines.push(`  a flush would ${r.reclaimBytes >= 0 ? `reclaim ${n(r.reclaimBytes)}` : `add ${n(-r.reclaimBytes)}`} bytes: ${n(r.currentBytes)} now, ${n(r.afterFlushBytes)} after (compact main ${n(r.compactMainBytes)} + empty aside ${n(r.emptyAsideBytes)})`);
  lines.push(`  last flush: ${g.lastFlush ? `${g.lastFlush.time} by ${g.lastFlush.user}@${g.lastFlush.host}` : 'none recorded in the action log'}`);
  const rate = g.growthRate;
  lines.push(rate
    ? `  growth rate: ${n(rate.bytesPerDay)} bytes/day, ${rate.commitsPerDay.toFixed(1)} commits/day (${rate.from === 'samples' ? `${rate.samples} samples` : 'since the last flush'} over ${days(rate.windowMs)})`
    : '  growth rate: unknown (no growth history yet and no recorded flush; the app samples open documents, or use --record-sample)');
  lines.push(`  growth history: ${g.history.samples} sample${g.history.samples === 1 ? '' : 's'}${g.history.first ? ` from ${g.history.first} to ${g.history.last}` : ''} (${g.history.path})`);
  return `${lines.join('\n')}\n`;
}
