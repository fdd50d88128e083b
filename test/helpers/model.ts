/**
 * A plain in-memory model of a storage (views of row objects) and helpers to compare an engine
 * storage — read-only Storage or writable WritableStorage — with it.
 */
import type { Storage } from '../../engine/core/read/storage.js';
import type { Field } from '../../engine/core/read/structure.js';
import type { View } from '../../engine/core/read/view.js';
import type { WritableStorage } from '../../engine/core/write/writableStorage.js';
import type { WritableView } from '../../engine/core/write/writableView.js';

export type ModelValue = number | bigint | string | Uint8Array | ModelRow[];
export type ModelRow = Record<string, ModelValue>;
export interface ModelView {
  fields: Field[];
  rows: ModelRow[];
}
export type Model = Map<string, ModelView>;

type AnyView = View | WritableView;

export function defaultValue(f: Field): ModelValue {
  switch (f.type) {
    case 'I': case 'F': case 'D': return 0;
    case 'L': return 0n;
    case 'S': return '';
    case 'B': return new Uint8Array(0);
    case 'V': return [];
  }
}

export function cloneModel(m: Model): Model {
  const out: Model = new Map();
  for (const [k, v] of m) out.set(k, { fields: v.fields, rows: v.rows.map(cloneRow) });
  return out;
}

export function cloneRow(r: ModelRow): ModelRow {
  const out: ModelRow = {};
  for (const [k, v] of Object.entries(r)) out[k] = Array.isArray(v) ? v.map(cloneRow) : v instanceof Uint8Array ? v.slice() : v;
  return out;
}

function readCell(v: AnyView, row: number, f: Field, p: number): ModelValue {
  switch (f.type) {
    case 'I': return v.getInt(row, p);
    case 'F': return v.getFloat(row, p);
    case 'D': return v.getDouble(row, p);
    case 'L': return v.getLong(row, p);
    case 'S': return v.getString(row, p);
    case 'B': return v.getBytes(row, p).slice();
    case 'V': return readRows(v.getView(row, p) as AnyView);
  }
}

export function readRows(v: AnyView): ModelRow[] {
  const rows: ModelRow[] = [];
  for (let r = 0; r < v.rowCount; r++) {
    const row: ModelRow = {};
    v.fields.forEach((f, p) => (row[f.name] = readCell(v, r, f, p)));
    rows.push(row);
  }
  return rows;
}

export function readModel(s: Storage | WritableStorage): Record<string, ModelRow[]> {
  const out: Record<string, ModelRow[]> = {};
  for (const name of s.viewNames()) out[name] = readRows(s.view(name));
  return out;
}

export function modelRows(m: Model): Record<string, ModelRow[]> {
  const out: Record<string, ModelRow[]> = {};
  for (const [k, v] of m) out[k] = v.rows;
  return out;
}
