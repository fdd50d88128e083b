/**
 * A growable typed array with a movable gap: appends are amortised O(1) and a run of edits that moves
 * in one direction (e.g. deleting rows in descending order) costs O(n) in total instead of O(n) each.
 * One class per element type, so every element access stays monomorphic for the JIT.
 */
type Typed = Int32Array | Float64Array | BigInt64Array | Uint8Array;
type Elem<T extends Typed> = T extends BigInt64Array ? bigint : number;

export interface GapBuffer<T extends Typed> {
  readonly length: number;
  get(i: number): Elem<T>;
  set(i: number, v: Elem<T>): void;
  /** Inserts `count` copies of `fill` at index `at`. */
  insert(at: number, count: number, fill: Elem<T>): void;
  /** Inserts the elements of `values` at index `at`. */
  insertArray(at: number, values: T): void;
  /**
   * Opens `count` elements at `at` without filling them and returns where they start in `storage`:
   * the caller writes them straight away (ASCII strings are copied in without an intermediate array).
   */
  insertUninitialized(at: number, count: number): number;
  /** The backing array (valid until the next insertion). */
  readonly storage: T;
  /** Overwrites [at, at+values.length) with `values`. */
  setRange(at: number, values: T): void;
  remove(at: number, count: number): void;
  /** The contents in order (a view into the buffer: valid until the next edit). */
  toArray(): T;
  /** Copies [start, start+count) into a new array. */
  slice(start: number, count: number): T;
}

interface TypedCtor<T extends Typed> {
  new (length: number): T;
}

/**
 * `new XBuffer(initial)` copies `initial` into a buffer with room to grow; `new XBuffer(array, n)`
 * adopts `array` as the buffer holding n elements, the rest being room to grow (no copy: the caller
 * gives up the array). Adopting is how a column loaded for its first edit avoids a whole-column copy.
 */
export type GapBufferCtor<T extends Typed> = new (initial?: T, adoptLength?: number) => GapBuffer<T>;

function gapBufferClass<T extends Typed>(ctor: TypedCtor<T>): GapBufferCtor<T> {
  interface B {
    [i: number]: Elem<T>;
    readonly length: number;
    set(a: T, o?: number): void;
    fill(v: Elem<T>, s: number, e: number): unknown;
    copyWithin(t: number, s: number, e: number): unknown;
    subarray(s: number, e?: number): T;
  }
  return class implements GapBuffer<T> {
    private buf: B;
    private gapStart: number;
    private gapEnd: number;

    constructor(initial?: T, adoptLength?: number) {
      const n = initial ? initial.length : 0;
      if (initial && adoptLength !== undefined) {
        if (!(adoptLength >= 0 && adoptLength <= n)) throw new RangeError(`adopted length ${adoptLength} is outside 0..${n}`);
        this.buf = initial as unknown as B;
        this.gapStart = adoptLength;
        this.gapEnd = n;
        return;
      }
      this.buf = new ctor(Math.max(16, n + (n >> 3) + 8)) as unknown as B;
      if (initial) this.buf.set(initial, 0);
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
      this.buf[i < this.gapStart ? i : i + this.gapEnd - this.gapStart] = v;
    }

    insert(at: number, count: number, fill: Elem<T>): void {
      if (count <= 0) return;
      if (at !== this.gapStart) this.moveGap(at);
      if (this.gapEnd - this.gapStart < count) this.grow(count);
      if (count === 1) this.buf[this.gapStart] = fill;
      else this.buf.fill(fill, this.gapStart, this.gapStart + count);
      this.gapStart += count;
    }

    insertUninitialized(at: number, count: number): number {
      if (at !== this.gapStart) this.moveGap(at);
      if (this.gapEnd - this.gapStart < count) this.grow(count);
      const start = this.gapStart;
      this.gapStart += count;
      return start;
    }

    get storage(): T {
      return this.buf as unknown as T;
    }

    insertArray(at: number, values: T): void {
      const count = values.length;
      if (count === 0) return;
      if (at !== this.gapStart) this.moveGap(at);
      if (this.gapEnd - this.gapStart < count) this.grow(count);
      // TypedArray#set has a large fixed cost: short runs (strings, 16-byte blobs) copy faster by hand.
      if (count <= 64) {
        const b = this.buf;
        const g = this.gapStart;
        for (let k = 0; k < count; k++) b[g + k] = values[k] as Elem<T>;
      } else this.buf.set(values, this.gapStart);
      this.gapStart += count;
    }

    setRange(at: number, values: T): void {
      const n = values.length;
      if (at + n <= this.gapStart) {
        this.buf.set(values, at);
        return;
      }
      for (let k = 0; k < n; k++) this.set(at + k, values[k] as Elem<T>);
    }

    remove(at: number, count: number): void {
      if (count <= 0) return;
      if (at !== this.gapStart) this.moveGap(at);
      this.gapEnd += count;
    }

    toArray(): T {
      const n = this.length;
      if (this.gapStart !== n) this.moveGap(n);
      return this.buf.subarray(0, n);
    }

    slice(start: number, count: number): T {
      const out = new ctor(count) as unknown as B;
      const b = this.buf;
      const gap = this.gapEnd - this.gapStart;
      // Wholly before or wholly after the gap: one contiguous run of the buffer.
      const from = start + count <= this.gapStart ? start : start >= this.gapStart ? start + gap : -1;
      if (from < 0) {
        for (let k = 0; k < count; k++) out[k] = this.get(start + k);
      } else if (count <= 64) {
        // Like insertArray: short runs (a cell's bytes) copy faster by hand than through subarray + set.
        for (let k = 0; k < count; k++) out[k] = b[from + k] as Elem<T>;
      } else {
        out.set(b.subarray(from, from + count), 0);
      }
      return out as unknown as T;
    }

    private moveGap(at: number): void {
      const b = this.buf;
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
      // Past 1 MB the capacity quadruples: appends of 1M rows then copy (and fault in) a third of the
      // final size on growth instead of all of it. Capacity never touched costs address space only.
      const next = new ctor(Math.max(cap * (ctor as unknown as { BYTES_PER_ELEMENT: number }).BYTES_PER_ELEMENT >= 1 << 20 ? cap * 4 : cap * 2, cap + min + 16)) as unknown as B;
      const tail = cap - this.gapEnd;
      next.set(this.buf.subarray(0, this.gapStart), 0);
      next.set(this.buf.subarray(this.gapEnd), next.length - tail);
      this.gapEnd = next.length - tail;
      this.buf = next;
    }
  };
}

/**
 * Room to leave after a column loaded for its first edit (in rows): a few edits, or a thousand
 * single-row commits on a 1M-row view, then grow it in place instead of copying the whole column.
 */
export function spareRows(rows: number): number {
  return (rows >> 6) + 64;
}

export const IntBuffer = gapBufferClass<Int32Array>(Int32Array);
export const DoubleBuffer = gapBufferClass<Float64Array>(Float64Array);
export const LongBuffer = gapBufferClass<BigInt64Array>(BigInt64Array);
export const ByteBuffer = gapBufferClass<Uint8Array>(Uint8Array);
