/**
 * The bytes an edit of an int column touches, for the byte maps of delta asides. Rows of 8 bits and
 * more are whole bytes. Sub-byte columns are not followed (an insert shifts the bits of every later row,
 * and 1-4 row columns carry fake sizes): their bytes become unknown and are compared at commit.
 */
import type { Col } from '../col.js';

export function intSetEdit(col: Col, width: number, row: number): void {
  if (width === 0) return;
  if (width >= 8) col.edit((row * width) / 8, width / 8, width / 8);
  else col.map = null;
}

/** Rows inserted (count > 0) or removed (count < 0) at `row`. */
export function intResizeEdit(col: Col, width: number, row: number, count: number): void {
  if (width === 0 || count === 0) return;
  if (width < 8) {
    col.map = null;
    return;
  }
  const n = width / 8;
  if (count > 0) col.edit(row * n, 0, count * n);
  else col.edit(row * n, -count * n, 0);
}

/** Bytes [start, end) of a column of `size`-byte rows, encoding only the rows they touch. */
export function encodeRowRange<T extends { subarray(a: number, b: number): T }>(values: T, size: number, start: number, end: number, encode: (rows: T, count: number) => Uint8Array): Uint8Array {
  const r0 = Math.floor(start / size);
  const r1 = Math.ceil(end / size);
  return encode(values.subarray(r0, r1), r1 - r0).subarray(start - r0 * size, end - r0 * size);
}
