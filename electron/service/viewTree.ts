/** The sidebar tree: top-level views with their row counts, subview properties nested below. */
import type { Storage } from '../../engine/core/read/storage.js';
import { layoutOfField, type Field } from '../../engine/core/read/structure.js';
import type { ViewNode } from '../shared/dto.js';
import { columnsOf } from './viewPaths.js';

/** The views on the path to a node: their schema paths and field arrays (a `[^]` field shares one of them). */
interface Ancestor {
  schemaPath: string;
  fields: readonly Field[];
}

function node(field: Field, schemaPath: string, rows: number | null, ancestors: readonly Ancestor[]): ViewNode {
  const n: ViewNode = {
    name: field.name,
    schemaPath,
    // As Metakit's mk::view layout shows it (`r[data:S,self[]]`); the recursion is in recursive/recursiveOf.
    layout: layoutOfField(field),
    rows,
    columns: columnsOf(field.fields),
    // A recursive `[^]` field shares its parent's fields: do not descend forever.
    children: field.recursive
      ? []
      : field.fields.filter((f) => f.type === 'V').map((f) => node(f, `${schemaPath}.${f.name}`, null, [...ancestors, { schemaPath, fields: field.fields }])),
    recursive: field.recursive,
  };
  if (field.recursive) {
    // The enclosing view (`r` for `r.self`); a top-level `t[^]` repeats the root, whose path is ''.
    n.recursiveOf = [...ancestors].reverse().find((a) => a.fields === field.fields)?.schemaPath ?? '';
  }
  return n;
}

export function viewTree(storage: Storage): ViewNode[] {
  const root: Ancestor = { schemaPath: '', fields: storage.fields };
  return storage.fields.filter((f) => f.type === 'V').map((f) => node(f, f.name, storage.view(f.name).rowCount, [root]));
}
