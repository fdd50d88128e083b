/**
 * The delta encoder (pure): the `_D` chunks that turn the base bytes of the main file into a new column,
 * exactly as c4_Differ::ApplyDiff applies them (format §10.2). ApplyDiff starts from `size` bytes at
 * `_O`, where `size` is the NEW column size, so the window [_O, _O + size) must lie inside the main file;
 * it then keeps `_K`, grows or shrinks by `_R` at the offset, and overwrites with `_B`. Every grow is
 * balanced by a shrink, so the column ends at exactly the referenced size (ApplyDiff has no other way
 * to get there: its closing Shrink only fires for an offset past the end, which it mishandles).
 *
 * The cost model counts what a chunk costs in the aside (its `_K`/`_R` entries, a size entry and a
 * memo-walk entry: CHUNK_COST) plus its bytes; a whole-column chunk with no base wins when cheaper.
 */
import type { DiffChunk } from './asideDiffs.js';
import { matchSegments } from './byteMatch.js';
import { FRESH, type Segment } from './bytePieces.js';

/** Aside bytes one chunk costs beyond its `_B` bytes. */
export const CHUNK_COST = 12;
/** The lowest base position used: the end of the header (Metakit asserts positions > 1). */
export const MIN_ORIGIN = 8;

export interface DeltaInput {
  /** The new column as segments of the main file and fresh bytes; their lengths add up to `size`. */
  segments: readonly Segment[];
  size: number;
  /** Bytes [start, end) of the new column. */
  read: (start: number, end: number) => Uint8Array;
  /** Relative end of the main file's data: a base window must lie inside [MIN_ORIGIN, limit). */
  limit: number;
}

export interface DeltaPlan {
  /** `_O`: start of the base window in the main file (0: no base, the chunks hold every byte). */
  origin: number;
  chunks: DiffChunk[];
  /** Estimated aside bytes: CHUNK_COST per chunk plus the `_B` bytes. */
  cost: number;
  /** True for the single whole-column chunk (Metakit's own form, with no base). */
  whole: boolean;
}

/** One planned chunk, its bytes still a range of the new column. */
interface Op {
  keep: number;
  resize: number;
  from: number;
  to: number;
}

interface Layout {
  ops: Op[];
  cost: number;
}

type Item = { keep: true; p: number; len: number; t: number } | { keep: false; t0: number; t1: number };

/**
 * The cheapest of: a delta over a base window aligned with the first or the largest segment of the main
 * file (moved back when it would run past `limit`), or the whole column.
 */
export function planDelta(input: DeltaInput): DeltaPlan {
  const { size } = input;
  let best: { origin: number; layout: Layout } | null = null;
  for (const origin of candidateOrigins(input)) {
    const layout = layoutOps(input.segments, size, origin);
    if (!best || layout.cost < best.layout.cost) best = { origin, layout };
  }
  // A delta must save at least a chunk's worth over the whole column (CHUNK_COST + size), which needs
  // no base and reads no main bytes.
  if (!best || best.layout.cost > size) return wholePlan(input.read(0, size));
  const chunks = best.layout.ops.map((op) => ({ keep: op.keep, resize: op.resize, bytes: op.to > op.from ? input.read(op.from, op.to) : new Uint8Array(0) }));
  return { origin: best.origin, chunks, cost: best.layout.cost, whole: false };
}

/** Metakit's own form: one chunk holding the whole column, no base. */
export function wholePlan(bytes: Uint8Array): DeltaPlan {
  return { origin: 0, chunks: bytes.length > 0 ? [{ keep: 0, resize: 0, bytes }] : [], cost: CHUNK_COST + bytes.length, whole: true };
}

function candidateOrigins(input: DeltaInput): number[] {
  const hi = input.limit - input.size;
  if (hi < MIN_ORIGIN) return [];
  const out = new Set<number>();
  let t = 0;
  let largest: { src: number; t: number; len: number } | null = null;
  let first: { src: number; t: number } | null = null;
  for (const s of input.segments) {
    if (s.src !== FRESH) {
      if (!first) first = { src: s.src, t };
      if (!largest || s.len > largest.len) largest = { src: s.src, t, len: s.len };
    }
    t += s.len;
  }
  for (const a of [first, largest]) if (a) out.add(Math.max(MIN_ORIGIN, Math.min(hi, a.src - a.t)));
  return [...out];
}

/** Which base bytes to keep (window offsets only move forward) and which target ranges are literal. */
function classify(segments: readonly Segment[], size: number, origin: number): Item[] {
  const items: Item[] = [];
  const lit = (t0: number, t1: number): void => {
    if (t1 <= t0) return;
    const last = items[items.length - 1];
    if (last && !last.keep && last.t1 === t0) last.t1 = t1;
    else items.push({ keep: false, t0, t1 });
  };
  let q = 0;
  let t = 0;
  for (const s of segments) {
    if (s.src === FRESH) {
      lit(t, t + s.len);
    } else {
      const p = s.src - origin;
      const before = Math.min(s.len, Math.max(0, -p));
      const after = Math.min(s.len - before, Math.max(0, p + s.len - size));
      const mid = s.len - before - after;
      lit(t, t + before);
      if (mid > 0 && p + before >= q) {
        items.push({ keep: true, p: p + before, len: mid, t: t + before });
        q = p + before + mid;
      } else lit(t + before, t + before + mid);
      lit(t + s.len - after, t + s.len);
    }
    t += s.len;
  }
  // A short keep between literals costs a chunk more than writing its bytes again.
  const out: Item[] = [];
  items.forEach((it, i) => {
    const prev = out[out.length - 1];
    const short = it.keep && it.len < CHUNK_COST && i > 0 && (i === items.length - 1 || !(items[i + 1] as Item).keep);
    if (short || !it.keep) {
      const t0 = it.keep ? it.t : it.t0;
      const t1 = t0 + (it.keep ? it.len : it.t1 - it.t0);
      if (prev && !prev.keep && prev.t1 === t0) prev.t1 = t1;
      else out.push({ keep: false, t0, t1 });
    } else out.push(it);
  });
  return out;
}

function layoutOps(segments: readonly Segment[], size: number, origin: number): Layout {
  const items = classify(segments, size, origin);
  const ops: Op[] = [];
  let cur: Op = { keep: 0, resize: 0, from: 0, to: 0 };
  const flush = (): void => {
    if (cur.resize !== 0 || cur.to > cur.from) ops.push(cur);
    cur = { keep: 0, resize: 0, from: 0, to: 0 };
  };
  const keep = (n: number): void => {
    if (cur.resize !== 0 || cur.to > cur.from) flush();
    cur.keep += n;
  };
  const resize = (r: number): void => {
    if (r === 0) return;
    if (cur.to > cur.from) flush();
    cur.resize += r;
  };
  const store = (from: number, to: number): void => {
    if (cur.to > cur.from) flush();
    cur.from = from;
    cur.to = to;
  };
  // q: how far into the base window the column built so far has consumed.
  let q = 0;
  items.forEach((it, i) => {
    if (it.keep) {
      if (it.p > q) resize(q - it.p);
      keep(it.len);
      q = it.p + it.len;
      return;
    }
    let next = size;
    for (let k = i + 1; k < items.length; k++) {
      const n = items[k] as Item;
      if (n.keep) {
        next = n.p;
        break;
      }
    }
    const len = it.t1 - it.t0;
    const overwrite = Math.min(len, next - q);
    resize(len - overwrite);
    store(it.t0, it.t1);
    q += overwrite;
  });
  if (q < size) resize(q - size);
  flush();
  let cost = 0;
  for (const op of ops) cost += CHUNK_COST + (op.to - op.from);
  return { ops, cost };
}

/**
 * The delta from a base column to a new one, for a main file holding `base` at `basePos` and usable up
 * to `limit` (by default: the base itself plus whatever the window needs after it).
 */
export function encodeDiff(base: Uint8Array, target: Uint8Array, options: { basePos?: number; limit?: number } = {}): DeltaPlan {
  const basePos = options.basePos ?? MIN_ORIGIN;
  const limit = options.limit ?? basePos + Math.max(base.length, target.length);
  return planDelta({ segments: matchSegments(base, basePos, target), size: target.length, read: (a, b) => target.slice(a, b), limit });
}
