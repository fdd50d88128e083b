/**
 * I and F properties: c4_ColOfInts with its sticky width. The width only grows (re-packing the
 * column), and exactly the edits that touch bytes make the column dirty: setting 0 into a width-0
 * column, inserting zero rows into it, or deleting trailing rows of a sub-byte column whose byte size
 * stays the same change nothing.
 */
import { bitsNeeded, checkedWidth, decodeInts, encodeInts, naturalSize, storedSize, type IntWidth } from '../columns/ints.js';
import type { ColumnGroup } from '../walk.js';
import { Col } from './col.js';
import { IntBuffer, type GapBuffer } from './gapBuffer.js';
import { Handler } from './handler.js';
import { encodeRowRange, intResizeEdit, intSetEdit } from './intEdits.js';
import { loadColumn } from './model.js';
import type { SaveContext } from './saveContext.js';

export class IntHandler extends Handler {
  col = new Col();
  width: IntWidth = 0;
  /** In-memory values once loaded or edited. */
  private live: GapBuffer<Int32Array> | null = null;
  /** Decoded committed values (read-only use). */
  private stored: Int32Array | null = null;

  define(rows: number, group: ColumnGroup | null): void {
    if (!group || group.kind !== 'value') return;
    this.col = Col.tracked(group.col);
    this.width = rows > 0 ? checkedWidth({ rows, size: this.col.size, kind: 'int', path: this.path }) : 0;
  }

  get(row: number): number {
    if (this.live) return this.live.get(row);
    if (this.width === 0) return 0;
    if (this.col.pos < 0) return this.materialize().get(row);
    return this.storedValues()[row] as number;
  }

  /** All values (a copy-free view when possible; do not modify). */
  values(): Int32Array {
    if (this.live) return this.live.toArray();
    if (this.width === 0) return new Int32Array(this.rows);
    if (this.col.pos < 0) return this.materialize().toArray();
    return this.storedValues();
  }

  set(row: number, value: number): void {
    if (this.width === 0 && value === 0) return;
    const live = this.materialize();
    const need = bitsNeeded(value);
    if (need > this.width) {
      const end = naturalSize(this.rows, need);
      if (end > this.col.size) this.col.size = end;
      this.width = need;
      // Re-packed at the new width: every byte may change.
      this.col.map = null;
    } else intSetEdit(this.col, this.width, row);
    live.set(row, value);
    this.col.dirty = true;
  }

  insertRows(row: number, count: number): void {
    const live = this.materializeIfStored();
    live?.insert(row, count, 0);
    const w = this.width;
    intResizeEdit(this.col, w, row, count);
    const rows = this.rows + count;
    if (w >= 8) {
      this.col.size += (count * w) / 8;
      this.col.dirty = true;
    } else if (w > 0) {
      this.col.size = naturalSize(rows, w);
      this.col.dirty = true;
    }
  }

  removeRows(row: number, count: number): void {
    const live = this.materializeIfStored();
    live?.remove(row, count);
    const w = this.width;
    intResizeEdit(this.col, w, row, -count);
    const rows = this.rows - count;
    if (w >= 8) {
      this.col.size -= (count * w) / 8;
      this.col.dirty = true;
    } else if (w > 0) {
      // Metakit shifts the following entries down one by one (each a write), then trims to size.
      if (row < rows) this.col.dirty = true;
      const size = naturalSize(rows, w);
      if (size !== this.col.size) {
        this.col.size = size;
        this.col.dirty = true;
      }
    }
  }

  commit(sc: SaveContext): void {
    const need = storedSize(this.rows, this.width);
    if (need !== this.col.size) {
      this.materialize();
      this.col.size = need;
      this.col.dirty = true;
    }
    sc.commitColumn(this.col, () => this.encode(), this.width >= 8 ? (a, b) => this.encodeRange(a, b) : undefined);
  }

  encode(): Uint8Array {
    const values = this.values();
    return encodeInts(values, this.rows, this.width, this.seq.ctx.littleEndian);
  }

  /** Bytes [start, end) of the encoded column (widths of 8 bits and more). */
  private encodeRange(start: number, end: number): Uint8Array {
    return encodeRowRange(this.values(), this.width / 8, start, end, (v, n) => encodeInts(v, n, this.width, this.seq.ctx.littleEndian));
  }

  private storedValues(): Int32Array {
    if (!this.stored) {
      const bytes = this.seq.ctx.src.column(this.col.ref, 'int column', this.path);
      this.stored = decodeInts(bytes, this.rows, this.width, this.seq.ctx.littleEndian);
    }
    return this.stored;
  }

  /** Loads the values into an editable buffer (a diff column turns dirty here, as in Metakit). */
  private materialize(): GapBuffer<Int32Array> {
    if (this.live) return this.live;
    let values: Int32Array;
    if (this.width === 0 || this.col.size === 0) values = new Int32Array(this.rows);
    else if (this.col.pos < 0) values = decodeInts(loadColumn(this.seq.ctx, this.col, 'int column', this.path), this.rows, this.width, this.seq.ctx.littleEndian);
    else values = this.storedValues().slice();
    this.live = new IntBuffer(values);
    this.stored = null;
    return this.live;
  }

  /** Edits of width-0 columns need no buffer until a non-zero value arrives. */
  private materializeIfStored(): GapBuffer<Int32Array> | null {
    if (this.live) return this.live;
    if (this.width === 0) return null;
    return this.materialize();
  }
}
