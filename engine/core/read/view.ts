/**
 * Read access to one view instance (a top-level view or one subview cell): row count, fields, typed
 * cell access and whole-column typed arrays for scans. Columns are read and decoded on first use;
 * single cells of large columns come from windows (viewWindows.ts).
 */
import { decodeBytesGroup, decodeOldMemos, decodeOldStrings, itemBytes, itemSizesOf, stringBytes, type BytesColumn } from './columns/bytes.js';
import { checkedWidth, decodeDoubles, decodeIntsInto, decodeLongs, hostLittleEndian } from './columns/ints.js';
import type { DataSource } from './dataSource.js';
import { cellByType, decodeUtf8, type ReadableView } from './readable.js';
import { describeFields, findField, type Field, type PropType } from './structure.js';
import { indexSubviews } from './subviews.js';
import { ColumnWindows, WINDOW_THRESHOLD, type BytesGroup } from './viewWindows.js';
import { readSequenceAt, type ColumnGroup, type ColumnRef, type SubviewIndex } from './walk.js';

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

const EMPTY_BYTES = new Uint8Array(0);
const FLOAT_SCRATCH = new Float32Array(1);
const INT_SCRATCH = new Int32Array(FLOAT_SCRATCH.buffer);

export class View implements ReadableView {
  private readonly decoded: unknown[];
  /** Created on the first windowed cell read (most views never have one). */
  private windowsOf: ColumnWindows | null = null;
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
    return cellByType(this, row, p, this.field(p).type);
  }

  getInt(row: number, prop: number | string): number {
    const p = this.expect(prop, 'I', 'F');
    this.checkRow(row);
    if (this.isEmptyColumn(p)) return 0;
    if (this.windowed(p)) return this.windows().int(this.valueRef(p), row, this.propPath(p));
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
    if (this.windowed(p)) return this.windows().double(this.valueRef(p), row, this.propPath(p));
    return this.doubles(p)[row] as number;
  }

  getLong(row: number, prop: number | string): bigint {
    const p = this.expect(prop, 'L');
    this.checkRow(row);
    if (this.windowed(p)) return this.windows().long(this.valueRef(p), row, this.propPath(p));
    return this.longs(p)[row] as bigint;
  }

  /** Raw item bytes: for S without the terminating NUL. */
  getBytes(row: number, prop: number | string): Uint8Array {
    const p = this.expect(prop, 'S', 'B');
    this.checkRow(row);
    if (this.isEmptyColumn(p)) return EMPTY_BYTES;
    const stored = this.windowed(p) ? this.windows().item(p, this.bytesGroup(p), row, this.propPath(p)) : itemBytes(this.ctx.src, this.bytesColumn(p), row, this.propPath(p));
    return this.field(p).type === 'S' ? stringBytes(stored, this.propPath(p), row) : stored;
  }

  /** Item length in bytes (for S without the NUL) without materialising memo items. */
  getSize(row: number, prop: number | string): number {
    const p = this.expect(prop, 'S', 'B');
    this.checkRow(row);
    if (this.isEmptyColumn(p)) return 0;
    let n: number;
    if (this.windowed(p)) {
      n = this.windows().itemLength(p, this.bytesGroup(p), row, this.propPath(p));
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
    const sizes = itemSizesOf(this.bytesColumn(p), this.rowCount, this.field(p).type === 'S');
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
      return indexSubviews(this.ctx.src, this.ctx, src.col, this.rowCount, this.field(p).fields, this.propPath(p));
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

  private windows(): ColumnWindows {
    return (this.windowsOf ??= new ColumnWindows(this.ctx.src, this.rowCount));
  }

  private bytesGroup(p: number): BytesGroup {
    const src = this.sources[p] as PropSource;
    if (src.kind !== 'bytes') throw new Error('unreachable: bytes index of a non-bytes source');
    return src;
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
