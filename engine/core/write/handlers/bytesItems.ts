/**
 * The state of an S or B property of a writable storage (c4_FormatB / c4_FormatS) and reading it:
 * the committed column group decoded lazily while nothing is edited, then inline bytes in a gap
 * buffer with per-row lengths (offsets follow lazily), memo items with their own columns, and the
 * sizes column with the byte map kept for delta asides. Edits and commits are bytesHandler.ts's.
 */
import { ByteCursor } from '../../base/varint.js';
import { decodeBytesGroup, decodeItemLengths, type BytesColumn } from '../../read/columns/bytes.js';
import { accessWidth, checkedWidth, decodeInts, type IntWidth } from '../../read/columns/ints.js';
import { readColumnRef, type ColumnGroup } from '../../read/walk.js';
import { Col } from '../col.js';
import { adoptDiff, loadColumn } from '../model.js';
import { ByteBuffer, IntBuffer, spareRows, type GapBuffer } from './gapBuffer.js';
import { Handler } from './handler.js';
import { MemoList, type Memo } from './memoList.js';

/** Items longer than this are memos whatever the row count. */
export const ALWAYS_MEMO = 10000;

/** c4_FormatB::ShouldBeMemo: item length (S including its NUL) against the view's row count. */
export function shouldBeMemo(length: number, rows: number): boolean {
  return length > ALWAYS_MEMO || (length > 100 && length > Math.floor(1000000 / (rows + 1)));
}

export const EMPTY = new Uint8Array(0);

export abstract class BytesItems extends Handler {
  data = new Col();
  sizes = new Col();
  memoWalk = new Col();
  recalc = false;
  protected sizesValues: Int32Array | null = null;
  protected sizesWidth: IntWidth = 0;
  protected memoWalkBytes: Uint8Array | null = null;

  /** Committed content, decoded lazily while nothing is edited. */
  private stored: BytesColumn | null = null;
  private storedGroup: ColumnGroup | null = null;
  /** Inline bytes and per-row inline lengths once edited. */
  protected bytes: GapBuffer<Uint8Array> | null = null;
  protected lens: GapBuffer<Int32Array> | null = null;
  /** The largest inline length, or -1 when it must be recomputed (an item of that length shrank). */
  protected lensMax = -1;
  private offs: Int32Array<ArrayBufferLike> = new Int32Array(1);
  private offsValid = 0;

  /** Rows that are memos, ascending, with their columns. */
  protected readonly memos = new MemoList();

  /**
   * The sizes column is rebuilt at every commit (Metakit's SetBuffer), so its byte map is kept here,
   * from edits of the item lengths at the stored width, and handed to the rebuilt column when the
   * width stayed the same.
   */
  protected readonly sizesTrack = new Col();
  protected sizesTrackWidth = 0;

  get isString(): boolean {
    return this.field.type === 'S';
  }

  define(rows: number, group: ColumnGroup | null): void {
    if (!group || group.kind !== 'bytes') return;
    this.storedGroup = group;
    this.data = Col.tracked(group.data);
    this.sizes = Col.tracked(group.sizes);
    this.memoWalk = Col.of(group.memo);
    const ctx = this.seq.ctx;
    // Metakit reads the sizes and the memo walk when it defines the property: through an aside that
    // is a load, which marks those columns dirty.
    if (this.data.size > 0 && this.sizes.pos < 0) {
      const width = checkedWidth({ rows, size: this.sizes.size, kind: 'int', path: `${this.path} (sizes)` });
      this.sizesValues = decodeInts(loadColumn(ctx, this.sizes, 'sizes column', this.path), rows, width, ctx.littleEndian);
      this.sizesWidth = width;
    }
    this.sizesTrack.tracked = true;
    this.sizesTrack.map = this.sizes.map?.clone() ?? null;
    this.sizesTrackWidth = this.data.size > 0 ? Math.max(0, accessWidth(rows, this.sizes.size)) : 0;
    if (this.memoWalk.size > 0) {
      const walk = this.memoWalk.pos < 0
        ? loadColumn(ctx, this.memoWalk, 'memo walk', this.path)
        : ctx.src.column(this.memoWalk.ref, 'memo walk', this.path);
      this.memoWalkBytes = walk;
      const c = new ByteCursor(walk, 0, walk.length, -1, 'memo walk');
      let row = -1;
      while (!c.atEnd) {
        row += 1 + c.count('memo row skip');
        this.memos.push(row, { col: Col.of(readColumnRef(c)), bytes: null });
      }
    }
  }

  // ---- reading ---------------------------------------------------------------------------------

  /**
   * Stored item bytes (S including its NUL; empty items are empty). `dropLast` leaves out the last
   * byte (a string's NUL) here rather than by a subarray of the result: a subarray of a small copied
   * item makes V8 give it a buffer of its own, a malloc and a free per cell in a scan.
   */
  item(row: number, dropLast = false): Uint8Array {
    const m = this.memoIndex(row);
    const cut = dropLast ? 1 : 0;
    if (m >= 0) {
      const b = this.memoContent(this.memos.at(m));
      return cut && b.length > 0 ? b.subarray(0, b.length - 1) : b;
    }
    if (this.lens) {
      const len = this.lens.get(row);
      if (len === 0) return EMPTY;
      this.touchData();
      return (this.bytes as GapBuffer<Uint8Array>).slice(this.offset(row), len - cut);
    }
    const col = this.storedColumn();
    const start = col.offsets[row] as number;
    const end = col.offsets[row + 1] as number;
    if (end === start) return EMPTY;
    this.touchData();
    return col.data.subarray(start, end - cut);
  }

  itemSize(row: number): number {
    const m = this.memoIndex(row);
    if (m >= 0) return this.memos.at(m).col.size;
    return this.inlineLen(row);
  }


  // ---- internals -------------------------------------------------------------------------------

  protected isMemo(length: number, rows: number): boolean {
    const policy = this.seq.ctx.memoPolicy;
    return policy ? policy.isMemo(length, rows) : shouldBeMemo(length, rows);
  }

  protected memoIndex(row: number): number {
    return this.memos.index(row);
  }

  protected memoContent(memo: Memo): Uint8Array {
    if (!memo.bytes) memo.bytes = memo.col.size === 0 ? EMPTY : loadColumn(this.seq.ctx, memo.col, 'memo', this.path);
    return memo.bytes;
  }

  /** Metakit loads the data column on the first access of a non-empty item or an edit. */
  protected touchData(): void {
    if (this.data.pos < 0) {
      const id = ~this.data.pos;
      const diffs = this.seq.ctx.diffs;
      if (diffs && id < diffs.count) adoptDiff(diffs, this.data, this.bytes ? this.bytes.toArray() : this.storedColumn().data);
    }
  }

  private storedColumn(): BytesColumn {
    if (!this.stored) {
      const g = this.storedGroup;
      if (!g || g.kind !== 'bytes') {
        this.stored = { rows: this.rows, data: EMPTY, offsets: new Int32Array(this.rows + 1), memos: null };
      } else {
        // Inline items only: memo rows are handled by this handler's own memo list.
        this.stored = decodeBytesGroup(this.seq.ctx.src, { data: g.data, sizes: g.sizes, memo: { size: 0, pos: 0 } }, this.rows, this.isString, this.path);
      }
    }
    return this.stored;
  }

  protected materialize(): void {
    if (this.lens) return;
    const g = this.storedGroup;
    if (!this.stored && g && g.kind === 'bytes' && g.data.size > 0) {
      // The first edit of a column never read: its data is read into an array of our own and adopted
      // by the gap buffer, and its sizes decode straight into the lengths (offsets follow lazily). For
      // 1M rows that is one pass over the bytes instead of a cached read, a copy and an offsets array.
      // Like storedColumn(), this reads through the aside without touching the data column's state.
      const src = this.seq.ctx.src;
      const spare = spareRows(this.rows);
      const data = src.ownColumn(g.data, 'data column', this.path, spare * 32);
      this.lens = new IntBuffer(decodeItemLengths(src, g, data, this.rows, this.isString, this.path, spare), this.rows);
      this.lensMax = -1;
      this.bytes = new ByteBuffer(new Uint8Array(data.buffer, data.byteOffset, data.buffer.byteLength - data.byteOffset), data.length);
      this.offs = new Int32Array(1);
      this.offsValid = 0;
      return;
    }
    const col = this.storedColumn();
    const rows = col.rows;
    const lens = new Int32Array(rows);
    let max = 0;
    for (let r = 0; r < rows; r++) {
      const n = (col.offsets[r + 1] as number) - (col.offsets[r] as number);
      lens[r] = n;
      if (n > max) max = n;
    }
    this.lens = new IntBuffer(lens, rows);
    this.lensMax = max;
    this.bytes = new ByteBuffer(col.data);
    // storedColumn()'s offsets are this handler's own (decoded for it, not cached): kept, not copied.
    this.offs = col.offsets;
    this.offsValid = rows;
    this.stored = null;
  }

  protected inlineLen(row: number): number {
    if (this.lens) return this.lens.get(row);
    const col = this.storedColumn();
    return (col.offsets[row + 1] as number) - (col.offsets[row] as number);
  }

  protected invalidateOffsets(row: number): void {
    if (row < this.offsValid) this.offsValid = Math.max(0, row);
  }

  /** Start of row `row`'s inline bytes (prefix sums kept valid lazily). */
  protected offset(row: number): number {
    const lens = this.lens as GapBuffer<Int32Array>;
    if (row <= this.offsValid) return this.offs[row] as number;
    if (this.offs.length < lens.length + 1) {
      const next = new Int32Array(Math.max(lens.length + 1, this.offs.length * 2));
      next.set(this.offs.subarray(0, this.offsValid + 1));
      this.offs = next;
    }
    let acc = this.offs[this.offsValid] as number;
    for (let r = this.offsValid; r < row; r++) {
      acc += lens.get(r);
      this.offs[r + 1] = acc;
    }
    this.offsValid = row;
    return acc;
  }

  protected inlineBytes(): Uint8Array {
    if (this.bytes) return this.bytes.toArray();
    return this.storedColumn().data;
  }
}
