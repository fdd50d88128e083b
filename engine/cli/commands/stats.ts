/** `mkinspect stats`: sizes, layout facts, generations, rows, bytes per property, free bytes. */
import type { Command } from 'commander';
import { computeStats, type FileStat, type StorageStats } from '../../core/stats.js';
import type { CliIo } from '../io.js';
import { openReadOnly } from '../openFiles.js';

export function registerStats(program: Command, io: CliIo): void {
  program
    .command('stats')
    .description('file and aside sizes, base offset, byte order, end of data, commits, rows, bytes per column, free bytes')
    .argument('<file>', 'datafile')
    .option('--aside <aside>', 'aside file to read through')
    .option('--json', 'machine-readable output')
    .action((file: string, opts: { aside?: string; json?: boolean }) => {
      const { storage } = openReadOnly(file, opts.aside);
      try {
        const stats = computeStats(storage);
        io.out(opts.json ? `${JSON.stringify(stats, null, 2)}\n` : formatStats(stats));
      } finally {
        storage.close();
      }
    });
}

function fileLines(label: string, f: FileStat): string[] {
  return [
    `${label}: ${f.name}  ${f.size.toLocaleString('en-US')} bytes`,
    `  format ${f.format}, ${f.byteOrder}, base ${f.base}, end of data ${f.end}`,
    `  commits found ${f.generations}, referenced ${f.referencedBytes.toLocaleString('en-US')} bytes, free ${f.freeBytes.toLocaleString('en-US')} bytes${f.overlaps ? `, ${f.overlaps} OVERLAPPING ranges` : ''}`,
  ];
}

export function formatStats(s: StorageStats): string {
  const lines = fileLines('main', s.main);
  if (s.aside) lines.push(...fileLines('aside', s.aside), `  diff entries ${s.asideDiffs}`);
  lines.push('', 'views:');
  for (const v of s.views) lines.push(`  ${v.layout}  ${v.rows.toLocaleString('en-US')} rows`);
  lines.push('', 'bytes per property:');
  const w = Math.max(8, ...s.properties.map((p) => p.path.length));
  for (const p of s.properties) {
    lines.push(`  ${p.path.padEnd(w)}  ${p.type}  ${String(p.columns).padStart(6)} cols  ${p.bytes.toLocaleString('en-US').padStart(14)} bytes${p.asideBytes ? `  +${p.asideBytes.toLocaleString('en-US')} from aside` : ''}`);
  }
  return `${lines.join('\n')}\n`;
}
