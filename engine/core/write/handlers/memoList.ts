/**
 * The memo items of one S/B property (c4_FormatB's _memos): which rows are stored as their own
 * columns, ascending, with each memo's column and content. Rows shift with inserts and deletes.
 */
import type { Col } from '../col.js';

export interface Memo {
  col: Col;
  /** Content in memory; null = still only in the file at col.pos. */
  bytes: Uint8Array | null;
}

export class MemoList {
  private rows: number[] = [];
  private memos: Memo[] = [];

  get length(): number {
    return this.rows.length;
  }

  /** Position of `row` in the list, or -1 when it is not a memo. */
  index(row: number): number {
    const rows = this.rows;
    let lo = 0;
    let hi = rows.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const v = rows[mid] as number;
      if (v === row) return mid;
      if (v < row) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  at(i: number): Memo {
    return this.memos[i] as Memo;
  }

  /** Appends a memo for a row after every listed one (loading the memo walk). */
  push(row: number, memo: Memo): void {
    this.rows.push(row);
    this.memos.push(memo);
  }

  /** Adds a memo for a row that is not one yet, keeping the order; returns its position. */
  add(row: number, memo: Memo): number {
    const rows = this.rows;
    let lo = 0;
    let hi = rows.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((rows[mid] as number) < row) lo = mid + 1;
      else hi = mid;
    }
    rows.splice(lo, 0, row);
    this.memos.splice(lo, 0, memo);
    return lo;
  }

  removeAt(i: number): void {
    this.rows.splice(i, 1);
    this.memos.splice(i, 1);
  }

  /** `count` rows were inserted at `row`. */
  shift(row: number, count: number): void {
    const rows = this.rows;
    for (let i = 0; i < rows.length; i++) if ((rows[i] as number) >= row) rows[i] = (rows[i] as number) + count;
  }

  /** Rows [row, row+count) were removed: their memos go, later ones move up. */
  removeRange(row: number, count: number): void {
    if (this.rows.length === 0) return;
    const keepRows: number[] = [];
    const keepMemos: Memo[] = [];
    this.rows.forEach((r, i) => {
      if (r < row) {
        keepRows.push(r);
        keepMemos.push(this.memos[i] as Memo);
      } else if (r >= row + count) {
        keepRows.push(r - count);
        keepMemos.push(this.memos[i] as Memo);
      }
    });
    this.rows = keepRows;
    this.memos = keepMemos;
  }
}
