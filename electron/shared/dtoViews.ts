/**
 * DTOs of views and cells, the vocabulary every other DTO file uses (so it imports none of them):
 * columns, the sidebar's view tree, a view's description and one encoded cell.
 */
import type { PropType } from '../../engine/core/read/structure.js';
import type { ViewPath } from './schemas.js';

/** Metakit property types: S string, I int32, L int64, F float32, D float64, B bytes, V subview. */
export type { PropType };

export interface ColumnInfo {
  name: string;
  /** The type values are read with: `I` for a stored letter Metakit does not know (see unknownType). */
  type: PropType;
  /** The property as Metakit's `mk::view layout` shows it: `n:I`, `kids[name:S,n:I]`, `x:Q`, `self[]`. */
  layout: string;
  /** Only on a property whose stored type letter Metakit does not know: Metakit reads it as an int, so do we. */
  unknownType?: true;
  /** With unknownType: the stored letter (upper-cased, as Metakit keeps it), e.g. `Q`. */
  storedType?: string;
}

/** A node of the sidebar tree: a top-level view or a subview property inside one. */
export interface ViewNode {
  name: string;
  /** Path without row numbers: `top`, `top.kids`. */
  schemaPath: string;
  layout: string;
  /** Rows of a top-level view; null for a subview property (each row has its own count). */
  rows: number | null;
  columns: ColumnInfo[];
  children: ViewNode[];
  /** `name[^]`: rows have the enclosing view's structure (children not repeated). */
  recursive: boolean;
  /** With recursive: the schemaPath of the view whose structure the rows repeat (`r` for `r.self`). */
  recursiveOf?: string;
}

export interface ViewInfo {
  docId: string;
  path: ViewPath;
  /** Readable path: `top[2].kids`. */
  title: string;
  rowCount: number;
  columns: ColumnInfo[];
  layout: string;
  generation: string;
}

/** One cell encoded for display in the grid. */
export type CellDto =
  | { t: 'I'; v: number }
  /** int64 as exact decimal text. */
  | { t: 'L'; v: string }
  /** `v`: shortest text that reads back as the same value; `short`: at most 7 significant digits. */
  | { t: 'F' | 'D'; v: string; short: string }
  /** `text` is cut at the grid's limit; `bytes` is the full UTF-8 length. */
  | { t: 'S'; text: string; bytes: number; truncated: boolean }
  /** `hex`: the first bytes; `compressed`: the bytes start with a zlib or gzip header. */
  | { t: 'B'; size: number; hex: string; compressed: 'zlib' | 'gzip' | null }
  | { t: 'V'; rows: number }
  /** This cell could not be decoded (a damaged column); the rest of the row still shows. */
  | { t: 'error'; code: string; message: string };
