/**
 * Stable LSD radix sort over unsigned 32-bit key words (16-bit digits, two passes per word). Sorting 10M
 * rows this way takes a few passes over typed arrays instead of 10M·log(10M) comparator calls.
 */

/**
 * The positions 0..n-1 ordered stably by their keys; `words` holds one Uint32Array per key word, most
 * significant first (`words[w][i]` is word w of position i's key).
 */
export function radixOrder(words: readonly Uint32Array[], n: number, onPass?: (done: number, total: number) => void): Int32Array {
  let order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  let nextOrder = new Int32Array(n);
  let keys = new Uint32Array(n);
  let nextKeys = new Uint32Array(n);
  const counts = new Uint32Array(65537);
  const total = words.length * 2;
  let pass = 0;
  for (let w = words.length - 1; w >= 0; w--) {
    const word = words[w] as Uint32Array;
    for (let i = 0; i < n; i++) keys[i] = word[order[i] as number] as number;
    for (let shift = 0; shift <= 16; shift += 16) {
      pass++;
      counts.fill(0);
      for (let i = 0; i < n; i++) {
        const d = (((keys[i] as number) >>> shift) & 0xffff) + 1;
        counts[d] = (counts[d] as number) + 1;
      }
      if (!singleBucket(counts, n)) {
        for (let d = 1; d <= 65536; d++) counts[d] = (counts[d] as number) + (counts[d - 1] as number);
        for (let i = 0; i < n; i++) {
          const k = keys[i] as number;
          const d = (k >>> shift) & 0xffff;
          const at = counts[d] as number;
          counts[d] = at + 1;
          nextOrder[at] = order[i] as number;
          nextKeys[at] = k;
        }
        [order, nextOrder] = [nextOrder, order];
        [keys, nextKeys] = [nextKeys, keys];
      }
      onPass?.(pass, total);
    }
  }
  return order;
}

/** True when every key has the same digit: the pass would not move anything. */
function singleBucket(counts: Uint32Array, n: number): boolean {
  for (let d = 1; d <= 65536; d++) {
    const c = counts[d] as number;
    if (c === n) return true;
    if (c !== 0) return false;
  }
  return true;
}
