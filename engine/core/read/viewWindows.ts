/**
 * Single cells of large columns without reading the whole column: int and 64-bit columns by windows
 * of WINDOW_ROWS rows, S/B properties through an index of window starts and memos (one pass over the
 * sizes, no per-row array) and their data in DATA_WINDOW chunks. A View reads a cell this way when its
 * column has WINDOW_THRESHOLD bytes or more and lives in the file, until a scan decodes it whole.
 */
import { decodeBytesWindows, windowOffsets, type BytesWindows } from './columns/bytes.js';
import { checkedWidth, decodeDoubles, decodeInts, decodeLongs } from './columns/ints.js';
import type { DataSource } from './dataSource.js';
import type { ColumnGroup, ColumnRef } from './walk.js';

/** Columns at least this large answer single-cell reads from windows instead of a whole decode. */
export const WINDOW_THRESHOLD = 4 << 20;
/** Rows per int/64-bit window (a multiple of 8, so sub-byte widths start on a byte). */
const WINDOW_ROWS = 1 << 16;
/** Bytes per data window of S/B properties. */
const DATA_WINDOW = 1 << 20;
const EMPTY_BYTES = new Uint8Array(0);

export type BytesGroup = Extract<ColumnGroup, { kind: 'bytes' }>;

/** The windows of one view instance's properties (indexed by property). */
export class ColumnWindows {
  private readonly indexes: (BytesWindows | undefined)[] = [];
  /**
   * The window of offsets and the data chunk each windowed S/B property used last. A scan reads row
   * after row of the same window: keeping the last one here answers those rows without building a
   * cache key and touching the shared LRU per cell (which was most of a flush's verify time). One
   * window per property at most, so memory stays bounded.
   */
  private readonly lastOffsets: ({ w: number; offsets: Int32Array } | undefined)[] = [];
  private readonly lastChunk: ({ start: number; bytes: Uint8Array } | undefined)[] = [];

  constructor(
    private readonly src: DataSource,
    private readonly rowCount: number,
  ) {}

  int(ref: ColumnRef, row: number, path: string): number {
    return this.intWindow(ref, row, path)[row % WINDOW_ROWS] as number;
  }

  double(ref: ColumnRef, row: number, path: string): number {
    return decodeDoubles(this.wideWindow(ref, row, path), this.windowRows(row), this.src.littleEndian)[row % WINDOW_ROWS] as number;
  }

  long(ref: ColumnRef, row: number, path: string): bigint {
    return decodeLongs(this.wideWindow(ref, row, path), this.windowRows(row), this.src.littleEndian)[row % WINDOW_ROWS] as bigint;
  }

  /** The stored bytes of `row`'s item (S including its NUL) of property p. */
  item(p: number, group: BytesGroup, row: number, path: string): Uint8Array {
    const index = this.bytesIndex(p, group, path);
    const memo = index.memos?.get(row);
    if (memo) return this.src.column(memo, `memo of row ${row}`, path);
    const [start, end] = this.itemRange(p, index, row, path);
    if (end === start) return EMPTY_BYTES;
    const chunk = start - (start % DATA_WINDOW);
    if (end <= chunk + DATA_WINDOW) {
      const last = this.lastChunk[p];
      let bytes: Uint8Array;
      if (last?.start === chunk) {
        bytes = last.bytes;
      } else {
        bytes = this.src.columnRange(index.data, chunk, Math.min(DATA_WINDOW, index.data.size - chunk), 'data column', path);
        this.lastChunk[p] = { start: chunk, bytes };
      }
      return bytes.subarray(start - chunk, end - chunk);
    }
    return this.src.columnRange(index.data, start, end - start, 'data column', path);
  }

  /** The stored length of `row`'s item (S including its NUL), memo items included, without reading it. */
  itemLength(p: number, group: BytesGroup, row: number, path: string): number {
    const index = this.bytesIndex(p, group, path);
    const memo = index.memos?.get(row);
    const [start, end] = memo ? [0, memo.size] : this.itemRange(p, index, row, path);
    return end - start;
  }

  private windowRows(row: number): number {
    const first = row - (row % WINDOW_ROWS);
    return Math.min(WINDOW_ROWS, this.rowCount - first);
  }

  /** The decoded window of WINDOW_ROWS int entries holding `row`. */
  private intWindow(ref: ColumnRef, row: number, path: string): Int32Array {
    const src = this.src;
    const width = checkedWidth({ rows: this.rowCount, size: ref.size, kind: 'value', offset: src.absolute(ref.pos), path });
    const first = row - (row % WINDOW_ROWS);
    const n = this.windowRows(row);
    return src.derived(`iw${this.rowCount}:${first}:`, ref, () => {
      const start = (first * width) / 8;
      const end = Math.ceil(((first + n) * width) / 8);
      const value = decodeInts(src.columnRange(ref, start, end - start, 'int column', path), n, width, src.littleEndian);
      return { value, bytes: value.byteLength };
    });
  }

  /** The bytes of the window of WINDOW_ROWS 64-bit entries holding `row`. */
  private wideWindow(ref: ColumnRef, row: number, path: string): Uint8Array {
    checkedWidth({ rows: this.rowCount, size: ref.size, kind: 'wide', offset: this.src.absolute(ref.pos), path });
    const first = row - (row % WINDOW_ROWS);
    return this.src.columnRange(ref, first * 8, this.windowRows(row) * 8, '64-bit column', path);
  }

  /** Window starts and memos of an S/B property, from one pass over its sizes (no data, no per-row array). */
  private bytesIndex(p: number, group: BytesGroup, path: string): BytesWindows {
    const existing = this.indexes[p];
    if (existing) return existing;
    const index = this.src.derived(`bw${this.rowCount}:`, group.data, () => {
      const value = decodeBytesWindows(this.src, group, this.rowCount, WINDOW_ROWS, path);
      return { value, bytes: value.starts.byteLength };
    });
    this.indexes[p] = index;
    return index;
  }

  /** Start and end (in the data column) of the inline bytes of `row`. */
  private itemRange(p: number, index: BytesWindows, row: number, path: string): [number, number] {
    const w = Math.floor(row / WINDOW_ROWS);
    const last = this.lastOffsets[p];
    let offsets: Int32Array;
    if (last?.w === w) {
      offsets = last.offsets;
    } else {
      offsets = this.src.derived(`bo${this.rowCount}:${w}:`, index.data, () => {
        const value = windowOffsets(this.src, index, w, path);
        return { value, bytes: value.byteLength };
      });
      this.lastOffsets[p] = { w, offsets };
    }
    const i = row - w * WINDOW_ROWS;
    return [offsets[i] as number, offsets[i + 1] as number];
  }
}
