/**
 * Visits every column a view instance references, depth first in Metakit's traversal order (§7.5):
 * per property, memo items, data, sizes, memo walk; for subviews the children first, then the
 * subview column itself. Used by statistics, the checker and the writer.
 */
import { MetakitError } from '../base/errors.js';
import { memoRefs } from './columns/bytes.js';
import type { PropType } from './structure.js';
import type { View } from './view.js';
import type { ColumnRef } from './walk.js';

export type ColumnRole = 'value' | 'data' | 'sizes' | 'memoWalk' | 'memoItem' | 'subviews';

export interface ColumnVisit {
  ref: ColumnRef;
  role: ColumnRole;
  type: PropType;
  /** Property path without row numbers, e.g. `people.tags.tag`. */
  schemaPath: string;
  /** Path of the view instance holding the column, e.g. `people[3].tags`. */
  viewPath: string;
  /** Row count of that view instance (the entries of value and sizes columns). */
  rows: number;
}

export interface TraverseOptions {
  /** Called every `progressEvery` view instances with the number visited so far. */
  onProgress?: (viewsVisited: number) => void;
  progressEvery?: number;
  signal?: { readonly aborted: boolean };
}

export function visitColumns(view: View, schemaPath: string, visit: (v: ColumnVisit) => void, options: TraverseOptions = {}): number {
  let count = 0;
  const every = options.progressEvery ?? 10_000;
  const walk = (v: View, sPath: string): void => {
    count++;
    if (options.onProgress && count % every === 0) options.onProgress(count);
    if (options.signal?.aborted) throw new MetakitError('ABORTED', `expected to visit every column, but the traversal was aborted after ${count} views`, { path: v.path });
    if (v.rowCount === 0) return;
    v.fields.forEach((f, p) => {
      const src = v.columnSources[p];
      const path = sPath ? `${sPath}.${f.name}` : f.name;
      if (!src) return;
      const base = { type: f.type, schemaPath: path, viewPath: v.path, rows: v.rowCount };
      switch (src.kind) {
        case 'value':
          visit({ ...base, ref: src.col, role: 'value' });
          return;
        case 'bytes': {
          for (const ref of memoRefs(v.context.src, src.memo, v.rowCount, `${v.path}.${f.name}`)) visit({ ...base, ref, role: 'memoItem' });
          visit({ ...base, ref: src.data, role: 'data' });
          visit({ ...base, ref: src.sizes, role: 'sizes' });
          visit({ ...base, ref: src.memo, role: 'memoWalk' });
          return;
        }
        case 'view':
          for (let r = 0; r < v.rowCount; r++) walk(v.getView(r, p), path);
          visit({ ...base, ref: src.col, role: 'subviews' });
          return;
        case 'inlineViews':
          for (let r = 0; r < v.rowCount; r++) walk(v.getView(r, p), path);
          return;
        case 'oldStrings':
          visit({ ...base, ref: src.data, role: 'data' });
          return;
        case 'oldMemos': {
          const col = v.bytesColumn(p);
          if (col.memos) for (const ref of col.memos.values()) visit({ ...base, ref, role: 'memoItem' });
          visit({ ...base, ref: src.sizes, role: 'sizes' });
          visit({ ...base, ref: src.positions, role: 'value' });
          return;
        }
      }
    });
  };
  walk(view, schemaPath);
  return count;
}
