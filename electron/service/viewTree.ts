/** The sidebar tree: top-level views with their row counts, subview properties nested below. */
import type { Storage } from '../../engine/core/storage.js';
import { describeField, type Field } from '../../engine/core/structure.js';
import type { ViewNode } from '../shared/dto.js';
import { columnsOf } from './viewPaths.js';

function node(field: Field, schemaPath: string, rows: number | null): ViewNode {
  return {
    name: field.name,
    schemaPath,
    layout: describeField(field),
    rows,
    columns: columnsOf(field.fields),
    // A recursive `[^]` field shares its parent's fields: do not descend forever.
    children: field.recursive ? [] : field.fields.filter((f) => f.type === 'V').map((f) => node(f, `${schemaPath}.${f.name}`, null)),
    recursive: field.recursive,
  };
}

export function viewTree(storage: Storage): ViewNode[] {
  return storage.fields.filter((f) => f.type === 'V').map((f) => node(f, f.name, storage.view(f.name).rowCount));
}
