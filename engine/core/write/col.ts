/**
 * The persistent state of one column in a writable storage: where it is (relative position, or a
 * negative aside diff id, or 0 when it lives only in memory), its byte size, and whether it must be
 * written at the next commit. These three facts drive allocation exactly as c4_Column's do.
 */
import type { ColumnRef } from '../walk.js';

export class Col {
  constructor(
    public pos = 0,
    public size = 0,
    public dirty = false,
  ) {}

  static of(ref: ColumnRef): Col {
    return new Col(ref.size > 0 ? ref.pos : 0, ref.size, false);
  }

  /** c4_Column::SetBuffer: a fresh in-memory column, dirty. */
  reset(size = 0): void {
    this.pos = 0;
    this.size = size;
    this.dirty = true;
  }

  get ref(): ColumnRef {
    return { size: this.size, pos: this.pos };
  }
}
