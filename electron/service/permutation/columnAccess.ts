/** Fast per-row access to a column for scans: typed arrays where the engine has them. */
import type { View } from '../../../engine/core/read/view.js';

/** Raw item bytes of an S/B column (S without its NUL), straight from the decoded column. */
export function itemReader(view: View, p: number): (row: number) => Uint8Array {
  const col = view.bytesColumn(p);
  const isString = view.fields[p]?.type === 'S';
  const { data, offsets, memos } = col;
  return (row) => {
    if (memos && memos.has(row)) return view.getBytes(row, p);
    const start = offsets[row] as number;
    let end = offsets[row + 1] as number;
    if (isString && end > start) end--;
    return data.subarray(start, end);
  };
}

export function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const d = (a[i] as number) - (b[i] as number);
    if (d !== 0) return d;
  }
  return a.length - b.length;
}

/** True on little-endian hosts (how a Float64Array's 32-bit halves are laid out). */
export const HOST_LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
