/**
 * A growable typed array with a movable gap: appends are amortised O(1) and a run of edits that moves
 * in one direction (e.g. deleting rows in descending order) costs O(n) in total instead of O(n) each.
 */
type Typed = Int32Array | Float64Array | BigInt64Array | Uint8Array;
type Elem<T extends Typed> = T extends BigInt64Array ? bigint : number;

interface TypedCtor<T extends Typed> {
  new (length: number): T;
}

export class GapBuffer<T extends Typed> {
  private buf: T;
  /** Elements before the gap live at [0, gapStart); after it at [gapEnd, capacity). */
  private gapStart: number;
  private gapEnd: number;

  constructor(
    private readonly ctor: TypedCtor<T>,
    initial?: T,
    capacity = 16,
  ) {
    const n = initial ? initial.length : 0;
    this.buf = new ctor(Math.max(capacity, n + (n >> 3) + 8));
    if (initial) (this.buf as unknown as { set(a: T): void }).set(initial);
    this.gapStart = n;
    this.gapEnd = this.buf.length;
  }

  get length(): number {
    return this.buf.length - (this.gapEnd - this.gapStart);
  }

  get(i: number): Elem<T> {
    return this.buf[i < this.gapStart ? i : i + this.gapEnd - this.gapStart] as Elem<T>;
  }

  set(i: number, v: Elem<T>): void {
    (this.buf as unknown as Elem<T>[])[i < this.gapStart ? i : i + this.gapEnd - this.gapStart] = v;
  }

  push(v: Elem<T>): void {
    if (this.gapStart !== this.length) this.moveGap(this.length);
    if (this.gapStart === this.gapEnd) this.grow(1);
    (this.buf as unknown as Elem<T>[])[this.gapStart++] = v;
  }

  /** Inserts `count` copies of `fill` (or the values of `from`) at index `at`. */
  insert(at: number, count: number, fill: Elem<T>, from?: ArrayLike<Elem<T>>): void {
    if (count <= 0) return;
    this.moveGap(at);
    if (this.gapEnd - this.gapStart < count) this.grow(count);
    const b = this.buf as unknown as Elem<T>[] & { fill(v: Elem<T>, s: number, e: number): void };
    if (from) for (let k = 0; k < count; k++) b[this.gapStart + k] = from[k] as Elem<T>;
    else b.fill(fill, this.gapStart, this.gapStart + count);
    this.gapStart += count;
  }

  remove(at: number, count: number): void {
    if (count <= 0) return;
    this.moveGap(at);
    this.gapEnd += count;
  }

  /** A compact copy (or view) of the contents, in order. */
  toArray(): T {
    this.moveGap(this.length);
    return this.buf.subarray(0, this.gapStart) as T;
  }

  /** Copies [start, start+count) into a new array. */
  slice(start: number, count: number): T {
    const out = new this.ctor(count);
    const o = out as unknown as Elem<T>[];
    for (let k = 0; k < count; k++) o[k] = this.get(start + k);
    return out;
  }

  private moveGap(at: number): void {
    const b = this.buf as unknown as { copyWithin(t: number, s: number, e: number): void };
    if (at < this.gapStart) {
      const n = this.gapStart - at;
      b.copyWithin(this.gapEnd - n, at, this.gapStart);
      this.gapStart = at;
      this.gapEnd -= n;
    } else if (at > this.gapStart) {
      const n = at - this.gapStart;
      b.copyWithin(this.gapStart, this.gapEnd, this.gapEnd + n);
      this.gapStart = at;
      this.gapEnd += n;
    }
  }

  private grow(min: number): void {
    const cap = this.buf.length;
    const next = new this.ctor(Math.max(cap * 2, cap + min + 16));
    const tail = cap - this.gapEnd;
    const n = next as unknown as { set(a: T, o: number): void };
    n.set(this.buf.subarray(0, this.gapStart) as T, 0);
    n.set(this.buf.subarray(this.gapEnd) as T, next.length - tail);
    this.gapEnd = next.length - tail;
    this.buf = next;
  }
}
