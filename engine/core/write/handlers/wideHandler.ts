/**
 * L and D properties: fixed 64-bit columns (c4_FormatL / c4_FormatD). Every edit touches bytes, so
 * every edit makes the column dirty; a property added to a view with rows starts as rows×8 zeros.
 */
import { MetakitError } from '../../base/errors.js';
import { decodeDoubles, decodeLongs, encodeDoubles, encodeLongs, hostLittleEndian } from '../../read/columns/ints.js';
import type { ColumnGroup } from '../../read/walk.js';
import { Col } from '../col.js';
import { loadColumn } from '../model.js';
import type { SaveContext } from '../saveContext.js';
import { DoubleBuffer, LongBuffer, spareRows, type GapBuffer } from './gapBuffer.js';
import { Handler } from './handler.js';

abstract class WideHandler<T extends Float64Array | BigInt64Array> extends Handler {
  col = new Col();
  protected edited: GapBuffer<T> | null = null;
  protected stored: T | null = null;

  protected abstract decode(bytes: Uint8Array, rows: number): T;
  protected abstract empty(rows: number): T;
  protected abstract zero(): T extends BigInt64Array ? bigint : number;
  /** Adopts `values` (rows elements, then room to grow). */
  protected abstract bufferOf(values: T, rows: number): GapBuffer<T>;
  /** Values viewed in place over `bytes` and the spare room after them, when the byte order allows. */
  protected abstract withRoom(bytes: Uint8Array): T;
  protected abstract encodeValues(values: T, rows: number): Uint8Array;

  define(rows: number, group: ColumnGroup | null): void {
    if (group) {
      if (group.kind !== 'value') return;
      this.col = Col.tracked(group.col);
      if (this.col.size !== rows * 8) {
        throw new MetakitError('BAD_WIDTH', `expected a 64-bit column of ${rows} rows to hold ${rows * 8} bytes, but it holds ${this.col.size}`, { path: this.path });
      }
      return;
    }
    if (rows > 0) {
      // A new 64-bit property of a view with rows is filled with zeros right away (dirty).
      this.edited = this.bufferOf(this.empty(rows), rows);
      this.col.reset(rows * 8);
    }
  }

  protected values(): T {
    if (this.edited) return this.edited.toArray();
    if (this.col.pos < 0) return this.materialize().toArray();
    if (!this.stored) {
      this.stored = this.col.size === 0 ? this.empty(0) : this.decode(this.seq.ctx.src.column(this.col.ref, '64-bit column', this.path), this.rows);
    }
    return this.stored;
  }

  protected materialize(): GapBuffer<T> {
    if (this.edited) return this.edited;
    let values: T;
    if (this.col.pos < 0) values = this.decode(loadColumn(this.seq.ctx, this.col, '64-bit column', this.path), this.rows);
    // stored values may view the (shared) cached bytes: copied.
    else if (this.stored) values = this.stored.slice() as T;
    else if (this.col.size === 0) values = this.empty(0);
    // Bytes of our own, viewed in place when the byte order allows: the first edit reads the column
    // once and copies nothing.
    else values = this.withRoom(this.seq.ctx.src.ownColumn(this.col.ref, '64-bit column', this.path, spareRows(this.rows) * 8));
    this.edited = this.bufferOf(values, this.rows);
    this.stored = null;
    return this.edited;
  }

  protected setValue(row: number, v: T extends BigInt64Array ? bigint : number): void {
    this.materialize().set(row, v);
    this.col.edit(row * 8, 8, 8);
    this.col.dirty = true;
  }

  override appendFast(value: unknown, row: number): boolean {
    const edited = this.edited;
    if (!edited) return false;
    // insertRows(row, 1) with the value in place of the zero that set() would overwrite; the byte map
    // of delta asides sees the same edits as on the general path
    edited.insert(row, 1, value === undefined ? this.zero() : (value as T extends BigInt64Array ? bigint : number));
    this.col.edit(row * 8, 0, 8);
    if (value !== undefined) this.col.edit(row * 8, 8, 8);
    this.col.size += 8;
    this.col.dirty = true;
    return true;
  }

  insertRows(row: number, count: number): void {
    this.materialize().insert(row, count, this.zero());
    this.col.edit(row * 8, 0, count * 8);
    this.col.size += count * 8;
    this.col.dirty = true;
  }

  removeRows(row: number, count: number): void {
    this.materialize().remove(row, count);
    this.col.edit(row * 8, count * 8, 0);
    this.col.size -= count * 8;
    this.col.dirty = true;
  }

  commit(sc: SaveContext): void {
    sc.commitColumn(this.col, () => this.encoded(), (a, b) => this.encodeRange(a, b));
  }

  /**
   * The column's bytes. In the file's byte order the values' own memory already is the column: a view
   * of it is written instead of a re-encoded copy (8 MB less to allocate, fill and fault in per 1M
   * rows). Pass 2 writes it before anything can edit the values again. It also keeps NaN payloads
   * bit for bit.
   */
  private encoded(): Uint8Array {
    const values = this.values();
    if (this.seq.ctx.littleEndian === hostLittleEndian) return new Uint8Array(values.buffer, values.byteOffset, this.rows * 8);
    return this.encodeValues(values, this.rows);
  }

  /** Bytes [start, end) of the encoded column, encoding only the rows they touch. */
  private encodeRange(start: number, end: number): Uint8Array {
    const r0 = Math.floor(start / 8);
    const r1 = Math.ceil(end / 8);
    return this.encodeValues(this.values().subarray(r0, r1) as T, r1 - r0).subarray(start - r0 * 8, end - r0 * 8);
  }
}

export class DoubleHandler extends WideHandler<Float64Array> {
  protected decode(bytes: Uint8Array, rows: number): Float64Array {
    return decodeDoubles(bytes, rows, this.seq.ctx.littleEndian);
  }
  protected empty(rows: number): Float64Array {
    return new Float64Array(rows);
  }
  protected zero(): number {
    return 0;
  }
  protected bufferOf(values: Float64Array, rows: number): GapBuffer<Float64Array> {
    return new DoubleBuffer(values, rows);
  }
  protected withRoom(bytes: Uint8Array): Float64Array {
    if (this.seq.ctx.littleEndian !== hostLittleEndian || bytes.byteOffset % 8 !== 0) return this.decode(bytes, this.rows);
    return new Float64Array(bytes.buffer, bytes.byteOffset, Math.floor((bytes.buffer.byteLength - bytes.byteOffset) / 8));
  }
  protected encodeValues(values: Float64Array, rows: number): Uint8Array {
    return encodeDoubles(values, rows, this.seq.ctx.littleEndian);
  }
  get(row: number): number {
    return this.edited ? this.edited.get(row) : (this.values()[row] as number);
  }
  all(): Float64Array {
    return this.values();
  }
  set(row: number, v: number): void {
    this.setValue(row, v);
  }
}

export class LongHandler extends WideHandler<BigInt64Array> {
  protected decode(bytes: Uint8Array, rows: number): BigInt64Array {
    return decodeLongs(bytes, rows, this.seq.ctx.littleEndian);
  }
  protected empty(rows: number): BigInt64Array {
    return new BigInt64Array(rows);
  }
  protected zero(): bigint {
    return 0n;
  }
  protected bufferOf(values: BigInt64Array, rows: number): GapBuffer<BigInt64Array> {
    return new LongBuffer(values, rows);
  }
  protected withRoom(bytes: Uint8Array): BigInt64Array {
    if (this.seq.ctx.littleEndian !== hostLittleEndian || bytes.byteOffset % 8 !== 0) return this.decode(bytes, this.rows);
    return new BigInt64Array(bytes.buffer, bytes.byteOffset, Math.floor((bytes.buffer.byteLength - bytes.byteOffset) / 8));
  }
  protected encodeValues(values: BigInt64Array, rows: number): Uint8Array {
    return encodeLongs(values, rows, this.seq.ctx.littleEndian);
  }
  get(row: number): bigint {
    return this.edited ? this.edited.get(row) : (this.values()[row] as bigint);
  }
  all(): BigInt64Array {
    return this.values();
  }
  set(row: number, v: bigint): void {
    this.setValue(row, v);
  }
}
