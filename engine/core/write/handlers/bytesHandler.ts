/**
 * S and B properties (c4_FormatB / c4_FormatS): editing and committing. Edits touch the data or a memo
 * column exactly as Metakit's SetOne/Insert/Remove do; a commit re-decides memos ("full" commit)
 * whenever the property changed or holds memos, rebuilding sizes and memo walk. The state and its
 * reading are bytesItems.ts's.
 */
import { ByteSink } from '../../base/varint.js';
import { bitsNeeded, encodeInts, naturalSize, storedSize } from '../../read/columns/ints.js';
import { Col } from '../col.js';
import { loadColumn } from '../model.js';
import type { SaveContext } from '../saveContext.js';
import { ALWAYS_MEMO, BytesItems, EMPTY } from './bytesItems.js';
import type { GapBuffer } from './gapBuffer.js';
import { encodeRowRange, intResizeEdit, intSetEdit } from './intEdits.js';

export class BytesHandler extends BytesItems {
  // ---- editing ---------------------------------------------------------------------------------

  /** c4_FormatB::SetOne (S callers pass the bytes including the NUL, or empty for ""). */
  set(row: number, value: Uint8Array, ignoreMemos = false): void {
    const m = ignoreMemos ? -1 : this.memoIndex(row);
    if (m >= 0) {
      const memo = this.memos.at(m);
      if (value.length === 0 && memo.col.size === 0) return;
      this.memoContent(memo);
      memo.bytes = value.slice();
      memo.col.size = value.length;
      memo.col.dirty = true;
      this.recalc = true;
      return;
    }
    if (!ignoreMemos && value.length > ALWAYS_MEMO && this.isMemo(value.length, this.rows)) {
      this.setAsMemo(row, value);
      return;
    }
    const len = this.inlineLen(row);
    const n = value.length - len;
    if (n === 0 && value.length === 0) return;
    this.materialize();
    this.touchData();
    const bytes = this.bytes as GapBuffer<Uint8Array>;
    // The last row's bytes end the inline data (memo rows hold none), so appends need no prefix sums:
    // 1M appends then never build or grow the per-row offsets (4 bytes a row, rebuilt lazily on the
    // first random access instead).
    const start = row === this.rows - 1 ? bytes.length - len : this.offset(row);
    this.data.edit(start, len, value.length);
    if (n !== 0) intSetEdit(this.sizesTrack, this.sizesTrackWidth, row);
    if (len === 0) bytes.insertArray(start, value);
    else {
      if (n > 0) bytes.insert(start + len, n, 0);
      else if (n < 0) bytes.remove(start + value.length, -n);
      bytes.setRange(start, value);
    }
    const lens = this.lens as GapBuffer<Int32Array>;
    if (this.lensMax >= 0) {
      if (value.length >= this.lensMax) this.lensMax = value.length;
      else if (lens.get(row) === this.lensMax) this.lensMax = -1;
    }
    lens.set(row, value.length);
    if (n !== 0) this.invalidateOffsets(row);
    this.data.size += n;
    this.data.dirty = true;
    this.recalc = true;
  }

  /**
   * An item longer than ALWAYS_MEMO bytes becomes a memo at the next commit whatever the row count
   * (shouldBeMemo), so it goes there at once. The commit then finds what Metakit's store-inline-then-
   * extract leaves (data column dirty and without the item, a new dirty memo column with it) and writes
   * the same bytes — without copying the item into the inline data, growing that, and copying it out
   * again. For aside commits, whose diffs are whole columns, that is three copies of every column.
   */
  private setAsMemo(row: number, value: Uint8Array): void {
    this.materialize();
    this.touchData();
    const len = this.inlineLen(row);
    if (len > 0) {
      const bytes = this.bytes as GapBuffer<Uint8Array>;
      const lens = this.lens as GapBuffer<Int32Array>;
      const start = row === this.rows - 1 ? bytes.length - len : this.offset(row);
      // The edits the two sets of the general path make, net: the old inline bytes go.
      this.data.edit(start, len, 0);
      bytes.remove(start, len);
      if (this.lensMax >= 0 && lens.get(row) === this.lensMax) this.lensMax = -1;
      lens.set(row, 0);
      this.invalidateOffsets(row);
      this.data.size -= len;
    }
    intSetEdit(this.sizesTrack, this.sizesTrackWidth, row);
    this.data.dirty = true;
    this.memos.add(row, { col: new Col(0, value.length, true), bytes: value.slice() });
    this.recalc = true;
  }

  override appendFast(value: unknown, row: number): boolean {
    const lens = this.lens;
    if (!lens) return false;
    const n = value === undefined ? 0 : typeof value === 'string' ? value.length + 1 : (value as Uint8Array).length;
    // Long items take set()'s memo path: the general path handles them.
    if (n > ALWAYS_MEMO) return false;
    // insertRows(row, 1): memo rows all lie before the new last row, none shifts (the byte maps of
    // delta asides see the same edits as on the general path)
    lens.insert(row, 1, n);
    intResizeEdit(this.sizesTrack, this.sizesTrackWidth, row, 1);
    this.invalidateOffsets(row);
    this.recalc = true;
    // set(row, value): nothing for an empty item; else its bytes end the inline data
    if (n === 0) return true;
    this.touchData();
    const bytes = this.bytes as GapBuffer<Uint8Array>;
    this.data.edit(bytes.length, 0, n);
    intSetEdit(this.sizesTrack, this.sizesTrackWidth, row);
    if (this.lensMax >= 0 && n > this.lensMax) this.lensMax = n;
    if (typeof value === 'string') {
      const at = bytes.insertUninitialized(bytes.length, n);
      const out = bytes.storage;
      for (let k = 0; k < n - 1; k++) out[at + k] = value.charCodeAt(k);
      out[at + n - 1] = 0;
    } else bytes.insertArray(bytes.length, value as Uint8Array);
    this.data.size += n;
    this.data.dirty = true;
    return true;
  }

  insertRows(row: number, count: number): void {
    this.materialize();
    (this.lens as GapBuffer<Int32Array>).insert(row, count, 0);
    intResizeEdit(this.sizesTrack, this.sizesTrackWidth, row, count);
    this.invalidateOffsets(row);
    this.memos.shift(row, count);
    this.recalc = true;
  }

  removeRows(row: number, count: number): void {
    this.materialize();
    const start = this.offset(row);
    const end = this.offset(row + count);
    const lens = this.lens as GapBuffer<Int32Array>;
    for (let r = row; r < row + count && this.lensMax >= 0; r++) if (lens.get(r) === this.lensMax) this.lensMax = -1;
    lens.remove(row, count);
    intResizeEdit(this.sizesTrack, this.sizesTrackWidth, row, -count);
    if (end > start) {
      this.touchData();
      this.data.edit(start, end - start, 0);
      (this.bytes as GapBuffer<Uint8Array>).remove(start, end - start);
      this.data.size -= end - start;
      this.data.dirty = true;
    }
    this.invalidateOffsets(row);
    this.memos.removeRange(row, count);
    this.recalc = true;
  }

  // ---- commit ----------------------------------------------------------------------------------

  commit(sc: SaveContext): void {
    const rows = this.rows;
    const policy = this.seq.ctx.memoPolicy;
    const full = this.recalc || sc.fullScan || (this.memos.length > 0 && (policy?.recommitMemos ?? true));
    if (full) {
      this.recommit(sc, rows);
      this.keepSizesMap();
    }
    sc.commitColumn(this.data, () => this.inlineBytes());
    if (this.data.size > 0) {
      const need = storedSize(rows, this.sizesWidth);
      if (this.sizesValues && need !== this.sizes.size) {
        this.sizes.size = need;
        this.sizes.dirty = true;
      }
      const values = this.sizesValues;
      const width = this.sizesWidth;
      const range = values && width >= 8 ? (start: number, end: number) => encodeRowRange(values, width / 8, start, end, (v, n) => encodeInts(v, n, width, this.seq.ctx.littleEndian)) : undefined;
      sc.commitColumn(this.sizes, () => this.sizesBytes(), range);
    }
    sc.commitColumn(this.memoWalk, () => this.memoWalkBytes ?? EMPTY);
    if (this.recalc && !sc.fullScan) {
      this.recalc = (this.sizes.size > 0 && this.sizes.dirty) || (this.memoWalk.size > 0 && this.memoWalk.dirty);
    }
  }

  /** Re-decides every memo and rebuilds sizes and memo walk (the "full" part of c4_FormatB::Commit). */
  private recommit(sc: SaveContext, rows: number): void {
    this.materialize();
    this.memoWalk.reset(0);
    this.sizes.reset(0);
    this.sizesWidth = 0;
    if (this.memos.length === 0 && this.recommitWithoutMemos(rows)) return;
    const sizes = new Int32Array(rows);
    const walk = new ByteSink();
    const saved = sc.setWalk(walk);
    let skip = 0;
    for (let r = 0; r < rows; r++) {
      ++skip;
      let m = this.memoIndex(r);
      const len = m >= 0 ? this.memos.at(m).col.size : this.inlineLen(r);
      const oldMemo = m >= 0;
      const newMemo = this.isMemo(len, rows);
      if (!oldMemo && newMemo) m = this.makeMemo(r, len);
      if (newMemo) {
        walk.varint(skip - 1);
        skip = 0;
        const memo = this.memos.at(m);
        sc.commitColumn(memo.col, () => this.memoContent(memo));
        this.set(r, EMPTY, true);
        continue;
      }
      if (!oldMemo) {
        this.setSize(sizes, r, len);
        continue;
      }
      let temp: Uint8Array = EMPTY;
      if (len > 0) {
        this.setSize(sizes, r, len);
        temp = this.memoContent(this.memos.at(m));
        this.memos.removeAt(m);
      }
      this.set(r, temp, true);
    }
    sc.setWalk(saved);
    this.sizesValues = sizes;
    this.memoWalkBytes = walk.bytes();
    this.memoWalk.size = walk.length;
  }

  /**
   * The common case in one pass: no memo exists and no item is long enough to become one, so the
   * sizes are the inline lengths and the memo walk stays empty.
   */
  private recommitWithoutMemos(rows: number): boolean {
    const lens = (this.lens as GapBuffer<Int32Array>).toArray();
    if (this.lensMax < 0) {
      let max = 0;
      for (let r = 0; r < rows; r++) {
        const n = lens[r] as number;
        if (n > max) max = n;
      }
      this.lensMax = max;
    }
    const max = this.lensMax;
    if (this.isMemo(max, rows) || max > 100) return false;
    const width = bitsNeeded(max);
    this.sizesWidth = width;
    this.sizes.size = width === 0 ? 0 : naturalSize(rows, width);
    // A view, not a copy (4 MB per 1M rows): it is encoded in this same commit, and every edit of
    // the lengths sets `recalc`, so the next commit rebuilds it before it could be read stale.
    this.sizesValues = lens.subarray(0, rows);
    this.memoWalkBytes = EMPTY;
    this.memoWalk.size = 0;
    return true;
  }

  /** c4_ColOfInts::SetInt on the rebuilt sizes column: width grows, byte size follows. */
  private setSize(sizes: Int32Array, row: number, value: number): void {
    if (value === 0 && this.sizesWidth === 0) return;
    const need = bitsNeeded(value);
    if (need > this.sizesWidth) {
      const end = naturalSize(sizes.length, need);
      if (end > this.sizes.size) this.sizes.size = end;
      this.sizesWidth = need;
    }
    sizes[row] = value;
  }

  /** c4_FormatB::GetNthMemoCol(row, true): a memo column for an inline item. */
  private makeMemo(row: number, len: number): number {
    const start = this.offset(row);
    const content = len > 0 ? (this.bytes as GapBuffer<Uint8Array>).slice(start, len) : EMPTY;
    // An unmodified data column lets the memo point into it in place (no copy is written).
    const col = !this.data.dirty && this.data.pos > 0 && len > 0 ? new Col(this.data.pos + start, len, false) : new Col(0, len, len > 0);
    return this.memos.add(row, { col, bytes: content });
  }

  // ---- internals -------------------------------------------------------------------------------

  /** The rebuilt sizes column takes the kept map when it has the width the map was kept at. */
  private keepSizesMap(): void {
    const map = this.sizesTrack.map;
    if (this.sizesWidth !== this.sizesTrackWidth) this.sizesTrack.map = null;
    else if (map && map.length === this.sizes.size) this.sizes.map = map.clone();
  }

  private sizesBytes(): Uint8Array {
    if (this.sizesValues) return encodeInts(this.sizesValues, this.rows, this.sizesWidth, this.seq.ctx.littleEndian);
    return loadColumn(this.seq.ctx, this.sizes, 'sizes column', this.path);
  }
}
