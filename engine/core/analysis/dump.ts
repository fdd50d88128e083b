/**
 * The JSON dump in exactly the schema and text layout of the corpus' expected.json, so a dump can be
 * diffed against what the C++ library shows.
 */
import { jsonDouble, jsonString, toHex } from '../base/format.js';
import type { Storage } from '../read/storage.js';
import { layoutOfField, type Field } from '../read/structure.js';
import type { View } from '../read/view.js';

export interface DumpNames {
  main: string;
  aside?: string;
  mainSize: number;
  asideSize?: number;
}

export function cellJson(view: View, row: number, p: number): string {
  const f = view.fields[p] as Field;
  switch (f.type) {
    case 'I': return String(view.getInt(row, p));
    case 'L': return `"${view.getLong(row, p).toString()}"`;
    case 'F': return jsonDouble(view.getFloat(row, p));
    case 'D': return jsonDouble(view.getDouble(row, p));
    case 'S': return jsonString(view.getString(row, p));
    case 'B': {
      return `{"hex": "${toHex(view.getBytes(row, p))}"}`;
    }
    case 'V': return rowsJson(view.getView(row, p));
  }
}

export function rowJson(view: View, row: number): string {
  const parts: string[] = [];
  for (let p = 0; p < view.fields.length; p++) parts.push(`${jsonString((view.fields[p] as Field).name)}: ${cellJson(view, row, p)}`);
  return `{${parts.join(', ')}}`;
}

/** A subview as an inline JSON array. */
function rowsJson(view: View): string {
  const rows: string[] = [];
  for (let r = 0; r < view.rowCount; r++) rows.push(rowJson(view, r));
  return `[${rows.join(', ')}]`;
}

/** A view's layout as Metakit's `mk::view layout` shows it, wrapped as `name[...]` (the corpus' dump.tcl form). */
export function viewLayout(name: string, field: Field): string {
  return layoutOfField({ ...field, name });
}

/** Writes the dump piecewise (large views need not be held as one string). */
export function dumpStorage(storage: Storage, names: DumpNames, write: (chunk: string) => void): void {
  write('{\n  "metakit": "2.4.9.8",\n');
  write(`  "main": ${jsonString(names.main)},\n`);
  if (names.aside !== undefined) write(`  "aside": ${jsonString(names.aside)},\n`);
  const info = storage.info;
  write(info.empty ? '  "endOfData": {"error": "not a Metakit datafile"},\n' : `  "endOfData": ${info.end},\n`);
  write(names.aside !== undefined && names.asideSize !== undefined
    ? `  "sizes": {"main": ${names.mainSize}, "aside": ${names.asideSize}},\n`
    : `  "sizes": {"main": ${names.mainSize}},\n`);
  const views = storage.fields.filter((f) => f.type === 'V');
  if (views.length === 0) {
    write('  "views": []\n}\n');
    return;
  }
  write('  "views": [\n');
  views.forEach((f, i) => {
    const view = storage.view(f.name);
    write(`    {"name": ${jsonString(f.name)}, "layout": ${jsonString(viewLayout(f.name, f))}, "rows": [`);
    if (view.rowCount === 0) {
      write(']}');
    } else {
      write('\n');
      for (let r = 0; r < view.rowCount; r++) write(`      ${rowJson(view, r)}${r + 1 < view.rowCount ? ',' : ''}\n`);
      write('    ]}');
    }
    write(i + 1 < views.length ? ',\n' : '\n');
  });
  write('  ]\n}\n');
}

export function dumpToString(storage: Storage, names: DumpNames): string {
  const parts: string[] = [];
  dumpStorage(storage, names, (c) => parts.push(c));
  return parts.join('');
}
