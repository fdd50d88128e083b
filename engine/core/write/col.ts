/**
 * The persistent state of one column in a writable storage: where it is (relative position, or a
 * negative aside diff id, or 0 when it lives only in memory), its byte size, and whether it must be
 * written at the next commit. These three facts drive allocation exactly as c4_Column's do.
 *
 * For delta asides a column also remembers where it came from in the main file (its base), the aside
 * diff it was read from or stored in (so later commits reuse that diff), and — when its handler keeps
 * it through every edit — a byte map saying which of its bytes still equal the main file.
 */
import { ByteMap } from '../aside/bytePieces.js';
import type { ColumnRef } from '../read/walk.js';

export class Col {
  /** Aside diff this column was read from or last stored in; -1 if none. */
  diffId = -1;
  /** Position and size in the main file when the column was defined from it (0: none). */
  basePos = 0;
  baseSize = 0;
  /** Set by handlers that report every edit through edit(); only their maps are trusted. */
  tracked = false;
  /** The current bytes against the main file; null when unknown (then they are compared). */
  map: ByteMap | null = null;

  constructor(
    public pos = 0,
    public size = 0,
    public dirty = false,
  ) {}

  static of(ref: ColumnRef): Col {
    const col = new Col(ref.size > 0 ? ref.pos : 0, ref.size, false);
    if (col.pos > 0) {
      col.basePos = col.pos;
      col.baseSize = col.size;
    }
    return col;
  }

  /** A column whose handler reports every change of its bytes through edit(). */
  static tracked(ref: ColumnRef): Col {
    const col = Col.of(ref);
    col.tracked = true;
    if (col.pos > 0) col.map = ByteMap.base(col.pos, col.size);
    return col;
  }

  /** c4_Column::SetBuffer: a fresh in-memory column, dirty (its bytes are no longer known). */
  reset(size = 0): void {
    this.pos = 0;
    this.size = size;
    this.dirty = true;
    this.map = null;
  }

  /** Records that `removeLen` bytes at `offset` were replaced by `insertLen` new ones. */
  edit(offset: number, removeLen: number, insertLen: number): void {
    if (this.map && !this.map.replace(offset, removeLen, insertLen)) this.map = null;
  }

  /** The map of the current bytes, if it is known and consistent with the size. */
  knownMap(): ByteMap | null {
    return this.tracked && this.map && this.map.length === this.size ? this.map : null;
  }

  get ref(): ColumnRef {
    return { size: this.size, pos: this.pos };
  }
}
