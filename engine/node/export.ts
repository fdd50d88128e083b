/**
 * Exporting a view (or the rows a filter/sort selected) to CSV or JSON, streamed to a file with
 * progress: values are written as `mkinspect dump --json` shows them (Tcl number formatting, L as
 * exact decimal, B as hex), so an export can be checked against a dump.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { jsonDouble, jsonString, toHex } from '../core/base/format.js';
import { cellJson } from '../core/analysis/dump.js';
import { MetakitError } from '../core/base/errors.js';
import type { Field } from '../core/read/structure.js';
import type { View } from '../core/read/view.js';

export type ExportFormat = 'csv' | 'json';

export interface ExportOptions {
  format: ExportFormat;
  /** Row indexes to export, in order (a filter or sort); default every row. */
  rows?: ArrayLike<number>;
  signal?: AbortSignal;
  /** Called every few thousand rows with (rows written, rows in all). */
  onProgress?: (done: number, total: number) => void;
}

/** CSV field text of one cell: dump's scalar text (strings raw, specials spelled out). */
export function csvCell(view: View, row: number, p: number): string {
  const f = view.fields[p] as Field;
  switch (f.type) {
    case 'I': return String(view.getInt(row, p));
    case 'L': return view.getLong(row, p).toString();
    case 'F': case 'D': {
      const x = f.type === 'F' ? view.getFloat(row, p) : view.getDouble(row, p);
      const j = jsonDouble(x);
      return j.startsWith('{') ? (JSON.parse(j) as { float: string }).float : j;
    }
    case 'S': return view.getString(row, p);
    case 'B': return toHex(view.getBytes(row, p));
    case 'V': return `${view.getViewSize(row, p)} rows`;
  }
}

export function csvQuote(text: string): string {
  return /[",\r\n]/.test(text) || /^\s|\s$/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Streams the view to `path`; resolves with the number of rows written. */
export async function exportView(view: View, path: string, options: ExportOptions): Promise<number> {
  const total = options.rows ? options.rows.length : view.rowCount;
  const out = createWriteStream(path);
  const write = async (chunk: string): Promise<void> => {
    if (!out.write(chunk)) await once(out, 'drain');
  };
  const fields = view.fields;
  try {
    if (options.format === 'csv') await write(`${fields.map((f) => csvQuote(f.name)).join(',')}\r\n`);
    else await write('[\n');
    let buffer = '';
    for (let i = 0; i < total; i++) {
      if (options.signal?.aborted) throw new MetakitError('ABORTED', `export of ${view.path} aborted after ${i} of ${total} rows`);
      const row = options.rows ? (options.rows[i] as number) : i;
      if (options.format === 'csv') buffer += `${fields.map((_, p) => csvQuote(csvCell(view, row, p))).join(',')}\r\n`;
      else buffer += `  {${fields.map((f, p) => `${jsonString(f.name)}: ${cellJson(view, row, p)}`).join(', ')}}${i + 1 < total ? ',' : ''}\n`;
      if (buffer.length > 1 << 16) {
        await write(buffer);
        buffer = '';
        options.onProgress?.(i + 1, total);
      }
    }
    if (options.format === 'json') buffer += ']\n';
    await write(buffer);
    options.onProgress?.(total, total);
    out.end();
    await once(out, 'finish');
    return total;
  } catch (e) {
    out.destroy();
    throw e;
  }
}
