/**
 * The reading surface both views share — the read-only View of a Storage and the WritableView of a
 * WritableStorage — and that of their storages, so code that only reads (the flush's verify, snapshot
 * diffs, dumps of either) takes both. Declared here, in the read layer; both views implement it.
 */
import type { Field, PropType } from './structure.js';

/** A cell's value: numbers (F and D as numbers, L as bigint), S as string, B as bytes, V as a view. */
export type ReadableCell = string | number | bigint | Uint8Array | ReadableView;

export interface ReadableView {
  readonly rowCount: number;
  readonly fields: readonly Field[];
  /** Human path for messages, e.g. `people` or `people[3].tags`. */
  readonly path: string;
  /** The structure of the rows, as stored. */
  readonly description: string;
  /** Index of a property by name (case-insensitive, as Metakit matches names), or -1. */
  propertyIndex(name: string): number;
  typeOf(prop: number | string): PropType;
  /** The value of one cell, typed by the property. */
  get(row: number, prop: number | string): ReadableCell;
  getInt(row: number, prop: number | string): number;
  getFloat(row: number, prop: number | string): number;
  getDouble(row: number, prop: number | string): number;
  getLong(row: number, prop: number | string): bigint;
  /** Raw item bytes: for S without the terminating NUL. */
  getBytes(row: number, prop: number | string): Uint8Array;
  /** Item length in bytes (for S without the NUL). */
  getSize(row: number, prop: number | string): number;
  getString(row: number, prop: number | string): string;
  getView(row: number, prop: number | string): ReadableView;
  /** Row count of a subview cell without building the view. */
  getViewSize(row: number, prop: number | string): number;
  /** Whole columns, for scans: I (and F bit patterns), D, L. Do not modify them. */
  ints(prop: number | string): Int32Array;
  doubles(prop: number | string): Float64Array;
  longs(prop: number | string): BigInt64Array;
}

export interface ReadableStorage {
  readonly fields: readonly Field[];
  /** The stored structure description (all top-level properties). */
  readonly description: string;
  /** Names of the top-level views, in stored order. */
  viewNames(): string[];
  hasView(name: string): boolean;
  view(name: string): ReadableView;
}

/** The typed getters a view's `get` dispatches to. */
type TypedGetters<V> = Pick<ReadableView, 'getInt' | 'getFloat' | 'getDouble' | 'getLong' | 'getString' | 'getBytes'> & {
  getView(row: number, prop: number): V;
};

/** A view's `get`: the cell as the getter of its property's type reads it. */
export function cellByType<V>(v: TypedGetters<V>, row: number, p: number, type: PropType): string | number | bigint | Uint8Array | V {
  switch (type) {
    case 'I': return v.getInt(row, p);
    case 'F': return v.getFloat(row, p);
    case 'D': return v.getDouble(row, p);
    case 'L': return v.getLong(row, p);
    case 'S': return v.getString(row, p);
    case 'B': return v.getBytes(row, p);
    case 'V': return v.getView(row, p);
  }
}

const utf8 = new TextDecoder('utf-8');

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
