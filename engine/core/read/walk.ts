/**
 * Walks (format §5): the varint streams that carry structure, row counts and column references. The
 * root walk starts with the description; every sequence walk (one per subview instance) with its row
 * count; then one column group per property (§5.3). Every walk must be consumed exactly.
 */
import { MetakitError } from '../base/errors.js';
import { ByteCursor } from '../base/varint.js';
import type { ByteSink } from '../base/varint.js';
import { parseDescription, type Field, type PropType } from './structure.js';

/** `<size, pos>` as stored: pos is relative to the base; a negative pos names aside diff ~pos. */
export interface ColumnRef {
  readonly size: number;
  readonly pos: number;
}

export const EMPTY_REF: ColumnRef = Object.freeze({ size: 0, pos: 0 });

export type ColumnGroup =
  | { readonly kind: 'value'; readonly col: ColumnRef }
  | { readonly kind: 'bytes'; readonly data: ColumnRef; readonly sizes: ColumnRef; readonly memo: ColumnRef }
  | { readonly kind: 'view'; readonly col: ColumnRef };

export function groupKind(type: PropType): ColumnGroup['kind'] {
  return type === 'S' || type === 'B' ? 'bytes' : type === 'V' ? 'view' : 'value';
}

export function readColumnRef(c: ByteCursor): ColumnRef {
  const size = c.count('column size');
  if (size === 0) return EMPTY_REF;
  const pos = c.varint();
  return { size, pos };
}

export function readGroups(c: ByteCursor, fields: readonly Field[]): ColumnGroup[] {
  const groups: ColumnGroup[] = new Array(fields.length);
  for (let i = 0; i < fields.length; i++) {
    const f = fields[i] as Field;
    switch (groupKind(f.type)) {
      case 'value':
        groups[i] = { kind: 'value', col: readColumnRef(c) };
        break;
      case 'view':
        groups[i] = { kind: 'view', col: readColumnRef(c) };
        break;
      case 'bytes': {
        const data = readColumnRef(c);
        const sizes = data.size > 0 ? readColumnRef(c) : EMPTY_REF;
        const memo = readColumnRef(c);
        groups[i] = { kind: 'bytes', data, sizes, memo };
        break;
      }
    }
  }
  return groups;
}

export function writeColumnRef(out: ByteSink, ref: ColumnRef): void {
  out.varint(ref.size);
  if (ref.size > 0) out.varint(ref.pos);
}

export function writeGroups(out: ByteSink, groups: readonly ColumnGroup[]): void {
  for (const g of groups) {
    if (g.kind === 'bytes') {
      writeColumnRef(out, g.data);
      if (g.data.size > 0) writeColumnRef(out, g.sizes);
      writeColumnRef(out, g.memo);
    } else {
      writeColumnRef(out, g.col);
    }
  }
}

export interface RootWalk {
  description: string;
  fields: Field[];
  groups: ColumnGroup[];
}

const utf8 = new TextDecoder('utf-8');

function checkSias(c: ByteCursor, what: string): void {
  const at = c.offset;
  const sias = c.varint();
  if (sias !== 0) throw new MetakitError('BAD_WALK', `expected the ${what} to start with format code 0, but found ${sias} at ${at}`, { offset: at });
}

/** Parses a root walk (§5.1). `origin` is the absolute file offset of `bytes[0]`. */
export function parseRootWalk(bytes: Uint8Array, origin: number, maxDepth = 64): RootWalk {
  const c = new ByteCursor(bytes, 0, bytes.length, origin, 'root walk');
  checkSias(c, 'root walk');
  const descLen = c.count('description length');
  const descAt = c.offset;
  const description = utf8.decode(c.bytesOf(descLen, 'description'));
  const fields = parseDescription(description, { origin: descAt, limits: { maxDepth } });
  const rowsAt = c.offset;
  const rows = c.count('root row count');
  if (rows !== 1) throw new MetakitError('BAD_WALK', `expected the root to have 1 row, but found ${rows} at ${rowsAt}`, { offset: rowsAt });
  const groups = readGroups(c, fields);
  if (!c.atEnd) {
    throw new MetakitError('BAD_WALK', `expected the root walk (${bytes.length} bytes at ${origin}) to end after its column groups, but ${c.remaining} bytes remain at ${c.offset}`, {
      offset: c.offset,
    });
  }
  return { description, fields, groups };
}

export interface SubviewIndex {
  /** Offset (in the column) of each parent row's sequence walk. */
  starts: Int32Array;
  /** Row count of each parent row's subview. */
  rows: Int32Array;
}

/**
 * Scans a subview column (§5.4): one sequence walk per parent row. Returns where each walk starts and
 * its row count; the column groups are re-read on demand by `readSequenceAt`.
 */
export function indexSubviewColumn(bytes: Uint8Array, origin: number, parentRows: number, fields: readonly Field[], maxRows: number): SubviewIndex {
  if (parentRows * 2 > bytes.length) {
    throw new MetakitError('BAD_WALK', `expected a subview column of ${parentRows} rows to hold at least ${parentRows * 2} bytes, but it holds ${bytes.length}`, {
      offset: origin,
    });
  }
  const starts = new Int32Array(parentRows);
  const rows = new Int32Array(parentRows);
  const c = new ByteCursor(bytes, 0, bytes.length, origin, 'subview column');
  for (let r = 0; r < parentRows; r++) {
    starts[r] = c.pos;
    checkSias(c, 'subview walk');
    const at = c.offset;
    const n = c.count('subview row count');
    if (n > maxRows) throw new MetakitError('LIMIT_EXCEEDED', `expected at most ${maxRows} rows in a subview, but found ${n} at ${at}`, { offset: at });
    rows[r] = n;
    if (n > 0) readGroups(c, fields);
  }
  if (!c.atEnd) {
    throw new MetakitError('BAD_WALK', `expected the subview column (${bytes.length} bytes at ${origin}) to end after ${parentRows} walks, but ${c.remaining} bytes remain at ${c.offset}`, {
      offset: c.offset,
    });
  }
  return { starts, rows };
}

/** Re-reads the sequence walk of one parent row (already validated by indexSubviewColumn). */
export function readSequenceAt(bytes: Uint8Array, origin: number, start: number, fields: readonly Field[]): { rows: number; groups: ColumnGroup[] } {
  const c = new ByteCursor(bytes, start, bytes.length, origin, 'subview column');
  checkSias(c, 'subview walk');
  const rows = c.count('subview row count');
  return { rows, groups: rows > 0 ? readGroups(c, fields) : [] };
}
