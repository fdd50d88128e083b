/**
 * Sort keys as unsigned 32-bit words whose unsigned order is the value order: sign-flipped ints, IEEE
 * bits folded so negatives sort first, int64 halves, string prefixes (refined by a byte comparison
 * within equal prefixes). NaN sorts last in both directions.
 */
import type { View } from '../../../engine/core/read/view.js';
import { compareBytes, HOST_LITTLE_ENDIAN, itemReader } from './columnAccess.js';

export interface SortKeys {
  /** Key words, most significant first; word[i] belongs to candidate position i. */
  words: Uint32Array[];
  /** Orders positions whose key words are equal (strings longer than the prefix). */
  refine: ((a: number, b: number) => number) | null;
}

/** `rowAt(i)`: the stored row of candidate position i. */
export function sortKeys(view: View, p: number, n: number, rowAt: (i: number) => number, desc: boolean): SortKeys {
  const type = view.fields[p]?.type;
  const flip = desc ? 0xffffffff : 0;
  switch (type) {
    case 'I': {
      const ints = view.ints(p);
      const w = new Uint32Array(n);
      for (let i = 0; i < n; i++) w[i] = ((ints[rowAt(i)] as number) ^ 0x80000000 ^ flip) >>> 0;
      return { words: [w], refine: null };
    }
    case 'F': {
      const bits = view.ints(p);
      const w = new Uint32Array(n);
      for (let i = 0; i < n; i++) {
        const b = bits[rowAt(i)] as number;
        const nan = (b & 0x7f800000) === 0x7f800000 && (b & 0x7fffff) !== 0;
        w[i] = nan ? 0xffffffff : ((b < 0 ? ~b : b | 0x80000000) ^ flip) >>> 0;
      }
      return { words: [w], refine: null };
    }
    case 'D': return wideKeys(view.doubles(p), n, rowAt, flip, true);
    case 'L': return wideKeys(view.longs(p), n, rowAt, flip, false);
    case 'B':
    case 'V': {
      const w = new Uint32Array(n);
      for (let i = 0; i < n; i++) {
        const r = rowAt(i);
        w[i] = ((type === 'B' ? view.getSize(r, p) : view.getViewSize(r, p)) ^ flip) >>> 0;
      }
      return { words: [w], refine: null };
    }
    case 'S': {
      const item = itemReader(view, p);
      const w = new Uint32Array(n);
      for (let i = 0; i < n; i++) {
        const b = item(rowAt(i));
        const k = ((b[0] ?? 0) << 24) | ((b[1] ?? 0) << 16) | ((b[2] ?? 0) << 8) | (b[3] ?? 0);
        w[i] = (k ^ flip) >>> 0;
      }
      const sign = desc ? -1 : 1;
      return { words: [w], refine: (a, b) => sign * compareBytes(item(rowAt(a)), item(rowAt(b))) };
    }
    default:
      throw new TypeError(`cannot sort a column of type ${String(type)}`);
  }
}

function wideKeys(values: Float64Array | BigInt64Array, n: number, rowAt: (i: number) => number, flip: number, isDouble: boolean): SortKeys {
  const halves = new Uint32Array(values.buffer, values.byteOffset, values.length * 2);
  const [hiAt, loAt] = HOST_LITTLE_ENDIAN ? [1, 0] : [0, 1];
  const hi = new Uint32Array(n);
  const lo = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    const r = rowAt(i);
    let h = halves[2 * r + hiAt] as number;
    let l = halves[2 * r + loAt] as number;
    if (isDouble) {
      const x = (values as Float64Array)[r] as number;
      if (Number.isNaN(x)) {
        hi[i] = 0xffffffff;
        lo[i] = 0xffffffff;
        continue;
      }
      if (h & 0x80000000) {
        h = ~h;
        l = ~l;
      } else {
        h |= 0x80000000;
      }
    } else {
      h ^= 0x80000000;
    }
    hi[i] = (h ^ flip) >>> 0;
    lo[i] = (l ^ flip) >>> 0;
  }
  return { words: [hi, lo], refine: null };
}
