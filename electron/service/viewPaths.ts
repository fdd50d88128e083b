/** Resolving a contract ViewPath to an engine View, and naming it for people. */
import type { Storage } from '../../engine/core/read/storage.js';
import type { Field } from '../../engine/core/read/structure.js';
import type { View } from '../../engine/core/read/view.js';
import type { ColumnInfo, ViewPath } from '../shared/dto.js';
import { layoutOfField } from '../../engine/core/read/structure.js';
import { ServiceError } from './errors.js';

/** `top[2].kids[0].leaves` */
export function viewTitle(path: ViewPath): string {
  let s = path.view;
  for (const step of path.steps) s += `[${step.row}].${step.prop}`;
  return s;
}

export function viewKey(path: ViewPath): string {
  return JSON.stringify([path.view, ...path.steps.map((s) => [s.row, s.prop])]);
}

export function resolveView(storage: Storage, path: ViewPath): View {
  if (!storage.hasView(path.view)) {
    throw new ServiceError('BAD_ARGUMENT', `there is no view '${path.view}' (views: ${storage.viewNames().join(', ') || 'none'})`);
  }
  let view = storage.view(path.view);
  let title = path.view;
  for (const step of path.steps) {
    const p = view.propertyIndex(step.prop);
    if (p < 0 || (view.fields[p] as Field).type !== 'V') {
      throw new ServiceError('BAD_ARGUMENT', `${title} has no subview property '${step.prop}'`, title);
    }
    if (step.row >= view.rowCount) {
      throw new ServiceError('BAD_ARGUMENT', `row ${step.row} is out of range 0..${view.rowCount - 1} for ${title}`, title);
    }
    view = view.getView(step.row, p);
    title += `[${step.row}].${step.prop}`;
  }
  return view;
}

export function columnsOf(fields: readonly Field[]): ColumnInfo[] {
  return fields.map((f) => {
    const info: ColumnInfo = { name: f.name, type: f.type, layout: layoutOfField(f) };
    if (f.unknownType && f.declared) return { ...info, unknownType: true, storedType: f.declared };
    return info;
  });
}

/** Index of a column by name, or a BAD_ARGUMENT naming the columns there are. */
export function columnIndex(view: View, column: string, title: string): number {
  const p = view.propertyIndex(column);
  if (p < 0) throw new ServiceError('BAD_ARGUMENT', `${title} has no column '${column}' (it has ${view.fields.map((f) => f.name).join(', ') || 'none'})`, title);
  return p;
}
