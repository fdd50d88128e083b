/**
 * The public face of a view in a writable storage: the same reading methods as the read-only View,
 * plus append/insert/set/delete. Every write is checked against the storage's mode and validated
 * before any column changes.
 */
import { floatFromBits } from '../base/format.js';
import { cellByType, decodeUtf8, type ReadableView } from '../read/readable.js';
import { describeFields, findField, type Field, type PropType } from '../read/structure.js';
import { BytesHandler } from './handlers/bytesHandler.js';
import type { Handler } from './handlers/handler.js';
import { IntHandler } from './handlers/intHandler.js';
import { type Seq, SubviewHandler } from './handlers/seq.js';
import { DoubleHandler, LongHandler } from './handlers/wideHandler.js';
import { asciiStringBytes, toBytes, toDouble, toFloatBits, toInt, toLong, toStringValue } from './values.js';

export type RowValues = Readonly<Record<string, unknown>>;
export type WritableCell = string | number | bigint | Uint8Array | WritableView;

/** What a WritableView needs from its storage. */
export interface ViewOwner {
  assertWritable(): void;
}

export class WritableView implements ReadableView {
  /** Scratch for validated values between checking and storing (no per-row allocation). */
  private readonly pendingProps: number[] = [];
  private readonly pendingValues: unknown[] = [];
  /** Pending values by property index, for the append fast path. */
  private readonly slots: unknown[] = [];
  /** The keys of the last object given to prepare and their property indexes, for `fields`. */
  private keyFields: readonly Field[] | null = null;
  private readonly keyNames: string[] = [];
  private readonly keyProps: number[] = [];

  constructor(
    readonly owner: ViewOwner,
    readonly seq: Seq,
  ) {}

  get rowCount(): number {
    return this.seq.rows;
  }

  get fields(): readonly Field[] {
    return this.seq.fields;
  }

  get path(): string {
    return this.seq.path;
  }

  get description(): string {
    return describeFields(this.seq.fields);
  }

  propertyIndex(name: string): number {
    return findField(this.seq.fields, name);
  }

  typeOf(prop: number | string): PropType {
    return (this.seq.fields[this.index(prop)] as Field).type;
  }

  // ---- reading -----------------------------------------------------------------------------------

  get(row: number, prop: number | string): WritableCell {
    const p = this.index(prop);
    return cellByType(this, row, p, (this.seq.fields[p] as Field).type);
  }

  getInt(row: number, prop: number | string): number {
    return this.handlerOf(prop, IntHandler, row).get(row);
  }

  getFloat(row: number, prop: number | string): number {
    return floatFromBits(this.handlerOf(prop, IntHandler, row).get(row));
  }

  getDouble(row: number, prop: number | string): number {
    return this.handlerOf(prop, DoubleHandler, row).get(row);
  }

  getLong(row: number, prop: number | string): bigint {
    return this.handlerOf(prop, LongHandler, row).get(row);
  }

  getBytes(row: number, prop: number | string): Uint8Array {
    const h = this.handlerOf(prop, BytesHandler, row);
    return h.item(row, h.isString);
  }

  getSize(row: number, prop: number | string): number {
    const h = this.handlerOf(prop, BytesHandler, row);
    const n = h.itemSize(row);
    return h.isString && n > 0 ? n - 1 : n;
  }

  getString(row: number, prop: number | string): string {
    return decodeUtf8(this.getBytes(row, prop));
  }

  getView(row: number, prop: number | string): WritableView {
    return new WritableView(this.owner, this.handlerOf(prop, SubviewHandler, row).child(row));
  }

  getViewSize(row: number, prop: number | string): number {
    return this.handlerOf(prop, SubviewHandler, row).childRows(row);
  }

  ints(prop: number | string): Int32Array {
    return this.handlerOf(prop, IntHandler).values();
  }

  doubles(prop: number | string): Float64Array {
    return this.handlerOf(prop, DoubleHandler).all();
  }

  longs(prop: number | string): BigInt64Array {
    return this.handlerOf(prop, LongHandler).all();
  }

  // ---- writing -----------------------------------------------------------------------------------

  /** Appends one row (empty, then the given properties set in object order); returns its index. */
  append(values: RowValues = {}): number {
    this.owner.assertWritable();
    const n = this.prepare(values);
    const row = this.seq.rows;
    if (this.fillSlots(n)) {
      this.seq.appendRow(this.slots, this.setCell);
      return row;
    }
    this.seq.insertRows(row, 1);
    this.apply(row, n);
    return row;
  }

  /**
   * The pending values by property, for Seq.appendRow: false (general path) when a property is given
   * twice (two sets are not one) or a subview's rows are given (they are appended to the new row).
   */
  private fillSlots(n: number): boolean {
    const slots = this.slots;
    const fields = this.seq.fields;
    // A plain loop: Array#fill and setting .length both leave the JIT's code for the runtime.
    for (let p = 0; p < fields.length; p++) slots[p] = undefined;
    for (let k = 0; k < n; k++) {
      const p = this.pendingProps[k] as number;
      if (slots[p] !== undefined || (fields[p] as Field).type === 'V') return false;
      slots[p] = this.pendingValues[k];
    }
    return true;
  }

  /** Inserts `count` empty rows at `row`, then sets `values` in each of them. */
  insert(row: number, count = 1, values?: RowValues): void {
    this.owner.assertWritable();
    if (!Number.isInteger(row) || row < 0 || row > this.seq.rows) throw new RangeError(`insert position ${row} is outside 0..${this.seq.rows} for ${this.path}`);
    if (!Number.isInteger(count) || count < 0) throw new RangeError(`insert count ${count} is not a non-negative integer`);
    const n = values ? this.prepare(values) : 0;
    const props = this.pendingProps.slice(0, n);
    const vals = this.pendingValues.slice(0, n);
    this.seq.insertRows(row, count);
    for (let i = 0; i < count; i++) {
      for (let k = 0; k < n; k++) {
        this.pendingProps[k] = props[k] as number;
        this.pendingValues[k] = vals[k];
      }
      this.apply(row + i, n);
    }
  }

  delete(row: number, count = 1): void {
    this.owner.assertWritable();
    if (!Number.isInteger(row) || !Number.isInteger(count) || row < 0 || count < 0 || row + count > this.seq.rows) {
      throw new RangeError(`delete of rows ${row}..${row + count - 1} is outside 0..${this.seq.rows - 1} for ${this.path}`);
    }
    this.seq.removeRows(row, count);
  }

  setSize(rows: number): void {
    this.owner.assertWritable();
    if (!Number.isInteger(rows) || rows < 0) throw new RangeError(`view size ${rows} is not a non-negative integer`);
    this.seq.setSize(rows);
  }

  /**
   * Sets properties of one row in object order. A subview value (array of row objects) replaces the
   * subview's rows. Every value is validated before anything changes.
   */
  set(row: number, values: RowValues): void {
    this.owner.assertWritable();
    this.checkRow(row);
    this.apply(row, this.prepare(values));
  }

  setValue(row: number, prop: number | string, value: unknown): void {
    this.owner.assertWritable();
    this.checkRow(row);
    this.pendingProps[0] = this.index(prop);
    this.pendingValues[0] = this.convert(this.pendingProps[0], value);
    this.apply(row, 1);
  }

  /** Validates and converts values up front into the pending arrays; returns how many. */
  private prepare(values: RowValues): number {
    const fields = this.seq.fields;
    if (this.keyFields !== fields) {
      this.keyFields = fields;
      this.keyNames.length = 0;
    }
    let n = 0;
    for (const name in values) {
      let p: number;
      // Rows built by one loop have the same keys in the same order: an identity check on the
      // (interned) key replaces the case-insensitive field lookup, a third of append's own time.
      if (this.keyNames[n] === name) p = this.keyProps[n] as number;
      else {
        p = findField(fields, name);
        if (p < 0) throw new RangeError(`view ${this.path || '(root)'} has no property '${name}' (it has ${fields.map((f) => f.name).join(', ') || 'none'})`);
        this.keyNames[n] = name;
        this.keyProps[n] = p;
      }
      this.pendingProps[n] = p;
      this.pendingValues[n] = this.convert(p, values[name]);
      n++;
    }
    return n;
  }

  private convert(p: number, value: unknown): unknown {
    const f = (this.seq.handlers[p] as Handler).field;
    const path = this.path;
    switch (f.type) {
      case 'I': return toInt(f, path, value);
      case 'F': return toFloatBits(f, path, value);
      case 'D': return toDouble(f, path, value);
      case 'L': return toLong(f, path, value);
      case 'S': return toStringValue(f, path, value);
      case 'B': return toBytes(f, path, value);
      case 'V':
        if (!Array.isArray(value)) throw new TypeError(`subview ${path}.${f.name} takes an array of row objects`);
        return value;
    }
  }

  private apply(row: number, n: number): void {
    for (let k = 0; k < n; k++) {
      const p = this.pendingProps[k] as number;
      const v = this.pendingValues[k];
      const h = this.seq.handlers[p] as Handler;
      if (h.field.type !== 'V') {
        this.setCell(h, row, v);
        continue;
      }
      const sub = this.getView(row, p);
      sub.setSize(0);
      for (const r of v as RowValues[]) sub.append(r);
    }
  }

  /** Stores one converted value (not a subview's rows). */
  private readonly setCell = (h: Handler, row: number, v: unknown): void => {
    switch (h.field.type) {
      case 'I': case 'F': (h as IntHandler).set(row, v as number); break;
      case 'D': (h as DoubleHandler).set(row, v as number); break;
      case 'L': (h as LongHandler).set(row, v as bigint); break;
      // A string here is ASCII without NUL (toStringValue): appends write it in place, other sets
      // take its bytes.
      case 'S': (h as BytesHandler).set(row, typeof v === 'string' ? asciiStringBytes(v) : (v as Uint8Array)); break;
      case 'B': (h as BytesHandler).set(row, v as Uint8Array); break;
      case 'V': throw new Error('unreachable: subview rows are appended by apply()');
    }
  };

  // ---- internals ---------------------------------------------------------------------------------

  private index(prop: number | string): number {
    if (typeof prop === 'number') {
      if (!Number.isInteger(prop) || prop < 0 || prop >= this.seq.fields.length) throw new RangeError(`property index ${prop} is out of range for ${this.path}`);
      return prop;
    }
    const i = findField(this.seq.fields, prop);
    if (i < 0) throw new RangeError(`view ${this.path} has no property '${prop}'`);
    return i;
  }

  private checkRow(row: number): void {
    if (!Number.isInteger(row) || row < 0 || row >= this.seq.rows) throw new RangeError(`row ${row} is out of range 0..${this.seq.rows - 1} for ${this.path}`);
  }

  private handlerOf<T extends Handler>(prop: number | string, kind: abstract new (...args: never[]) => T, row?: number): T {
    const p = this.index(prop);
    if (row !== undefined) this.checkRow(row);
    const h = this.seq.handlers[p];
    if (!(h instanceof kind)) throw new TypeError(`property ${this.path}.${(this.seq.fields[p] as Field).name} is of type ${(this.seq.fields[p] as Field).type}`);
    return h;
  }
}
