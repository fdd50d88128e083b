/** `mkinspect dump`: the corpus JSON schema (--json) or a readable table. */
import type { Command } from 'commander';
import { dumpStorage } from '../../core/analysis/dump.js';
import { floatFromBits, formatTclDouble, toHex } from '../../core/base/format.js';
import { layoutOfFields } from '../../core/read/structure.js';
import type { View } from '../../core/read/view.js';
import { basename } from 'node:path';
import { statSync } from 'node:fs';
import { openWithAside, resolveInputs, type AsideOption } from '../inputFiles.js';
import type { CliIo } from '../io.js';
import { emptyStorageNote, openGenerationReadOnly, openReadOnly } from '../openFiles.js';
import { resolveViewPath } from '../viewPath.js';
import { parseInteger, parseNonNegative } from './options.js';

export function registerDump(program: Command, io: CliIo): void {
  program
    .command('dump')
    .description('print the views of a datafile: --json in the corpus expected.json schema, else a table')
    .argument('<file>', 'datafile (.mk, .kit, or an aside .mka on its own)')
    .option('--aside <aside>', 'aside file to read through (default: x.mka next to x.mk, if there is one)')
    .option('--no-aside', 'read the main file alone, even if an aside lies next to it')
    .option('--json', 'JSON exactly as the corpus expected.json')
    .option('--view <path>', 'only this view, e.g. people or people[3].tags')
    .option('--limit <n>', 'rows per view in the table (default 20)', parseNonNegative)
    .option('--generation <n>', 'a past commit: N-th generation on the chain (1 = first, -1 = newest) of FILE, or of its aside when one is read', parseInteger)
    .action((file: string, opts: { aside?: AsideOption; json?: boolean; view?: string; limit?: number; generation?: number }) => {
      const files = resolveInputs(io, file, opts.aside, 'reading');
      const { storage } = openWithAside(io, files, (aside) => (opts.generation === undefined ? openReadOnly(file, aside) : openGenerationReadOnly(file, aside, opts.generation)));
      try {
        if (opts.json) {
          const chunks: string[] = [];
          const names = files.aside === undefined
            ? { main: basename(file), mainSize: statSync(file).size }
            : { main: basename(file), aside: basename(files.aside), mainSize: statSync(file).size, asideSize: statSync(files.aside).size };
          // Build the whole text first: a decoding error must leave stdout empty.
          dumpStorage(storage, names, (c) => chunks.push(c));
          io.out(chunks.join(''));
          return;
        }
        const empty = emptyStorageNote(file, storage);
        if (empty !== null && opts.view === undefined) {
          io.out(`${empty}\n`);
          return;
        }
        const limit = opts.limit ?? 20;
        const views = opts.view ? [[opts.view, resolveViewPath(storage, opts.view)] as const] : storage.viewNames().map((n) => [n, storage.view(n)] as const);
        const text: string[] = [];
        for (const [name, view] of views) text.push(table(name, view, limit));
        io.out(text.join('\n'));
      } finally {
        storage.close();
      }
    });
}

export function displayCell(view: View, row: number, p: number, width = 40): string {
  const f = view.fields[p];
  if (!f) return '';
  switch (f.type) {
    case 'I': return String(view.getInt(row, p));
    case 'L': return view.getLong(row, p).toString();
    case 'F': return formatTclDouble(floatFromBits(view.getInt(row, p)));
    case 'D': return formatTclDouble(view.getDouble(row, p));
    case 'S': {
      const s = escapeControls(view.getString(row, p));
      return s.length > width ? `${s.slice(0, width - 1)}…` : s;
    }
    case 'B': {
      const b = view.getBytes(row, p);
      const hex = toHex(b, 8);
      return `${b.length}b ${hex}${b.length > 8 ? '…' : ''}`;
    }
    case 'V': return `${view.getViewSize(row, p)} rows`;
  }
}

function table(name: string, view: View, limit: number): string {
  // An unknown stored letter shows as `x:Q?` (its values are ints, as Metakit reads them).
  const header = ['#', ...view.fields.map((f) => `${f.name}:${f.unknownType ? `${f.declared}?` : f.type}`)];
  const rows: string[][] = [];
  const n = Math.min(limit, view.rowCount);
  for (let r = 0; r < n; r++) rows.push([String(r), ...view.fields.map((_, p) => displayCell(view, r, p))]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] as string).length)));
  const line = (cells: string[]): string => cells.map((c, i) => (i === 0 || /^-?[\d.]/.test(c) ? c.padStart(widths[i] as number) : c.padEnd(widths[i] as number))).join('  ').trimEnd();
  const out = [`${name}[${layoutOfFields(view.fields)}]  ${view.rowCount} rows`, line(header), widths.map((w) => '-'.repeat(w)).join('  ')];
  for (const r of rows) out.push(line(r));
  if (view.rowCount > n) out.push(`… ${view.rowCount - n} more rows (--limit)`);
  return `${out.join('\n')}\n`;
}

function escapeControls(s: string): string {
  let out = '';
  for (const ch of s) {
    const c = ch.charCodeAt(0);
    out += c < 0x20 || c === 0x7f ? `\\x${c.toString(16).padStart(2, '0')}` : ch;
  }
  return out;
}
