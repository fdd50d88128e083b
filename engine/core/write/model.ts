/**
 * What every handler of a writable storage shares: the data source of the committed generation, the
 * aside diffs it reads through, the byte order and limits.
 */
import type { ByteMap } from '../aside/bytePieces.js';
import { MetakitError } from '../base/errors.js';
import type { DataSource } from '../read/dataSource.js';
import type { Col } from './col.js';

/** Reads the aside's `_C` view of a writable storage (which may have uncommitted diff rows). */
export interface DiffSource {
  readonly count: number;
  origin(id: number): number;
  content(id: number, size: number): Uint8Array;
  /**
   * The column of diff `id` as segments of the main file (null when its chunks do not say); with the
   * column's `content`, a delta writer may also find which of its fresh bytes equal the main file.
   */
  map(id: number, size: number, content?: Uint8Array): ByteMap | null;
}

/** Which `S`/`B` items a storage keeps as memos, and whether untouched properties with memos are re-committed. */
export interface MemoPolicy {
  isMemo(length: number, rows: number): boolean;
  /**
   * Metakit re-commits every property holding memos at every commit, rewriting its sizes and memo
   * walk; false leaves an unchanged property as it is.
   */
  recommitMemos: boolean;
}

export interface ModelContext {
  readonly src: DataSource;
  readonly littleEndian: boolean;
  /** Diffs of the attached aside, if any. */
  diffs: DiffSource | null;
  readonly maxDepth: number;
  /** Memo rule of this storage (default: Metakit's, c4_FormatB::ShouldBeMemo). */
  memoPolicy?: MemoPolicy;
}

/**
 * The bytes of a stored column. A column that lives in an aside diff is "loaded" the way Metakit loads
 * it: its position becomes the diff's base position `_O` and it turns dirty (applying the diff is a
 * modification), which decides the ids of the next aside commit.
 */
export function loadColumn(ctx: ModelContext, col: Col, what: string, path: string): Uint8Array {
  if (col.size === 0) return new Uint8Array(0);
  if (col.pos < 0) {
    const id = ~col.pos;
    if (!ctx.diffs) {
      throw new MetakitError('ASIDE_MISSING', `expected ${what} of ${path} in the main file, but it refers to aside diff ${id} and no aside is attached`, { path });
    }
    if (id >= ctx.diffs.count) {
      throw new MetakitError('ASIDE_MISMATCH', `expected aside diff ${id} for ${what} of ${path}, but the aside holds only ${ctx.diffs.count} diffs`, { path });
    }
    const bytes = ctx.diffs.content(id, col.size);
    adoptDiff(ctx.diffs, col, bytes);
    return bytes;
  }
  if (col.pos === 0) throw new Error(`unreachable: stored ${what} of ${path} has no position`);
  return ctx.src.ownColumn(col.ref, what, path);
}

/** A column read through diff ~pos takes the diff's base position and turns dirty (c4_Column::SetupSegments). */
export function adoptDiff(diffs: DiffSource, col: Col, content?: Uint8Array): void {
  const id = ~col.pos;
  col.diffId = id;
  col.map = col.tracked ? diffs.map(id, col.size, content) : null;
  col.pos = diffs.origin(id);
  col.dirty = true;
}
