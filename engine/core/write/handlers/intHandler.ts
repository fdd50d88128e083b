/**
 * I and F properties: c4_ColOfInts with its sticky width. The width only grows (re-packing the
 * column), and exactly the edits that touch bytes make the column dirty: setting 0 into a width-0
 * column, inserting zero rows into it, or deleting trailing rows of a sub-byte column whose byte size
 * stays the same change nothing.
 */
import { bitsNeeded, checkedWidth, decodeInts, encodeInts, hostLittleEndian, naturalSize, storedSize, type IntWidth } from '../../read/columns/ints.js';
import type { ColumnGroup } from '../../read/walk.js';
import { Col } from '../col.js';
import { loadColumn } from '../model.js';
import type { SaveContext } from '../saveContext.js';
import { IntBuffer, spareRows, type GapBuffer } from './gapBuffer.js';
import { Handler } from './handler.js';
import { encodeRowRange, intResizeEdit, intSetEdit } from './intEdits.js';

/**
 * Values from column bytes the caller owns: 32-bit columns in host order are viewed in place,
 * including the spare room that follows them in their buffer.
 */
function ownInts(bytes: Uint8Array, rows: number, width: IntWidth, littleEndian: boolean): Int32Array {
  if (width === 32 && littleEndian === hostLittleEndian && bytes.byteOffset % 4 === 0) {
    return new Int32Array(bytes.buffer, bytes.byteOffset, Math.floor((bytes.buffer.byteLength - bytes.byteOffset) / 4));
  }
  return decodeInts(bytes, rows, width, littleEndian);
}

export class IntHandler extends Handler {
  col = new Col();
  width: IntWidth = 0;
  /** In-memory values once loaded for editing. */
  private edited: GapBuffer<Int32Array> | null = null;
  /** Decoded committed values (read-only use). */
  private stored: Int32Array | null = null;

  define(rows: number, group: ColumnGroup | null): void {
    if (!group || group.kind !== 'value') return;
    this.col = Col.tracked(group.col);
    this.width = rows > 0 ? checkedWidth({ rows, size: this.col.size, kind: 'int', path: this.path }) : 0;
  }

  get(row: number): number {
    if (this.edited) return this.edited.get(row);
    if (this.width === 0) return 0;
    if (this.col.pos < 0) return this.materialize().get(row);
    return this.storedValues()[row] as number;
  }

  /** All values (a copy-free view when possible; do not modify). */
  values(): Int32Array {
    if (this.edited) return this.edited.toArray();
    if (this.width === 0) return new Int32Array(this.rows);
    if (this.col.pos < 0) return this.materialize().toArray();
    return this.storedValues();
  }

  set(row: number, value: number): void {
    if (this.width === 0 && value === 0) return;
    const edited = this.materialize();
    const need = bitsNeeded(value);
    if (need > this.width) {
      const end = naturalSize(this.rows, need);
      if (end > this.col.size) this.col.size = end;
      this.width = need;
      // Re-packed at the new width: every byte may change.
      this.col.map = null;
    } else intSetEdit(this.col, this.width, row);
    edited.set(row, value);
    this.col.dirty = true;
  }

  override appendFast(value: unknown, row: number): boolean {
    const edited = this.edited;
    if (!edited) return false;
    const v = value === undefined ? 0 : (value as number);
    const w = this.width;
    // insertRows(row, 1): the entry goes in as v directly (set would overwrite the 0); the byte map of
    // delta asides sees the same edits as on the general path
    edited.insert(row, 1, v);
    intResizeEdit(this.col, w, row, 1);
    if (w >= 8) this.col.size += w / 8;
    else if (w > 0) this.col.size = naturalSize(row + 1, w);
    if (w > 0) this.col.dirty = true;
    // set(row, v): nothing for 0 in a width-0 column
    if (value === undefined || (w === 0 && v === 0)) return true;
    const need = bitsNeeded(v);
    if (need > w) {
      const end = naturalSize(row + 1, need);
      if (end > this.col.size) this.col.size = end;
      this.width = need;
      this.col.map = null;
    } else intSetEdit(this.col, w, row);
    this.col.dirty = true;
    return true;
  }

  insertRows(row: number, count: number): void {
    const edited = this.materializeIfStored();
    edited?.insert(row, count, 0);
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
    const edited = this.materializeIfStored();
    edited?.remove(row, count);
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
    // 32-bit values in the file's byte order are the column already: write a view, not a copy.
    if (this.width === 32 && this.seq.ctx.littleEndian === hostLittleEndian) return new Uint8Array(values.buffer, values.byteOffset, this.rows * 4);
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
    if (this.edited) return this.edited;
    let values: Int32Array;
    const ctx = this.seq.ctx;
    if (this.width === 0 || this.col.size === 0) values = new Int32Array(this.rows);
    else if (this.col.pos < 0) values = ownInts(loadColumn(ctx, this.col, 'int column', this.path), this.rows, this.width, ctx.littleEndian);
    // decodeInts always returns a fresh array: the decoded values are adopted as they are.
    else if (this.stored) values = this.stored;
    else values = ownInts(ctx.src.ownColumn(this.col.ref, 'int column', this.path, spareRows(this.rows) * 4), this.rows, this.width, ctx.littleEndian);
    // Adopted, not copied: loading a column for its first edit touches its bytes once.
    this.edited = new IntBuffer(values, this.rows);
    this.stored = null;
    return this.edited;
  }

  /** Edits of width-0 columns need no buffer until a non-zero value arrives. */
  private materializeIfStored(): GapBuffer<Int32Array> | null {
    if (this.edited) return this.edited;
    if (this.width === 0) return null;
    return this.materialize();
  }
}
