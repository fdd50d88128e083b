/**
 * Free-space bookkeeping of a commit (format §8.2): a sorted list of free ranges [start, end), with
 * Metakit's exact first-fit allocation and its Occupy/Release quirks, so our commits place columns
 * where Metakit places them. Stored as one flat array of "walls": free range k is
 * [walls[2k], walls[2k+1]); index 0/1 hold a fake empty range that keeps the edge cases uniform.
 */

const MAX = 0x7fffffff;
/** Past this many walls, small free ranges are dropped (c4_Allocator::ReduceFrags). */
const FRAGMENT_LIMIT = 7500;

export class Allocator {
  private walls: number[] = [];

  constructor(allFree = true) {
    this.reset(allFree);
  }

  /** All free from position 1 (or nothing free but a sliver at the end). */
  reset(allFree = true): void {
    this.walls = [0, 0, allFree ? 1 : MAX, MAX];
  }

  /** One past the highest used byte: the start of the last free range. */
  get limit(): number {
    return this.walls[this.walls.length - 2] as number;
  }

  /** First fit: the lowest free range of at least `length` bytes. */
  allocate(length: number): number {
    const w = this.walls;
    for (let i = 2; i < w.length; i += 2) {
      const start = w[i] as number;
      const end = w[i + 1] as number;
      if (end >= start + length) {
        if (end > start + length) w[i] = start + length;
        else w.splice(i, 2);
        return start;
      }
    }
    throw new RangeError(`allocator: no free range of ${length} bytes`);
  }

  /** Marks [pos, pos+length) used; requests that straddle a free range's end are ignored, as Metakit does. */
  occupy(pos: number, length: number): void {
    const w = this.walls;
    const i = this.locate(pos);
    if (i % 2 === 1) {
      // pos lies inside free range [w[i-1], w[i]) (or exactly at its end, i.e. in used space).
      if (w[i] === pos + length) w[i] = pos;
      else this.insertPair(i, pos, pos + length);
    } else if (w[i] === pos) {
      if ((w[i + 1] as number) > pos + length) w[i] = pos + length;
      else w.splice(i, 2);
    }
  }

  /** Returns [pos, pos+length) to the free list (used only for the mark slot of in-place commits). */
  release(pos: number, length: number): void {
    const w = this.walls;
    const i = this.locate(pos + length);
    if (w[i] === pos) w[i] = pos - length;
    else if (w[i - 1] === pos) w[i - 1] = pos + length;
    else this.insertPair(i, pos, pos + length);
    if (w[i - 1] === w[i]) w.splice(i - 1, 2);
  }

  /** Free bytes below the limit and the number of free ranges (for statistics). */
  freeCounts(): { ranges: number; bytes: number } {
    let bytes = 0;
    for (let i = 2; i < this.walls.length - 2; i += 2) bytes += (this.walls[i + 1] as number) - (this.walls[i] as number);
    return { ranges: this.walls.length / 2 - 2, bytes };
  }

  /** The free ranges, for tests and diagnostics. */
  freeRanges(): [number, number][] {
    const out: [number, number][] = [];
    for (let i = 2; i < this.walls.length; i += 2) out.push([this.walls[i] as number, this.walls[i + 1] as number]);
    return out;
  }

  clone(): Allocator {
    const a = new Allocator();
    a.walls = this.walls.slice();
    return a;
  }

  /** Index of the wall equal to pos, else of the first wall above it (c4_Allocator::Locate). */
  private locate(pos: number): number {
    const w = this.walls;
    let lo = 0;
    let hi = w.length - 1;
    while (lo < hi) {
      const i = (lo + hi) >> 1;
      const v = w[i] as number;
      if (pos < v) hi = i - 1;
      else if (pos > v) lo = i + 1;
      else return i;
    }
    return lo < w.length && pos > (w[lo] as number) ? lo + 1 : lo;
  }

  private insertPair(i: number, from: number, to: number): void {
    const w = this.walls;
    // A second occupation of used space, or one running past the free range, is ignored.
    if (to >= (w[i] as number)) return;
    w.splice(i, 0, from, to);
    if (w.length > FRAGMENT_LIMIT) this.reduceFragments(5000, 12, 6);
  }

  /** Drops free ranges smaller than limit>>shift, largest shift first, until under `goal` walls. */
  private reduceFragments(goal: number, shiftHigh: number, shiftLow: number): void {
    const w = this.walls;
    let limit = w.length - 2;
    for (let shift = shiftHigh; shift >= shiftLow; shift--) {
      const threshold = this.limit >> shift;
      if (threshold === 0) continue;
      let n = 2;
      for (let i = n; i < limit; i += 2) {
        if ((w[i + 1] as number) - (w[i] as number) > threshold) {
          w[n++] = w[i] as number;
          w[n++] = w[i + 1] as number;
        }
      }
      limit = n;
      if (limit < goal) break;
    }
    const last = w.length - 2;
    w[limit] = w[last] as number;
    w[limit + 1] = w[last + 1] as number;
    w.length = limit + 2;
  }
}
