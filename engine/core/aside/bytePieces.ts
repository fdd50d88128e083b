/**
 * How a column's current bytes relate to the main file (pure): an ordered list of segments, each either
 * `len` bytes equal to the main file at `src`, or fresh bytes that only the column's own content holds.
 * Handlers keep one per column as they edit it, so a delta aside commit knows what changed without
 * comparing whole columns; a diff read back from an aside turns into one the same way.
 */
import type { DiffChunk } from './asideDiffs.js';

export interface Segment {
  /** Relative position in the main file, or FRESH. */
  src: number;
  len: number;
}

export const FRESH = -1;

/** Past this many segments a map costs more to keep than a comparison of the bytes: it is dropped. */
export const MAX_SEGMENTS = 1024;

export class ByteMap {
  private constructor(
    private segs: Segment[],
    private total: number,
  ) {}

  /** `len` bytes equal to the main file at `src`. */
  static base(src: number, len: number): ByteMap {
    return new ByteMap(len > 0 ? [{ src, len }] : [], len);
  }

  static fresh(len: number): ByteMap {
    return new ByteMap(len > 0 ? [{ src: FRESH, len }] : [], len);
  }

  static of(segments: readonly Segment[]): ByteMap {
    const m = new ByteMap([], 0);
    for (const s of segments) m.push(s.src, s.len);
    return m;
  }

  get length(): number {
    return this.total;
  }

  get count(): number {
    return this.segs.length;
  }

  get segments(): readonly Segment[] {
    return this.segs;
  }

  clone(): ByteMap {
    return new ByteMap(this.segs.map((s) => ({ ...s })), this.total);
  }

  /** Bytes that are not known to equal the main file. */
  freshBytes(): number {
    let n = 0;
    for (const s of this.segs) if (s.src === FRESH) n += s.len;
    return n;
  }

  /**
   * Removes `removeLen` bytes at `offset` and puts `insertLen` fresh bytes there (an overwrite is
   * replace(o, n, n)). Returns false when the map grew past MAX_SEGMENTS (it is then useless) or the
   * range is outside the column (a caller bug: the map no longer describes the column).
   */
  replace(offset: number, removeLen: number, insertLen: number): boolean {
    if (offset < 0 || removeLen < 0 || insertLen < 0 || offset + removeLen > this.total) return false;
    if (removeLen === 0 && insertLen === 0) return true;
    if (offset === this.total && removeLen === 0) {
      this.push(FRESH, insertLen);
      return this.segs.length <= MAX_SEGMENTS;
    }
    // Split at both ends of the removed range, then swap the middle for one fresh segment.
    const first = this.splitAt(offset);
    const last = this.splitAt(offset + removeLen);
    const middle: Segment[] = insertLen > 0 ? [{ src: FRESH, len: insertLen }] : [];
    this.segs.splice(first, last - first, ...middle);
    this.total += insertLen - removeLen;
    this.mergeAround(first, middle.length);
    return this.segs.length <= MAX_SEGMENTS;
  }

  /** Appends a segment, merging it with the last one when they continue each other. */
  private push(src: number, len: number): void {
    if (len <= 0) return;
    const last = this.segs[this.segs.length - 1];
    if (last && continues(last, src)) last.len += len;
    else this.segs.push({ src, len });
    this.total += len;
  }

  /** Index of the segment starting at `offset`, splitting one if `offset` falls inside it. */
  private splitAt(offset: number): number {
    let at = 0;
    for (let i = 0; i < this.segs.length; i++) {
      const s = this.segs[i] as Segment;
      if (at === offset) return i;
      if (offset < at + s.len) {
        const head = offset - at;
        const tail: Segment = { src: s.src === FRESH ? FRESH : s.src + head, len: s.len - head };
        s.len = head;
        this.segs.splice(i + 1, 0, tail);
        return i + 1;
      }
      at += s.len;
    }
    return this.segs.length;
  }

  /** Merges segments around an edit at index `i` (spanning `n` segments) that now continue each other. */
  private mergeAround(i: number, n: number): void {
    const from = Math.max(0, i - 1);
    const to = Math.min(this.segs.length - 1, i + n);
    for (let k = to; k > from; k--) {
      const a = this.segs[k - 1] as Segment;
      const b = this.segs[k] as Segment;
      if (continues(a, b.src)) {
        a.len += b.len;
        this.segs.splice(k, 1);
      }
    }
  }
}

function continues(a: Segment, src: number): boolean {
  if (a.src === FRESH) return src === FRESH;
  return src === a.src + a.len;
}

/**
 * The map of a column read through a diff (c4_Differ::ApplyDiff done on segments): `size` bytes of the
 * main file at `origin` (fresh when 0), then each chunk: skip, grow/shrink, overwrite. Null when the
 * chunks do not describe a `size`-byte column or the result has too many segments.
 */
export function mapFromChunks(origin: number, size: number, chunks: readonly DiffChunk[]): ByteMap | null {
  const map = origin > 0 ? ByteMap.base(origin, size) : ByteMap.fresh(size);
  let offset = 0;
  for (const c of chunks) {
    offset += c.keep;
    if (c.keep < 0 || offset > map.length) return null;
    if (c.resize < 0 && !map.replace(offset, -c.resize, 0)) return null;
    if (c.resize > 0 && !map.replace(offset, 0, c.resize)) return null;
    if (c.bytes.length > 0 && !map.replace(offset, c.bytes.length, c.bytes.length)) return null;
    offset += c.bytes.length;
  }
  return map.length === size ? map : null;
}
