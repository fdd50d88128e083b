/**
 * Finding the bytes of a column that still equal the main file, when no byte map says so (pure): the
 * column was not followed edit by edit, or it was read back from a whole-column diff. Equal stretches
 * become segments of the main file, the rest fresh; after a difference, matching resumes by probing
 * the column a little further on and looking for the probe near where it would be if the difference
 * had changed the length a little (an edited, inserted or deleted row).
 */
import { FRESH, type Segment } from './bytePieces.js';

/** Equal stretches shorter than this inside a changed region are not worth a chunk of their own. */
export const MIN_MATCH = 32;
/** Fresh stretches at least this long are compared with the main file once (refineSegments). */
export const REFINE_MIN = 4096;
/** The lowest main-file position compared (the end of the header). */
const MIN_POS = 8;

const PROBE = 32;
/** How far from its expected place a probe is looked for. */
const SEARCH = 4096;
const PROBE_STEP = 64;
const MAX_PROBES = 64;

class Segments {
  readonly out: Segment[] = [];

  push(src: number, len: number): void {
    if (len <= 0) return;
    const last = this.out[this.out.length - 1];
    if (last && last.src === FRESH && src === FRESH) last.len += len;
    else if (last && last.src !== FRESH && src !== FRESH && last.src + last.len === src) last.len += len;
    else this.out.push({ src, len });
  }
}

function equal(a: Uint8Array, i: number, b: Uint8Array, j: number, n: number): boolean {
  if (i < 0 || j < 0 || i + n > a.length || j + n > b.length) return false;
  for (let k = 0; k < n; k++) if (a[i + k] !== b[j + k]) return false;
  return true;
}

/** Offset in `base` nearest to `expected` where target[p, p + PROBE) occurs, or -1. */
function searchNear(base: Uint8Array, target: Uint8Array, p: number, expected: number): number {
  for (let d = 0; d <= SEARCH; d++) {
    if (equal(target, p, base, expected - d, PROBE)) return expected - d;
    if (d > 0 && equal(target, p, base, expected + d, PROBE)) return expected + d;
  }
  return -1;
}

/**
 * Segments of target[from, to) against `base` (the main file's bytes from `basePos`), with
 * target[from] expected at base offset `at`.
 */
export function matchGreedy(target: Uint8Array, from: number, to: number, base: Uint8Array, basePos: number, at: number): Segment[] {
  const seg = new Segments();
  let t = from;
  let b = at;
  while (t < to) {
    let k = 0;
    if (b >= 0) while (t + k < to && b + k < base.length && target[t + k] === base[b + k]) k++;
    if (k >= MIN_MATCH) {
      seg.push(basePos + b, k);
      t += k;
      b += k;
      continue;
    }
    let found = -1;
    let foundT = -1;
    for (let i = 0; i < MAX_PROBES; i++) {
      const p = t + Math.max(k, 1) + i * PROBE_STEP;
      if (p + PROBE > to) break;
      const q = searchNear(base, target, p, b + (p - t));
      if (q >= 0) {
        found = q;
        foundT = p;
        break;
      }
    }
    if (found < 0) {
      seg.push(FRESH, to - t);
      break;
    }
    // The equal stretch may begin before the probe.
    let back = 0;
    while (foundT - back > t && found - back > 0 && target[foundT - back - 1] === base[found - back - 1]) back++;
    seg.push(FRESH, foundT - back - t);
    t = foundT - back;
    b = found - back;
  }
  return seg.out;
}

/**
 * Segments of `target` against the bytes `old` that sit at `oldPos` in the main file: the common
 * prefix and suffix, and in between every equal stretch of at least MIN_MATCH bytes.
 */
export function matchSegments(old: Uint8Array, oldPos: number, target: Uint8Array): Segment[] {
  const n = Math.min(old.length, target.length);
  let p = 0;
  while (p < n && old[p] === target[p]) p++;
  let s = 0;
  const maxS = n - p;
  while (s < maxS && old[old.length - 1 - s] === target[target.length - 1 - s]) s++;
  const seg = new Segments();
  seg.push(oldPos, p);
  const midT = target.length - s - p;
  const midO = old.length - s - p;
  if (midT === midO) {
    // Same length: in-place changes; keep every long equal stretch.
    let i = p;
    const end = p + midT;
    while (i < end) {
      let j = i;
      while (j < end && old[j] !== target[j]) j++;
      seg.push(FRESH, j - i);
      let k = j;
      while (k < end && old[k] === target[k]) k++;
      seg.push(k - j >= MIN_MATCH ? oldPos + j : FRESH, k - j);
      i = k;
    }
  } else {
    for (const x of matchGreedy(target.subarray(0, target.length - s), p, target.length - s, old.subarray(0, old.length - s), oldPos, p)) seg.push(x.src, x.len);
  }
  seg.push(oldPos + old.length - s, s);
  return seg.out;
}

/**
 * Segments where long fresh stretches that in fact equal the main file become segments of it: each is
 * matched against the main file where the previous stretch of the main file continues (for the first,
 * at `anchor`). A column read back from a whole-column diff (Metakit's) is all fresh; this finds what
 * it kept of the main file.
 */
export function refineSegments(segments: readonly Segment[], anchor: number, read: (start: number, end: number) => Uint8Array, main: (pos: number, len: number) => Uint8Array, limit: number): Segment[] {
  const seg = new Segments();
  let t = 0;
  let continuation = anchor > 0 ? anchor : -1;
  for (const s of segments) {
    if (s.src !== FRESH || s.len < REFINE_MIN || continuation < MIN_POS || continuation >= limit) {
      seg.push(s.src, s.len);
    } else {
      const lo = Math.max(MIN_POS, continuation - SEARCH);
      const hi = Math.min(limit, continuation + s.len + SEARCH);
      const target = read(t, t + s.len);
      for (const x of matchGreedy(target, 0, s.len, main(lo, hi - lo), lo, continuation - lo)) seg.push(x.src, x.len);
    }
    continuation = s.src === FRESH ? (continuation >= 0 ? continuation + s.len : -1) : s.src + s.len;
    t += s.len;
  }
  return seg.out;
}
