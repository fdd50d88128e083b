/**
 * The index of one view instance's V column (format §5.4): where each row's sequence walk starts and
 * how many rows it has, after the checks that keep a hostile file from recursing without end or
 * twice over the same bytes: the nesting limit, a non-empty column for rows that need one, a column
 * that is not one of its own ancestors, and one that no other subview property claimed already.
 */
import { MetakitError } from '../base/errors.js';
import type { DataSource } from './dataSource.js';
import type { Field } from './structure.js';
import { indexSubviewColumn, type ColumnRef, type SubviewIndex } from './walk.js';

/** Where the view instance holding the column sits: its nesting depth and the V columns above it. */
export interface SubviewPlace {
  readonly depth: number;
  readonly ancestors: readonly ColumnRef[];
}

export function indexSubviews(src: DataSource, at: SubviewPlace, col: ColumnRef, rowCount: number, fields: readonly Field[], path: string): SubviewIndex {
  if (at.depth + 1 > src.limits.maxDepth) {
    throw new MetakitError('LIMIT_EXCEEDED', `expected subviews nested at most ${src.limits.maxDepth} deep, but ${path} is deeper`, { path });
  }
  if (rowCount > 0 && col.size === 0) {
    throw new MetakitError('BAD_WALK', `expected a subview column for the ${rowCount} rows of ${path}, but it is empty`, { path });
  }
  for (const a of at.ancestors) {
    if (a.pos === col.pos && a.size === col.size && col.size > 0) {
      throw new MetakitError('CYCLE', `expected subview column ${path} to differ from its ancestors, but it is the column at ${col.pos}+${col.size} again`, {
        path,
        offset: src.absolute(col.pos),
      });
    }
  }
  src.claimSubviewColumn(col, path);
  if (rowCount === 0) return { starts: new Int32Array(0), rows: new Int32Array(0) };
  return src.derived(`v${rowCount}:`, col, () => {
    const bytes = src.column(col, 'subview column', path);
    const value = indexSubviewColumn(bytes, src.absolute(col.pos), rowCount, fields, src.limits.maxRows);
    return { value, bytes: value.starts.byteLength * 2 };
  });
}
