/**
 * S and B properties (format §7.3): a data column of inline items, an int column of item sizes and a
 * memo walk naming items stored in their own columns. Decoded once into offsets over the data column;
 * items are then zero-copy subarrays.
 */
import { MetakitError } from '../../base/errors.js';
import { ByteCursor } from '../../base/varint.js';
import type { DataSource } from '../dataSource.js';
import { readColumnRef, type ColumnRef } from '../walk.js';
import { checkedWidth, decodeInts, decodeIntsInto, intAt, type IntWidth } from './ints.js';

export interface BytesColumn {
  readonly rows: number;
  /** Inline items, concatenated. */
  readonly data: Uint8Array;
  /** rows + 1 offsets into `data`; item r spans offsets[r]..offsets[r+1]. */
  readonly offsets: Int32Array;
  /** Items stored as separate memo columns, by row. */
  readonly memos: ReadonlyMap<number, ColumnRef> | null;
}

const EMPTY = new Uint8Array(0);

export function decodeBytesGroup(
  src: DataSource,
  group: { data: ColumnRef; sizes: ColumnRef; memo: ColumnRef },
  rows: number,
  isString: boolean,
  path: string,
): BytesColumn {
  const data = src.column(group.data, 'data column', path);
  const offsets = src.rowArray(rows + 1, 'item offsets', path);
  if (group.data.size > 0) {
    const width = checkedWidth({ rows, size: group.sizes.size, kind: 'int', offset: src.absolute(group.sizes.pos), path: `${path} (sizes)` });
    // Sizes are decoded straight into offsets[1..rows] and summed in place: no second per-row array.
    decodeIntsInto(offsets.subarray(1), src.column(group.sizes, 'sizes column', path), rows, width, src.littleEndian);
    let total = 0;
    for (let r = 0; r < rows; r++) {
      const n = offsets[r + 1] as number;
      if (n < 0) throw new MetakitError('BAD_BYTES', `expected item sizes >= 0 in ${path}, but row ${r} has size ${n}`, { path, offset: src.absolute(group.sizes.pos) });
      total += n;
      if (total > data.length) break;
      offsets[r + 1] = total;
    }
    if (total !== data.length) {
      throw new MetakitError('BAD_BYTES', `expected the item sizes of ${path} to add up to its data size ${data.length}, but they add up to ${total}`, {
        path,
        offset: src.absolute(group.data.pos),
      });
    }
    if (isString) checkTerminators(data, offsets, rows, path, src.absolute(group.data.pos));
  }
  const memos = group.memo.size > 0 ? decodeMemoWalk(src, group.memo, rows, offsets, path) : null;
  return { rows, data, offsets, memos };
}

/**
 * The item lengths of an S/B column (its sizes column, decoded and checked against `data` exactly as
 * decodeBytesGroup checks them), for the writer: lengths are what it edits, and the prefix sums are
 * built lazily, so loading a column for an edit costs one decode and no offsets array.
 */
export function decodeItemLengths(src: DataSource, group: { data: ColumnRef; sizes: ColumnRef }, data: Uint8Array, rows: number, isString: boolean, path: string, spareRows = 0): Int32Array {
  const sizes = group.sizes;
  // rows lengths, then spareRows zeros of room to grow
  const lens = src.rowArray(rows + spareRows, 'item sizes', path);
  if (data.length === 0) return lens;
  const width = checkedWidth({ rows, size: sizes.size, kind: 'int', offset: src.absolute(sizes.pos), path: `${path} (sizes)` });
  decodeIntsInto(lens, src.column(sizes, 'sizes column', path), rows, width, src.littleEndian);
  let total = 0;
  for (let r = 0; r < rows; r++) {
    const n = lens[r] as number;
    if (n < 0) throw new MetakitError('BAD_BYTES', `expected item sizes >= 0 in ${path}, but row ${r} has size ${n}`, { path, offset: src.absolute(sizes.pos) });
    total += n;
    if (total > data.length) break;
    if (isString && n > 0 && data[total - 1] !== 0) {
      throw new MetakitError('BAD_BYTES', `expected string row ${r} of ${path} to end with a NUL byte, but found 0x${(data[total - 1] as number).toString(16).padStart(2, '0')}`, {
        path,
        offset: group.data.pos < 0 ? -1 : src.absolute(group.data.pos) + total - 1,
      });
    }
  }
  if (total !== data.length) {
    throw new MetakitError('BAD_BYTES', `expected the item sizes of ${path} to add up to its data size ${data.length}, but they add up to ${total}`, { path, offset: src.absolute(group.data.pos) });
  }
  return lens;
}

/**
 * The start of every window of `windowRows` items in the data column, computed in one pass over the
 * raw sizes bytes (nibble/bit sums per byte, no per-row array): a huge view's first screen needs only
 * this and one window's sizes.
 */
export interface BytesWindows {
  readonly rows: number;
  readonly windowRows: number;
  /** Data offset of the first item of each window; one more entry holding the data size. */
  readonly starts: Float64Array;
  readonly sizesRef: ColumnRef;
  readonly width: number;
  readonly memos: ReadonlyMap<number, ColumnRef> | null;
  readonly data: ColumnRef;
}

const NIBBLE_SUMS = Uint8Array.from({ length: 256 }, (_, b) => (b & 15) + (b >> 4));
const PAIR_SUMS = Uint8Array.from({ length: 256 }, (_, b) => (b & 3) + ((b >> 2) & 3) + ((b >> 4) & 3) + (b >> 6));
const BIT_SUMS = Uint8Array.from({ length: 256 }, (_, b) => {
  let n = 0;
  for (let x = b; x; x >>= 1) n += x & 1;
  return n;
});

/** Sum of entries [first, first+count) of an int column (count whole bytes at sub-byte widths). */
function sumEntries(bytes: Uint8Array, first: number, count: number, width: number, littleEndian: boolean, path: string): number {
  let total = 0;
  if (width === 0) return 0;
  if (width < 8) {
    const perByte = 8 / width;
    const table = width === 4 ? NIBBLE_SUMS : width === 2 ? PAIR_SUMS : BIT_SUMS;
    const whole = Math.floor(count / perByte);
    const b0 = first / perByte;
    for (let i = 0; i < whole; i++) total += table[bytes[b0 + i] as number] as number;
    for (let r = first + whole * perByte; r < first + count; r++) total += intAt(bytes, r, width as IntWidth, littleEndian);
    return total;
  }
  for (let r = first; r < first + count; r++) {
    const n = intAt(bytes, r, width as IntWidth, littleEndian);
    if (n < 0) throw new MetakitError('BAD_BYTES', `expected item sizes >= 0 in ${path}, but row ${r} has size ${n}`, { path });
    total += n;
  }
  return total;
}

export function decodeBytesWindows(src: DataSource, group: { data: ColumnRef; sizes: ColumnRef; memo: ColumnRef }, rows: number, windowRows: number, path: string): BytesWindows {
  const windows = Math.ceil(rows / windowRows);
  const starts = new Float64Array(windows + 1);
  let width = 0;
  if (group.data.size > 0) {
    width = checkedWidth({ rows, size: group.sizes.size, kind: 'int', offset: src.absolute(group.sizes.pos), path: `${path} (sizes)` });
    const sizes = src.column(group.sizes, 'sizes column', path);
    let total = 0;
    for (let w = 0; w < windows; w++) {
      starts[w] = total;
      const first = w * windowRows;
      total += sumEntries(sizes, first, Math.min(windowRows, rows - first), width, src.littleEndian, path);
    }
    starts[windows] = total;
    if (total !== group.data.size) {
      throw new MetakitError('BAD_BYTES', `expected the item sizes of ${path} to add up to its data size ${group.data.size}, but they add up to ${total}`, {
        path,
        offset: src.absolute(group.data.pos),
      });
    }
  }
  const memos = group.memo.size > 0 ? decodeMemoWalk(src, group.memo, rows, null, path) : null;
  return { rows, windowRows, starts, sizesRef: group.sizes, width, memos, data: group.data };
}

/** Offsets (relative to the data column) of the items of window `w`: windowRows + 1 entries at most. */
export function windowOffsets(src: DataSource, index: BytesWindows, w: number, path: string): Int32Array {
  const first = w * index.windowRows;
  const n = Math.min(index.windowRows, index.rows - first);
  const offsets = new Int32Array(n + 1);
  const base = index.starts[w] as number;
  if (index.width === 0) {
    offsets.fill(base);
    return offsets;
  }
  const sizes = src.column(index.sizesRef, 'sizes column', path);
  let acc = base;
  offsets[0] = acc;
  for (let i = 0; i < n; i++) {
    acc += intAt(sizes, first + i, index.width as IntWidth, src.littleEndian);
    offsets[i + 1] = acc;
  }
  return offsets;
}

function checkTerminators(data: Uint8Array, offsets: Int32Array, rows: number, path: string, at: number): void {
  for (let r = 0; r < rows; r++) {
    const end = offsets[r + 1] as number;
    if (end > (offsets[r] as number) && data[end - 1] !== 0) {
      throw new MetakitError('BAD_BYTES', `expected string row ${r} of ${path} to end with a NUL byte, but found 0x${(data[end - 1] as number).toString(16).padStart(2, '0')}`, {
        path,
        offset: at + end - 1,
      });
    }
  }
}

function decodeMemoWalk(src: DataSource, ref: ColumnRef, rows: number, offsets: Int32Array | null, path: string): Map<number, ColumnRef> {
  const walk = src.column(ref, 'memo walk', path);
  const c = new ByteCursor(walk, 0, walk.length, src.absolute(ref.pos), 'memo walk');
  const memos = new Map<number, ColumnRef>();
  let row = -1;
  while (!c.atEnd) {
    const at = c.offset;
    const skip = c.count('memo row skip');
    row += 1 + skip;
    if (row >= rows) {
      throw new MetakitError('BAD_BYTES', `expected memo rows of ${path} below its ${rows} rows, but the memo walk names row ${row} at ${at}`, { path, offset: at });
    }
    const memo = readColumnRef(c);
    if (memo.size === 0) throw new MetakitError('BAD_BYTES', `expected a non-empty memo for row ${row} of ${path}, but found size 0 at ${at}`, { path, offset: at });
    if (offsets && (offsets[row + 1] as number) !== (offsets[row] as number)) {
      throw new MetakitError('BAD_BYTES', `expected row ${row} of ${path} to have no inline bytes since it is a memo, but it has ${(offsets[row + 1] as number) - (offsets[row] as number)}`, {
        path,
        offset: at,
      });
    }
    src.check(memo, `memo of row ${row}`, path);
    memos.set(row, memo);
  }
  return memos;
}

/** Old-format (pre-2.0) S column: NUL-terminated items, sizes recovered by scanning (§13). */
export function decodeOldStrings(src: DataSource, dataRef: ColumnRef, rows: number, path: string): BytesColumn {
  const raw = src.column(dataRef, 'data column', path);
  const offsets = src.rowArray(rows + 1, 'item offsets', path);
  let k = 0;
  let lastEnd = 0;
  for (let j = 0; j < raw.length; j++) {
    if (raw[j] !== 0) continue;
    if (k >= rows) {
      throw new MetakitError('BAD_BYTES', `expected at most ${rows} NUL-terminated strings in old-format ${path}, but found more`, { path, offset: src.absolute(dataRef.pos) + j });
    }
    offsets[++k] = j + 1;
    lastEnd = j + 1;
  }
  let data = raw;
  if (lastEnd < raw.length) {
    // The last item had no NUL: Metakit appends one.
    if (k >= rows) throw new MetakitError('BAD_BYTES', `expected at most ${rows} strings in old-format ${path}, but found more`, { path });
    data = new Uint8Array(raw.length + 1);
    data.set(raw);
    offsets[++k] = data.length;
  }
  for (let r = k + 1; r <= rows; r++) offsets[r] = data.length;
  return { rows, data, offsets, memos: null };
}

/** Old-format M column: an int column of sizes and one of positions; every non-empty item is a memo. */
export function decodeOldMemos(src: DataSource, sizesRef: ColumnRef, positionsRef: ColumnRef, rows: number, path: string): BytesColumn {
  const sw = checkedWidth({ rows, size: sizesRef.size, kind: 'int', path: `${path} (sizes)` });
  const pw = checkedWidth({ rows, size: positionsRef.size, kind: 'int', path: `${path} (positions)` });
  const offsets = src.rowArray(rows + 1, 'item offsets', path);
  const sizes = decodeInts(src.column(sizesRef, 'sizes column', path), rows, sw, src.littleEndian);
  const positions = decodeInts(src.column(positionsRef, 'positions column', path), rows, pw, src.littleEndian);
  const memos = new Map<number, ColumnRef>();
  for (let r = 0; r < rows; r++) {
    const size = sizes[r] as number;
    if (size < 0) throw new MetakitError('BAD_BYTES', `expected memo sizes >= 0 in ${path}, but row ${r} has ${size}`, { path });
    if (size === 0) continue;
    const ref = { size, pos: positions[r] as number };
    src.check(ref, `memo of row ${r}`, path);
    memos.set(r, ref);
  }
  return { rows, data: EMPTY, offsets, memos };
}

/** The stored bytes of item `row` (for S including the terminating NUL). */
export function itemBytes(src: DataSource, col: BytesColumn, row: number, path: string): Uint8Array {
  const memo = col.memos?.get(row);
  if (memo) return src.column(memo, `memo of row ${row}`, path);
  return col.data.subarray(col.offsets[row] as number, col.offsets[row + 1] as number);
}

/** Strips the NUL of a stored S item; validates memo items, which are not checked at decode time. */
export function stringBytes(stored: Uint8Array, path: string, row: number): Uint8Array {
  if (stored.length === 0) return stored;
  if (stored[stored.length - 1] !== 0) {
    throw new MetakitError('BAD_BYTES', `expected string row ${row} of ${path} to end with a NUL byte, but it does not`, { path });
  }
  return stored.subarray(0, stored.length - 1);
}

/** The memo item columns named by a memo walk, without decoding the data (for space accounting). */
export function memoRefs(src: DataSource, ref: ColumnRef, rows: number, path: string): ColumnRef[] {
  if (ref.size === 0) return [];
  const walk = src.column(ref, 'memo walk', path);
  const c = new ByteCursor(walk, 0, walk.length, src.absolute(ref.pos), 'memo walk');
  const out: ColumnRef[] = [];
  let row = -1;
  while (!c.atEnd) {
    const at = c.offset;
    row += 1 + c.count('memo row skip');
    if (row >= rows) throw new MetakitError('BAD_BYTES', `expected memo rows of ${path} below its ${rows} rows, but the memo walk names row ${row} at ${at}`, { path, offset: at });
    out.push(readColumnRef(c));
  }
  return out;
}

/** Every item's length in bytes (for S without the NUL; memo items included), one per row. */
export function itemSizesOf(col: BytesColumn, rows: number, isString: boolean): Int32Array {
  const off = col.offsets;
  const sizes = new Int32Array(rows);
  for (let r = 0; r < sizes.length; r++) {
    const n = (off[r + 1] as number) - (off[r] as number);
    sizes[r] = isString && n > 0 ? n - 1 : n;
  }
  if (col.memos) for (const [r, ref] of col.memos) sizes[r] = isString && ref.size > 0 ? ref.size - 1 : ref.size;
  return sizes;
}
