/**
 * The benchmark workload of docs/bench-workload.md, generated exactly: `t[i:I,l:L,d:D,s:S,b:B]`, row i
 * with i, i·1e9, i·0.5, a 10–30 byte string and 16 bytes. The 10k/100k/1M files it writes are
 * byte-identical to the C++ library's (sha256 in the doc).
 */
import type { WritableView } from '../engine/core/write/writableView.js';

export const LAYOUT = 't[i:I,l:L,d:D,s:S,b:B]';

export const SHA256: Record<number, string> = {
  10_000: '5550aaa7bb5a4eccdc9f1f873beb8209da61c174546eb727f74d6b9508e3d7b4',
  100_000: '7168a84768d7fd5461ce1ce8e4c6b5ddbc251a3612960f7792778ef4dcef7185',
  1_000_000: '6aaabda71988e8fd9a1a97eb43749eeeee7061c5a3a924530936c224ae527eb6',
};

export const FILE_SIZE: Record<number, number> = { 10_000: 570_062, 100_000: 5_900_085, 1_000_000: 59_000_101 };

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz'.repeat(3);

/** `"s" + i + ":"`, then 'a' + ((i + k) mod 26) for each position k up to L−1, L = 10 + (i mod 21). */
export function rowString(i: number): string {
  const len = 10 + (i % 21);
  const head = `s${i}:`;
  if (head.length >= len) return head;
  const k = head.length;
  const from = (i + k) % 26;
  return head + ALPHABET.slice(from, from + len - k);
}

/** b[k] = (i·31 + k·17) & 0xFF for k = 0..15. */
export function rowBytes(i: number): Uint8Array {
  const b = new Uint8Array(16);
  const base = i * 31;
  for (let k = 0; k < 16; k++) b[k] = (base + k * 17) & 0xff;
  return b;
}

export function rowValues(i: number): { i: number; l: bigint; d: number; s: string; b: Uint8Array } {
  // i·1e9 is exact in a double below 9·10^6 rows; BigInt of it is then exact too.
  return { i, l: i < 9_000_000 ? BigInt(i * 1_000_000_000) : BigInt(i) * 1_000_000_000n, d: i * 0.5, s: rowString(i), b: rowBytes(i) };
}

/** Appends rows [from, to) in order, one `append` per row (the C++ Add(row) of the workload). */
export function appendRows(view: WritableView, from: number, to: number): void {
  for (let i = from; i < to; i++) view.append(rowValues(i));
}

/** xorshift32 with the workload's seed; first raw values 723471715, 2497366906, 2064144800. */
export function xorshift32(seed = 2463534242): () => number {
  let x = seed >>> 0;
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x;
  };
}

/** N/10 distinct rows from the xorshift stream, in descending order (the delete workload). */
export function rowsToDelete(n: number): number[] {
  const next = xorshift32();
  const chosen = new Set<number>();
  while (chosen.size < Math.floor(n / 10)) chosen.add(next() % n);
  return [...chosen].sort((a, b) => b - a);
}
