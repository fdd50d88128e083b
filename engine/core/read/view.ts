/**
 * Read access to one view instance (a top-level view or one subview cell): row count, fields, typed
 * cell access and whole-column typed arrays for scans. Columns are read and decoded on first use.
 */
import { decodeBytesWindows, windowOffsets, decodeBytesGroup, decodeOldMemos, decodeOldStrings, itemBytes, stringBytes, type BytesColumn , type BytesWindows } from './columns/bytes.js';
import { checkedWidth, decodeDoubles, decodeInts, decodeIntsInto, decodeLongs, hostLittleEndian } from './columns/ints.js';
import type { DataSource } from './dataSource.js';
import { MetakitError } from '../base/errors.js';
import { describeFields, findField, type Field, type PropType } from './structure.js';
import { indexSubviewColumn, readSequenceAt, type ColumnGroup, type ColumnRef, type SubviewIndex } from './walk.js';

/** Where a property's data comes from: a new-format column group or an old-format definition. */
export type PropSource =
  | ColumnGroup
  | { readonly kind: 'oldStrings'; readonly data: ColumnRef }
  | { readonly kind: 'oldMemos'; readonly sizes: ColumnRef; readonly positions: ColumnRef }
  | { readonly kind: 'inlineViews'; readonly children: readonly InlineView[] };

/** An old-format subview instance, parsed eagerly from the old root stream. */
export interface InlineView {
  readonly rows: number;
  readonly sources: readonly PropSource[];
}

export type CellValue = string | number | bigint | Uint8Array | View;

export interface ViewContext {
  readonly src: DataSource;
  /** Human path for messages, e.g. `people` or `people[3].tags`. */
  readonly path: string;
  readonly depth: number;
  /** V columns on the path from the root to this view (cycle detection). */
  readonly ancestors: readonly ColumnRef[];
}

const utf8 = new TextDecoder('utf-8');
/** Columns at least this large answer single-cell reads from windows instead of a whole decode. */
export const WINDOW_THRESHOLD = 4 << 20;
/** Rows per int/64-bit window (a multiple of 8, so sub-byte widths start on a byte). */
const WINDOW_ROWS = 1 << 16;
/** Bytes per data window of S/B properties. */
const DATA_WINDOW = 1 << 20;
const EMPTY_BYTES = new Uint8Array(0);
const FLOAT_SCRATCH = new Float32Array(1);
const INT_SCRATCH = new Int32Array(FLOAT_SCRATCH.buffer);

export class View {
  private readonly decoded: unknown[];
  private readonly indexes: (BytesWindows | undefined)[] = [];
  /**
   * The window of offsets and the data chunk each windowed S/B property used last. A scan reads row
   * after row of the same window: keeping the last one here answers those rows without building a
   * cache key and touching the shared LRU per cell (which was most of a flush's verify time). One
   * window per property at most, so memory stays bounded.
   */
  private readonly lastOffsets: ({ w: number; offsets: Int32Array } | undefined)[] = [];
  private readonly lastChunk: ({ start: number; bytes: Uint8Array } | undefined)[] = [];
  private readonly paths: (string | undefined)[] = [];
  private readonly sizeArrays: (Int32Array | undefined)[] = [];

  constructor(
    private readonly ctx: ViewContext,
    readonly fields: readonly Field[],
    readonly rowCount: number,
    private readonly sources: readonly PropSource[],
  ) {
    this.decoded = new Array(fields.length);
  }

  get path(): string {
    return this.ctx.path;
  }

  /** The structure of this view's rows, as stored (`self[^]`); layoutOfFields gives what Metakit shows. */
  get description(): string {
    return describeFields(this.fields);
  }

  /** Index of a property by name (case-insensitive, as Metakit matches names), or -1. */
  propertyIndex(name: string): number {
    return findField(this.fields, name);
  }

  typeOf(prop: number | string): PropType {
    return this.field(this.index(prop)).type;
  }

  /** The value of one cell, typed by the property. */
  get(row: number, prop: number | string): CellValue {
    const p = this.index(prop);
    switch (this.field(p).type) {
      case 'I': return this.getInt(row, p);
      case 'F': return this.getFloat(row, p);
      case 'D': return this.getDouble(row, p);
      case 'L': return this.getLong(row, p);
      case 'S': return this.getString(row, p);
      case 'B': return this.getBytes(row, p);
      case 'V': return this.getView(row, p);
    }
  }

  getInt(row: number, prop: number | string): number {
    const p = this.expect(prop, 'I', 'F');
    this.checkRow(row);
    if (this.isEmptyColumn(p)) return 0;
    if (this.windowed(p)) return this.intWindow(p, row)[row % WINDOW_ROWS] as number;
    return this.ints(p)[row] as number;
  }

  getFloat(row: number, prop: number | string): number {
    const p = this.expect(prop, 'F');
    this.checkRow(row);
    INT_SCRATCH[0] = this.isEmptyColumn(p) ? 0 : this.getInt(row, p);
    return FLOAT_SCRATCH[0] as number;
  }

  getDouble(row: number, prop: number | string): number {
    const p = this.expect(prop, 'D');
    this.checkRow(row);
    if (this.windowed(p)) return decodeDoubles(this.wideWindow(p, row), this.windowRows(row), this.ctx.src.littleEndian)[row % WINDOW_ROWS] as number;
    return this.doubles(p)[row] as number;
  }

  getLong(row: number, prop: number | string): bigint {
    const p = this.expect(prop, 'L');
    this.checkRow(row);
    if (this.windowed(p)) return decodeLongs(this.wideWindow(p, row), this.windowRows(row), this.ctx.src.littleEndian)[row % WINDOW_ROWS] as bigint;
    return this.longs(p)[row] as bigint;
  }

  /** Raw item bytes: for S without the terminating NUL. */
  getBytes(row: number, prop: number | string): Uint8Array {
    const p = this.expect(prop, 'S', 'B');
    this.checkRow(row);
    if (this.isEmptyColumn(p)) return EMPTY_BYTES;
    const stored = this.windowed(p) ? this.windowedItem(p, row) : itemBytes(this.ctx.src, this.bytesColumn(p), row, this.propPath(p));
    return this.field(p).type === 'S' ? stringBytes(stored, this.propPath(p), row) : stored;
  }

  /** Item length in bytes (for S without the NUL) without materialising memo items. */
  getSize(row: number, prop: number | string): number {
    const p = this.expect(prop, 'S', 'B');
    this.checkRow(row);
    if (this.isEmptyColumn(p)) return 0;
    let n: number;
    if (this.windowed(p)) {
      const memo = this.bytesIndex(p).memos?.get(row);
      const [start, end] = memo ? [0, memo.size] : this.itemRange(p, row);
      n = end - start;
    } else {
      const col = this.bytesColumn(p);
      const memo = col.memos?.get(row);
      n = memo ? memo.size : (col.offsets[row + 1] as number) - (col.offsets[row] as number);
    }
    return this.field(p).type === 'S' && n > 0 ? n - 1 : n;
  }

  getString(row: number, prop: number | string): string {
    const p = this.expect(prop, 'S');
    return decodeUtf8(this.getBytes(row, p));
  }

  getView(row: number, prop: number | string): View {
    const p = this.expect(prop, 'V');
    this.checkRow(row);
    const src = this.sources[p] as PropSource;
    const field = this.field(p);
    // Top-level views are named by their name alone: the root's single row is implicit (`people[3].tags`).
    const path = this.ctx.depth === 0 ? field.name : `${this.ctx.path}[${row}].${field.name}`;
    if (src.kind === 'inlineViews') {
      const child = src.children[row];
      if (!child) return new View({ ...this.ctx, path, depth: this.ctx.depth + 1 }, field.fields, 0, []);
      return new View({ ...this.ctx, path, depth: this.ctx.depth + 1 }, field.fields, child.rows, child.sources);
    }
    if (src.kind !== 'view') throw new Error('unreachable: V property without a view source');
    const index = this.subviewIndex(p);
    const rows = index.rows[row] as number;
    if (rows === 0) return new View({ ...this.ctx, path, depth: this.ctx.depth + 1 }, field.fields, 0, []);
    const bytes = this.ctx.src.column(src.col, 'subview column', this.propPath(p));
    const seq = readSequenceAt(bytes, this.ctx.src.absolute(src.col.pos), index.starts[row] as number, field.fields);
    return new View(
      { src: this.ctx.src, path, depth: this.ctx.depth + 1, ancestors: [...this.ctx.ancestors, src.col] },
      field.fields,
      seq.rows,
      seq.groups,
    );
  }

  /** Row count of a subview cell without building the view. */
  getViewSize(row: number, prop: number | string): number {
    const p = this.expect(prop, 'V');
    this.checkRow(row);
    const src = this.sources[p] as PropSource;
    if (src.kind === 'inlineViews') return src.children[row]?.rows ?? 0;
    return this.subviewIndex(p).rows[row] as number;
  }

  // ---- whole columns, for scans --------------------------------------------------------------

  /** I (and F bit patterns) as Int32Array. Do not modify: it may be shared with the cache. */
  ints(prop: number | string): Int32Array {
    const p = this.expect(prop, 'I', 'F');
    return this.memo(p, () => {
      const col = this.valueRef(p);
      const src = this.ctx.src;
      if (this.rowCount === 0) return new Int32Array(0);
      return src.derived(`i${this.rowCount}:`, col, () => {
        const width = checkedWidth({ rows: this.rowCount, size: col.size, kind: 'value', offset: src.absolute(col.pos), path: this.propPath(p) });
        if (width === 32 && src.littleEndian === hostLittleEndian) {
          // Scans read 32-bit columns in place: a zero-copy view of the (cached) column bytes.
          const bytes = src.column(col, 'int column', this.propPath(p));
          if (bytes.byteOffset % 4 === 0) return { value: new Int32Array(bytes.buffer, bytes.byteOffset, this.rowCount), bytes: 0 };
        }
        const value = src.rowArray(this.rowCount, 'int column', this.propPath(p));
        if (width !== 0) decodeIntsInto(value, src.column(col, 'int column', this.propPath(p)), this.rowCount, width, src.littleEndian);
        return { value, bytes: value.byteLength };
      });
    });
  }

  /** F as Float32Array. */
  floats(prop: number | string): Float32Array {
    const p = this.expect(prop, 'F');
    const ints = this.ints(p);
    return new Float32Array(ints.buffer, ints.byteOffset, ints.length);
  }

  doubles(prop: number | string): Float64Array {
    const p = this.expect(prop, 'D');
    return this.memo(p, () => {
      const bytes = this.wideColumn(p);
      return decodeDoubles(bytes, this.rowCount, this.ctx.src.littleEndian);
    });
  }

  longs(prop: number | string): BigInt64Array {
    const p = this.expect(prop, 'L');
    return this.memo(p, () => decodeLongs(this.wideColumn(p), this.rowCount, this.ctx.src.littleEndian));
  }

  /** S/B as data + offsets (+ memo references). */
  bytesColumn(prop: number | string): BytesColumn {
    const p = this.expect(prop, 'S', 'B');
    return this.memo(p, () => {
      const src = this.sources[p];
      // A view with no rows may store no columns for a property at all.
      if (src === undefined && this.rowCount === 0) return { rows: 0, data: EMPTY_BYTES, offsets: new Int32Array(1), memos: null };
      if (src === undefined) throw new Error(`unreachable: no source for ${this.propPath(p)} of ${this.rowCount} rows`);
      const path = this.propPath(p);
      const isString = this.field(p).type === 'S';
      if (src.kind === 'bytes') {
        return this.ctx.src.derived(`b${this.rowCount}:`, src.data.size > 0 ? src.data : src.memo, () => {
          const value = decodeBytesGroup(this.ctx.src, src, this.rowCount, isString, path);
          return { value, bytes: value.offsets.byteLength };
        });
      }
      if (src.kind === 'oldStrings') return decodeOldStrings(this.ctx.src, src.data, this.rowCount, path);
      if (src.kind === 'oldMemos') return decodeOldMemos(this.ctx.src, src.sizes, src.positions, this.rowCount, path);
      throw new Error(`unreachable: ${src.kind} source for an ${this.field(p).type} property`);
    });
  }

  /**
   * Every item's length in bytes (for S without the NUL; memo items included), one per row: a scan of
   * lengths reads one array instead of pairs of offsets. Derived from bytesColumn() once and kept.
   */
  itemSizes(prop: number | string): Int32Array {
    const p = this.expect(prop, 'S', 'B');
    const have = this.sizeArrays[p];
    if (have) return have;
    const col = this.bytesColumn(p);
    const isString = this.field(p).type === 'S';
    const off = col.offsets;
    const sizes = new Int32Array(this.rowCount);
    for (let r = 0; r < sizes.length; r++) {
      const n = (off[r + 1] as number) - (off[r] as number);
      sizes[r] = isString && n > 0 ? n - 1 : n;
    }
    if (col.memos) for (const [r, ref] of col.memos) sizes[r] = isString && ref.size > 0 ? ref.size - 1 : ref.size;
    this.sizeArrays[p] = sizes;
    return sizes;
  }

  /** The `<size, pos>` references of each property (for statistics and the writer). */
  get columnSources(): readonly PropSource[] {
    return this.sources;
  }

  get context(): ViewContext {
    return this.ctx;
  }

  // ---- internals ------------------------------------------------------------------------------

  private subviewIndex(p: number): SubviewIndex {
    return this.memo(p, () => {
      const src = this.sources[p] as PropSource;
      if (src.kind !== 'view') throw new Error('unreachable: subview index of a non-view source');
      const field = this.field(p);
      const path = this.propPath(p);
      const ctx = this.ctx;
      if (ctx.depth + 1 > ctx.src.limits.maxDepth) {
        throw new MetakitError('LIMIT_EXCEEDED', `expected subviews nested at most ${ctx.src.limits.maxDepth} deep, but ${path} is deeper`, { path });
      }
      if (this.rowCount > 0 && src.col.size === 0) {
        throw new MetakitError('BAD_WALK', `expected a subview column for the ${this.rowCount} rows of ${path}, but it is empty`, { path });
      }
      for (const a of ctx.ancestors) {
        if (a.pos === src.col.pos && a.size === src.col.size && src.col.size > 0) {
          throw new MetakitError('CYCLE', `expected subview column ${path} to differ from its ancestors, but it is the column at ${src.col.pos}+${src.col.size} again`, {
            path,
            offset: ctx.src.absolute(src.col.pos),
          });
        }
      }
      ctx.src.claimSubviewColumn(src.col, path);
      if (this.rowCount === 0) return { starts: new Int32Array(0), rows: new Int32Array(0) };
      return ctx.src.derived(`v${this.rowCount}:`, src.col, () => {
        const bytes = ctx.src.column(src.col, 'subview column', path);
        const value = indexSubviewColumn(bytes, ctx.src.absolute(src.col.pos), this.rowCount, field.fields, ctx.src.limits.maxRows);
        return { value, bytes: value.starts.byteLength * 2 };
      });
    });
  }

  // ---- windows: single cells of large columns without reading the whole column ------------------

  /**
   * True when a cell of property p is best read from a window: the column is large, lives in the
   * file (not an aside diff), and has not been decoded whole already (scans decode it; then that wins).
   */
  private windowed(p: number): boolean {
    if (this.decoded[p] !== undefined) return false;
    const src = this.sources[p];
    if (!src) return false;
    if (src.kind === 'value') return src.col.size >= WINDOW_THRESHOLD && src.col.pos > 0;
    if (src.kind === 'bytes') return src.data.size >= WINDOW_THRESHOLD && src.data.pos > 0;
    return false;
  }

  private windowRows(row: number): number {
    const first = row - (row % WINDOW_ROWS);
    return Math.min(WINDOW_ROWS, this.rowCount - first);
  }

  /** The decoded window of WINDOW_ROWS int entries holding `row`. */
  private intWindow(p: number, row: number): Int32Array {
    const ref = this.valueRef(p);
    const src = this.ctx.src;
    const width = checkedWidth({ rows: this.rowCount, size: ref.size, kind: 'value', offset: src.absolute(ref.pos), path: this.propPath(p) });
    const first = row - (row % WINDOW_ROWS);
    const n = this.windowRows(row);
    return src.derived(`iw${this.rowCount}:${first}:`, ref, () => {
      const start = (first * width) / 8;
      const end = Math.ceil(((first + n) * width) / 8);
      const value = decodeInts(src.columnRange(ref, start, end - start, 'int column', this.propPath(p)), n, width, src.littleEndian);
      return { value, bytes: value.byteLength };
    });
  }

  /** The bytes of the window of WINDOW_ROWS 64-bit entries holding `row`. */
  private wideWindow(p: number, row: number): Uint8Array {
    const ref = this.valueRef(p);
    checkedWidth({ rows: this.rowCount, size: ref.size, kind: 'wide', offset: this.ctx.src.absolute(ref.pos), path: this.propPath(p) });
    const first = row - (row % WINDOW_ROWS);
    return this.ctx.src.columnRange(ref, first * 8, this.windowRows(row) * 8, '64-bit column', this.propPath(p));
  }

  /** Window starts and memos of an S/B property, from one pass over its sizes (no data, no per-row array). */
  private bytesIndex(p: number): BytesWindows {
    const src = this.sources[p] as PropSource;
    if (src.kind !== 'bytes') throw new Error('unreachable: bytes index of a non-bytes source');
    const existing = this.indexes[p];
    if (existing) return existing;
    const index = this.ctx.src.derived(`bw${this.rowCount}:`, src.data, () => {
      const value = decodeBytesWindows(this.ctx.src, src, this.rowCount, WINDOW_ROWS, this.propPath(p));
      return { value, bytes: value.starts.byteLength };
    });
    this.indexes[p] = index;
    return index;
  }

  /** Start and end (in the data column) of the inline bytes of `row`. */
  private itemRange(p: number, row: number): [number, number] {
    const index = this.bytesIndex(p);
    const w = Math.floor(row / WINDOW_ROWS);
    const last = this.lastOffsets[p];
    let offsets: Int32Array;
    if (last?.w === w) {
      offsets = last.offsets;
    } else {
      offsets = this.ctx.src.derived(`bo${this.rowCount}:${w}:`, index.data, () => {
        const value = windowOffsets(this.ctx.src, index, w, this.propPath(p));
        return { value, bytes: value.byteLength };
      });
      this.lastOffsets[p] = { w, offsets };
    }
    const i = row - w * WINDOW_ROWS;
    return [offsets[i] as number, offsets[i + 1] as number];
  }

  private windowedItem(p: number, row: number): Uint8Array {
    const index = this.bytesIndex(p);
    const path = this.propPath(p);
    const memo = index.memos?.get(row);
    if (memo) return this.ctx.src.column(memo, `memo of row ${row}`, path);
    const [start, end] = this.itemRange(p, row);
    if (end === start) return EMPTY_BYTES;
    const chunk = start - (start % DATA_WINDOW);
    if (end <= chunk + DATA_WINDOW) {
      const last = this.lastChunk[p];
      let bytes: Uint8Array;
      if (last?.start === chunk) {
        bytes = last.bytes;
      } else {
        bytes = this.ctx.src.columnRange(index.data, chunk, Math.min(DATA_WINDOW, index.data.size - chunk), 'data column', path);
        this.lastChunk[p] = { start: chunk, bytes };
      }
      return bytes.subarray(start - chunk, end - chunk);
    }
    return this.ctx.src.columnRange(index.data, start, end - start, 'data column', path);
  }

  /**
   * True for a width-0 int column or an S/B property with neither data nor memos: every cell is 0 or
   * empty, and such a column may claim 2^31-1 rows in 0 bytes, so cells are answered without decoding.
   */
  private isEmptyColumn(p: number): boolean {
    const src = this.sources[p];
    if (src === undefined) return this.rowCount === 0;
    if (src.kind === 'value') return src.col.size === 0;
    if (src.kind === 'bytes') return src.data.size === 0 && src.memo.size === 0;
    return false;
  }

  private wideColumn(p: number): Uint8Array {
    const col = this.valueRef(p);
    checkedWidth({ rows: this.rowCount, size: col.size, kind: 'wide', offset: this.ctx.src.absolute(col.pos), path: this.propPath(p) });
    return this.ctx.src.column(col, '64-bit column', this.propPath(p));
  }

  private valueRef(p: number): ColumnRef {
    const src = this.sources[p];
    if (src === undefined && this.rowCount === 0) return { size: 0, pos: 0 };
    if (!src || src.kind !== 'value') throw new Error(`unreachable: value property without a value column (${this.propPath(p)})`);
    return src.col;
  }

  private memo<T>(p: number, make: () => T): T {
    const have = this.decoded[p];
    if (have !== undefined) return have as T;
    const value = make();
    this.decoded[p] = value;
    return value;
  }

  private propPath(p: number): string {
    // Kept: cell reads pass it along for their error messages, and building it per cell showed up in scans.
    return (this.paths[p] ??= `${this.ctx.path}.${this.field(p).name}`);
  }

  private field(p: number): Field {
    const f = this.fields[p];
    if (!f) throw new RangeError(`property index ${p} is out of range 0..${this.fields.length - 1} for ${this.ctx.path}`);
    return f;
  }

  private index(prop: number | string): number {
    if (typeof prop === 'number') {
      this.field(prop);
      return prop;
    }
    const i = findField(this.fields, prop);
    if (i < 0) throw new RangeError(`view ${this.ctx.path} has no property '${prop}' (it has ${this.fields.map((f) => f.name).join(', ') || 'none'})`);
    return i;
  }

  private expect(prop: number | string, ...types: PropType[]): number {
    const p = this.index(prop);
    const t = (this.fields[p] as Field).type;
    if (!types.includes(t)) throw new TypeError(`property ${this.propPath(p)} is of type ${t}, not ${types.join('/')}`);
    return p;
  }

  private checkRow(row: number): void {
    if (!Number.isInteger(row) || row < 0 || row >= this.rowCount) {
      throw new RangeError(`row ${row} is out of range 0..${this.rowCount - 1} for ${this.ctx.path}`);
    }
  }
}

/** UTF-8 decoding with a fast path for short ASCII strings (most Metakit strings). */
export function decodeUtf8(bytes: Uint8Array): string {
  const n = bytes.length;
  if (n <= 32) {
    let ascii = true;
    for (let i = 0; i < n; i++) {
      if ((bytes[i] as number) >= 0x80) {
        ascii = false;
        break;
      }
    }
    if (ascii) return String.fromCharCode.apply(null, bytes as unknown as number[]);
  }
  return utf8.decode(bytes);
}
