/**
 * One view instance of a writable storage (c4_HandlerSeq): its structure, row count and one handler
 * per property. Built lazily from the committed walks; restructured in place by getAs.
 */
import { MetakitError } from '../../base/errors.js';
import { findField, type Field } from '../../read/structure.js';
import type { ColumnGroup, ColumnRef } from '../../read/walk.js';
import { BytesHandler } from './bytesHandler.js';
import type { Handler } from './handler.js';
import { IntHandler } from './intHandler.js';
import type { ModelContext } from '../model.js';
import { SubviewHandler } from './subviewHandler.js';
import { DoubleHandler, LongHandler } from './wideHandler.js';

export function createHandler(field: Field, seq: Seq): Handler {
  switch (field.type) {
    case 'I': case 'F': return new IntHandler(field, seq);
    case 'L': return new LongHandler(field, seq);
    case 'D': return new DoubleHandler(field, seq);
    case 'S': case 'B': return new BytesHandler(field, seq);
    case 'V': return new SubviewHandler(field, seq);
  }
}

export class Seq {
  rows = 0;
  handlers: Handler[] = [];

  private constructor(
    readonly ctx: ModelContext,
    public fields: readonly Field[],
    readonly path: string,
    readonly depth: number,
    readonly ancestors: readonly ColumnRef[],
  ) {
    if (depth > ctx.maxDepth) {
      throw new MetakitError('LIMIT_EXCEEDED', `expected subviews nested at most ${ctx.maxDepth} deep, but ${path} is deeper`, { path });
    }
    this.handlers = fields.map((f) => createHandler(f, this));
    for (const h of this.handlers) h.define(0, null);
  }

  static empty(ctx: ModelContext, fields: readonly Field[], path: string, depth: number, ancestors: readonly ColumnRef[]): Seq {
    return new Seq(ctx, fields, path, depth, ancestors);
  }

  /** c4_HandlerSeq::Prepare: handlers defined from a stored walk. */
  static stored(ctx: ModelContext, fields: readonly Field[], rows: number, groups: readonly ColumnGroup[], path: string, depth: number, ancestors: readonly ColumnRef[]): Seq {
    const seq = new Seq(ctx, fields, path, depth, ancestors);
    if (rows > 0) {
      seq.rows = rows;
      seq.handlers.forEach((h, i) => h.define(rows, groups[i] ?? null));
    }
    return seq;
  }

  ancestorsWith(ref: ColumnRef): ColumnRef[] {
    return ref.size > 0 ? [...this.ancestors, ref] : [...this.ancestors];
  }

  handler(name: string): Handler | undefined {
    const i = findField(this.fields, name);
    return i < 0 ? undefined : this.handlers[i];
  }

  insertRows(row: number, count: number): void {
    if (count <= 0) return;
    for (const h of this.handlers) h.insertRows(row, count);
    this.rows += count;
  }

  /**
   * Appends one row holding `slots[p]` for each property p (undefined: none). Handlers are independent
   * of one another, so each takes its insert-then-set in one appendFast call where it can; the others
   * get the general insertRows now and `set` once the row count includes the new row, as before.
   */
  appendRow(slots: readonly unknown[], set: (handler: Handler, row: number, value: unknown) => void): void {
    const row = this.rows;
    const hs = this.handlers;
    const slow = this.slowScratch;
    let nSlow = 0;
    for (let p = 0; p < hs.length; p++) {
      const h = hs[p] as Handler;
      if (h.appendFast(slots[p], row)) continue;
      h.insertRows(row, 1);
      slow[nSlow++] = p;
    }
    this.rows = row + 1;
    for (let k = 0; k < nSlow; k++) {
      const p = slow[k] as number;
      const v = slots[p];
      if (v !== undefined) set(hs[p] as Handler, row, v);
    }
  }

  private readonly slowScratch: number[] = [];

  removeRows(row: number, count: number): void {
    if (count <= 0) return;
    for (const h of this.handlers) h.removeRows(row, count);
    this.rows -= count;
  }

  /** c4_View::SetSize: empty rows added at the end, or rows dropped from the end. */
  setSize(rows: number): void {
    if (rows > this.rows) this.insertRows(this.rows, rows - this.rows);
    else if (rows < this.rows) this.removeRows(rows, this.rows - rows);
  }

  /**
   * c4_HandlerSeq::Restructure: properties matched by name (case-insensitively) keep their data and
   * move to their new place; new ones start empty; dropped ones lose their data. (Metakit keeps the
   * handler of a dropped property until the next commit, so re-adding it in between brings the old
   * values back; we drop it at once, which is what a restructure means to its callers.) Changing the
   * type of a property is refused: Metakit would relabel the old column and write a file it cannot read.
   */
  restructure(fields: readonly Field[]): void {
    const pool = [...this.handlers];
    const next: Handler[] = [];
    for (const f of fields) {
      const i = pool.findIndex((h) => h.field.name.toLowerCase() === f.name.toLowerCase());
      if (i >= 0) {
        const h = pool[i] as Handler;
        if (h.field.type !== f.type) {
          throw new MetakitError('BAD_LAYOUT', `expected property ${h.path} to keep its type ${h.field.type}, but the new layout makes it ${f.type}; Metakit would relabel the old column and write an unreadable file (drop the property and add it under another name instead)`, {
            path: h.path,
          });
        }
        pool.splice(i, 1);
        h.field = f;
        next.push(h);
      } else {
        const h = createHandler(f, this);
        h.define(this.rows, null);
        next.push(h);
      }
    }
    this.handlers = next;
    this.fields = fields;
    for (const h of next) if (h instanceof SubviewHandler) h.restructureChildren();
  }
}
