/**
 * Column bytes of one generation of one datafile: validates every `<size, pos>` against the data
 * region of the generation before reading, resolves negative positions through the attached aside,
 * and caches what it read within the byte budget.
 */
import type { ByteStore } from '../base/byteStore.js';
import { MetakitError } from '../base/errors.js';
import type { ColumnCache } from './cache.js';
import { MARK_SIZE } from './header.js';
import type { ColumnRef } from './walk.js';

export interface ReaderLimits {
  /** Largest row count accepted for any view (Metakit: int). */
  maxRows: number;
  /** Deepest subview nesting accepted. */
  maxDepth: number;
  /** Largest single column accepted, in bytes. */
  maxColumnBytes: number;
  /** Byte budget of the column cache. */
  cacheBytes: number;
}

export const DEFAULT_LIMITS: ReaderLimits = {
  maxRows: 0x7fffffff,
  maxDepth: 64,
  maxColumnBytes: 0x7fffffff,
  cacheBytes: 256 * 1024 * 1024,
};

/** Supplies the content of aside diffs (negative column positions). */
export interface DiffResolver {
  /** Number of diffs (rows of `_C`). */
  readonly count: number;
  /** Content of diff `id` for a column of `size` bytes, applied over the main file's base bytes. */
  assemble(id: number, size: number, main: DataSource, path: string): Uint8Array;
}

export interface DataRegion {
  /** Absolute offset of the header. */
  base: number;
  /** Absolute end of the generation (just past its commit tail; file size for old-format files). */
  end: number;
  littleEndian: boolean;
  oldFormat: boolean;
}

export class DataSource {
  /** Relative end of the region columns may occupy (before this generation's tails). */
  readonly dataLimit: number;

  constructor(
    readonly store: ByteStore,
    readonly region: DataRegion,
    readonly cache: ColumnCache,
    readonly limits: ReaderLimits,
    readonly aside: DiffResolver | null,
    /** Cache key prefix, so several sources may share one cache. */
    readonly id: string,
  ) {
    const rel = region.end - region.base;
    this.dataLimit = region.oldFormat ? rel : rel - 2 * MARK_SIZE;
  }

  get base(): number {
    return this.region.base;
  }

  get littleEndian(): boolean {
    return this.region.littleEndian;
  }

  /** Throws unless `ref` lies inside the data region (or names an existing aside diff). */
  check(ref: ColumnRef, what: string, path: string): void {
    if (ref.size === 0) return;
    if (ref.size > this.limits.maxColumnBytes) {
      throw new MetakitError('LIMIT_EXCEEDED', `expected ${what} of ${path} to be at most ${this.limits.maxColumnBytes} bytes, but it claims ${ref.size}`, { path });
    }
    if (ref.pos < 0) {
      const id = ~ref.pos;
      if (!this.aside) {
        throw new MetakitError('ASIDE_MISSING', `expected ${what} of ${path} in the main file, but it refers to aside diff ${id} and no aside is attached (open the file with its aside .mka)`, {
          path,
          file: this.store.name,
        });
      }
      if (id >= this.aside.count) {
        throw new MetakitError('ASIDE_MISMATCH', `expected aside diff ${id} for ${what} of ${path}, but the aside holds only ${this.aside.count} diffs`, { path });
      }
      return;
    }
    if (this.region.end === 0 && this.aside) {
      // An empty main file has no data at all: the aside's walk was written for another main file.
      throw new MetakitError('ASIDE_MISMATCH', `expected ${what} of ${path} in the main file, but ${this.store.name} is empty (0 bytes): the aside was written for a main file that has this column at ${ref.pos}+${ref.size}`, {
        path,
        file: this.store.name,
      });
    }
    if (ref.pos < MARK_SIZE || ref.pos + ref.size > this.dataLimit) {
      throw new MetakitError('BAD_OFFSET', `expected ${what} of ${path} inside the data (${MARK_SIZE}..${this.dataLimit}), but it is at ${ref.pos}+${ref.size}`, {
        offset: this.region.base + Math.max(0, ref.pos),
        path,
        file: this.store.name,
      });
    }
  }

  /** The bytes of a column; `what` and `path` name it in errors. */
  column(ref: ColumnRef, what: string, path: string): Uint8Array {
    if (ref.size === 0) return EMPTY;
    this.check(ref, what, path);
    const key = `${this.id}c${ref.pos}:${ref.size}`;
    const hit = this.cache.get<Uint8Array>(key);
    if (hit) return hit;
    const bytes = ref.pos < 0
      ? (this.aside as DiffResolver).assemble(~ref.pos, ref.size, this, path)
      : this.store.read(this.region.base + ref.pos, ref.size);
    return this.cache.set(key, bytes, bytes.length);
  }

  /**
   * The bytes of a column in an array the caller owns and may edit: a fresh read that is not cached
   * (a cached copy is copied). The writer loads a column for its first edit this way, saving a
   * whole-column copy and the cache's reference to bytes that are about to change. The returned
   * view is followed by `spare` zero bytes in its buffer, room for the column to grow in place.
   */
  ownColumn(ref: ColumnRef, what: string, path: string, spare = 0): Uint8Array {
    if (ref.size === 0) return new Uint8Array(0);
    this.check(ref, what, path);
    const out = new Uint8Array(ref.size + spare).subarray(0, ref.size);
    const hit = this.cache.get<Uint8Array>(`${this.id}c${ref.pos}:${ref.size}`);
    if (hit) out.set(hit);
    else if (ref.pos < 0) out.set((this.aside as DiffResolver).assemble(~ref.pos, ref.size, this, path));
    else if (this.store.readInto) this.store.readInto(this.region.base + ref.pos, out);
    else out.set(this.store.read(this.region.base + ref.pos, ref.size));
    return out;
  }

  /**
   * Bytes [start, start+length) of a column, read alone (a window of a large column, so showing one
   * screen of a huge view does not read the whole column). Diff columns are assembled whole instead.
   */
  columnRange(ref: ColumnRef, start: number, length: number, what: string, path: string): Uint8Array {
    if (start < 0 || length < 0 || start + length > ref.size) {
      throw new RangeError(`window ${start}+${length} is outside the ${ref.size}-byte ${what} of ${path}`);
    }
    if (length === 0) return EMPTY;
    this.check(ref, what, path);
    if (ref.pos < 0) return this.column(ref, what, path).subarray(start, start + length);
    const whole = this.cache.get<Uint8Array>(`${this.id}c${ref.pos}:${ref.size}`);
    if (whole) return whole.subarray(start, start + length);
    const key = `${this.id}w${ref.pos}:${start}:${length}`;
    const hit = this.cache.get<Uint8Array>(key);
    if (hit) return hit;
    return this.cache.set(key, this.store.read(this.region.base + ref.pos + start, length), length);
  }

  /** Raw bytes of the main file at a relative position (aside base content); bounds-checked. */
  raw(pos: number, size: number, what: string, path: string): Uint8Array {
    if (pos < MARK_SIZE || pos + size > this.region.end - this.region.base) {
      throw new MetakitError('ASIDE_MISMATCH', `expected ${what} of ${path} at ${pos}+${size} inside the main file (${this.region.end - this.region.base} bytes of data)`, {
        offset: this.region.base + Math.max(0, pos),
        path,
      });
    }
    return this.store.read(this.region.base + pos, size);
  }

  /** Absolute file offset of a relative position, for messages (-1 for aside diffs). */
  absolute(pos: number): number {
    return pos < 0 ? -1 : this.region.base + pos;
  }

  /**
   * A per-row array of `rows` entries: row counts come from the file (a width-0 column may claim 2^31-1
   * rows in 0 bytes), so the decoded size is bounded like a column and a failed allocation is reported.
   */
  rowArray(rows: number, what: string, path: string): Int32Array {
    const bytes = rows * 4;
    if (bytes > this.limits.maxColumnBytes) {
      throw new MetakitError('LIMIT_EXCEEDED', `expected the decoded ${what} of ${path} to be at most ${this.limits.maxColumnBytes} bytes, but its ${rows} rows need ${bytes}`, { path });
    }
    try {
      return new Int32Array(rows);
    } catch (e) {
      throw new MetakitError('LIMIT_EXCEEDED', `expected memory for the decoded ${what} of ${path} (${bytes} bytes), but the allocation failed`, { path, cause: e });
    }
  }

  /**
   * Records that the subview column `ref` holds the subviews of `owner`. Metakit gives every subview
   * instance its own columns; a column shared by two instances (crafted or corrupt walks) would make a
   * full traversal exponential in the nesting depth, so it is refused.
   */
  claimSubviewColumn(ref: ColumnRef, owner: string): void {
    if (ref.size === 0) return;
    const had = this.subviewOwners.get(ref.pos);
    if (had === undefined) this.subviewOwners.set(ref.pos, owner);
    else if (had !== owner) {
      throw new MetakitError('BAD_WALK', `expected the subview column at ${ref.pos}+${ref.size} to belong to one view (${had}), but ${owner} refers to it too`, {
        path: owner,
        offset: this.absolute(ref.pos),
      });
    }
  }

  private readonly subviewOwners = new Map<number, string>();

  /** A cached derived value (decoded column, offsets) keyed by column identity. */
  derived<T>(kind: string, ref: ColumnRef, make: () => { value: T; bytes: number }): T {
    const key = `${this.id}${kind}${ref.pos}:${ref.size}`;
    const hit = this.cache.get<T>(key);
    if (hit !== undefined) return hit;
    const { value, bytes } = make();
    return this.cache.set(key, value, bytes);
  }
}

const EMPTY = new Uint8Array(0);
