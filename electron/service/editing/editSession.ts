/**
 * The pending edits of a writable document, kept apart from the committed data until Commit: cell
 * values per row, appended rows, rows marked for deletion. The grid shows them over the committed
 * rows (deleted rows stay visible, struck through, so row numbers do not move before Commit).
 * Commit replays them on the writer's WritableStorage: per view (subviews before their parents) values
 * first, then appended rows, then deletions from the last row down.
 */
import type { Field } from '../../../engine/core/read/structure.js';
import type { View } from '../../../engine/core/read/view.js';
import type { WritableStorage } from '../../../engine/core/write/writableStorage.js';
import type { WritableView, RowValues } from '../../../engine/core/write/writableView.js';
import type { CellDto, RowDto, ViewPath } from '../../shared/dto.js';
import type { PendingEdit } from '../../shared/dtoEdit.js';
import { encodeCell } from '../cells.js';
import { ServiceError } from '../errors.js';
import { viewKey, viewTitle } from '../viewPaths.js';
import { cellOfValue, cellText, emptyValue, parseCellText, type EngineValue } from './cellValues.js';

interface PendingValue {
  value: EngineValue;
  cell: CellDto;
  before: string;
  id: number;
}

interface ViewEdits {
  path: ViewPath;
  fields: readonly Field[];
  /** Committed rows when the first edit was made (appended rows are numbered after them). */
  baseRows: number;
  sets: Map<number, Map<number, PendingValue>>;
  /** Appended rows: their pending values (unset cells are empty). */
  appended: { id: number; values: Map<number, PendingValue> }[];
  deleted: Map<number, number>;
}

export class EditSession {
  private readonly views = new Map<string, ViewEdits>();
  private nextId = 1;
  /** Counts every change (the grid's caches are keyed by it). */
  version = 0;

  get count(): number {
    let n = 0;
    for (const v of this.views.values()) {
      for (const row of v.sets.values()) n += row.size;
      n += v.appended.length + v.deleted.size;
    }
    return n;
  }

  /** Rows the grid shows for a view: committed rows plus appended ones. */
  rowCount(path: ViewPath, committed: number): number {
    return committed + (this.views.get(viewKey(path))?.appended.length ?? 0);
  }

  setCell(path: ViewPath, view: View, row: number, column: string, text: string): void {
    const p = view.propertyIndex(column);
    const title = viewTitle(path);
    if (p < 0) throw new ServiceError('BAD_ARGUMENT', `${title} has no column '${column}' (it has ${view.fields.map((f) => f.name).join(', ')})`, title);
    const field = view.fields[p] as Field;
    const edits = this.edits(path, view);
    if (row >= edits.baseRows + edits.appended.length) {
      throw new ServiceError('BAD_ARGUMENT', `row ${row} is out of range 0..${edits.baseRows + edits.appended.length - 1} for ${title}`, title);
    }
    if (edits.deleted.has(row)) throw new ServiceError('BAD_ARGUMENT', `row ${row} of ${title} is marked for deletion`, title);
    const value = parseCellText(field, title, text);
    const cell = cellOfValue(field.type, value);
    if (row >= edits.baseRows) {
      const added = edits.appended[row - edits.baseRows] as ViewEdits['appended'][number];
      added.values.set(p, { value, cell, before: '', id: added.id });
    } else {
      const rowEdits = edits.sets.get(row) ?? new Map<number, PendingValue>();
      const before = rowEdits.get(p)?.before ?? cellText(encodeCell(view, row, p));
      rowEdits.set(p, { value, cell, before, id: rowEdits.get(p)?.id ?? this.nextId++ });
      edits.sets.set(row, rowEdits);
    }
    this.version++;
  }

  appendRow(path: ViewPath, view: View): number {
    const edits = this.edits(path, view);
    edits.appended.push({ id: this.nextId++, values: new Map() });
    this.version++;
    return edits.baseRows + edits.appended.length - 1;
  }

  deleteRows(path: ViewPath, view: View, rows: readonly number[]): void {
    const edits = this.edits(path, view);
    const title = viewTitle(path);
    const total = edits.baseRows + edits.appended.length;
    for (const r of rows) if (r >= total) throw new ServiceError('BAD_ARGUMENT', `row ${r} is out of range 0..${total - 1} for ${title}`, title);
    // Appended rows go away at once (from the last down, so the others keep their numbers).
    for (const r of [...new Set(rows)].sort((a, b) => b - a)) {
      if (r >= edits.baseRows) edits.appended.splice(r - edits.baseRows, 1);
      else if (!edits.deleted.has(r)) {
        edits.deleted.set(r, this.nextId++);
        edits.sets.delete(r);
      }
    }
    this.version++;
  }

  revert(): void {
    this.views.clear();
    this.version++;
  }

  /** A row as the grid shows it: committed cells with pending values over them. */
  row(path: ViewPath, view: View, index: number, encode: (row: number) => RowDto): RowDto {
    const edits = this.views.get(viewKey(path));
    if (!edits) return encode(index);
    if (index >= edits.baseRows) {
      const added = edits.appended[index - edits.baseRows];
      if (!added) throw new ServiceError('BAD_ARGUMENT', `row ${index} is out of range for ${viewTitle(path)}`);
      const cells = view.fields.map((f, p) => added.values.get(p)?.cell ?? cellOfValue(f.type, emptyValue(f.type)));
      return { index, cells, edit: { state: 'added', cells: [...added.values.keys()] } };
    }
    const base = encode(index);
    if (edits.deleted.has(index)) return { ...base, edit: { state: 'deleted', cells: [] } };
    const sets = edits.sets.get(index);
    if (!sets) return base;
    const cells = base.cells.map((c, p) => sets.get(p)?.cell ?? c);
    return { index, cells, edit: { state: 'changed', cells: [...sets.keys()] } };
  }

  /** The pending value of a cell (an edited cell, or any cell of an appended row), or undefined. */
  pendingValue(path: ViewPath, row: number, p: number): EngineValue | undefined {
    const edits = this.views.get(viewKey(path));
    if (!edits) return undefined;
    if (row >= edits.baseRows) {
      const added = edits.appended[row - edits.baseRows];
      const field = edits.fields[p];
      if (!added || !field) return undefined;
      return added.values.get(p)?.value ?? emptyValue(field.type);
    }
    return edits.sets.get(row)?.get(p)?.value;
  }

  list(): PendingEdit[] {
    const out: PendingEdit[] = [];
    for (const v of this.views.values()) {
      const title = viewTitle(v.path);
      const name = (p: number): string => (v.fields[p] as Field).name;
      for (const [row, cells] of v.sets) {
        for (const [p, pv] of cells) out.push({ id: pv.id, kind: 'set', path: v.path, title, row, column: name(p), before: pv.before, after: cellText(pv.cell) });
      }
      v.appended.forEach((a, i) => {
        const values = [...a.values].map(([p, pv]) => `${name(p)}=${cellText(pv.cell)}`).join(', ');
        out.push({ id: a.id, kind: 'append', path: v.path, title, row: v.baseRows + i, column: null, before: null, after: values || '(empty row)' });
      });
      for (const [row, id] of v.deleted) out.push({ id, kind: 'delete', path: v.path, title, row, column: null, before: null, after: null });
    }
    return out.sort((a, b) => a.id - b.id);
  }

  /** Replays every pending edit on the writer's storage (not committed yet). */
  applyTo(writable: WritableStorage): void {
    const groups = [...this.views.values()].sort((a, b) => b.path.steps.length - a.path.steps.length);
    for (const g of groups) {
      const view = writableViewAt(writable, g.path);
      if (view.rowCount !== g.baseRows) {
        throw new ServiceError('CONFLICT', `expected ${viewTitle(g.path)} to have ${g.baseRows} rows as when it was edited, but the file now has ${view.rowCount}: revert and edit again`);
      }
      for (const [row, cells] of g.sets) view.set(row, valuesOf(g.fields, cells));
      for (const a of g.appended) view.append(valuesOf(g.fields, a.values));
      for (const row of [...g.deleted.keys()].sort((x, y) => y - x)) view.delete(row, 1);
    }
  }

  private edits(path: ViewPath, view: View): ViewEdits {
    const key = viewKey(path);
    let e = this.views.get(key);
    if (!e) {
      e = { path, fields: view.fields, baseRows: view.rowCount, sets: new Map(), appended: [], deleted: new Map() };
      this.views.set(key, e);
    }
    return e;
  }
}

function valuesOf(fields: readonly Field[], cells: Map<number, PendingValue>): RowValues {
  const out: Record<string, unknown> = {};
  for (const [p, pv] of cells) out[(fields[p] as Field).name] = pv.value;
  return out;
}

/** The writer's view at a contract path (rows of parent views by their stored index). */
export function writableViewAt(writable: WritableStorage, path: ViewPath): WritableView {
  if (!writable.hasView(path.view)) throw new ServiceError('BAD_ARGUMENT', `there is no view '${path.view}'`);
  let view = writable.view(path.view);
  for (const step of path.steps) view = view.getView(step.row, step.prop);
  return view;
}
