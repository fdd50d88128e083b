/**
 * A view instance of a writable storage (c4_HandlerSeq: its structure, row count and one handler per
 * property, built lazily from the committed walks and restructured in place by getAs) and the handler
 * of V properties (c4_FormatV: one such sequence per row). The two create each other, so they share
 * this file; the other handlers see a sequence only as the HandlerSeq of handler.ts.
 */
import { sameBytes } from '../../base/byteStore.js';
import { MetakitError } from '../../base/errors.js';
import { ByteSink } from '../../base/varint.js';
import { findField, type Field } from '../../read/structure.js';
import { indexSubviewColumn, readSequenceAt, type ColumnGroup, type ColumnRef, type SubviewIndex } from '../../read/walk.js';
import { Col } from '../col.js';
import { loadColumn, type ModelContext } from '../model.js';
import type { SaveContext } from '../saveContext.js';
import { BytesHandler } from './bytesHandler.js';
import { Handler, type HandlerSeq } from './handler.js';
import { IntHandler } from './intHandler.js';
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

export class Seq implements HandlerSeq {
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

/**
 * V properties (c4_FormatV): one sequence per row, created lazily from the stored subview column. At
 * commit the column is regenerated from the rows' walks and rewritten only if its bytes changed (or
 * rows were inserted/removed, which resets it).
 */
export class SubviewHandler extends Handler {
  col = new Col();
  /** Current content of the subview column (null: read it from the file when needed). */
  private content: Uint8Array | null = null;
  /** Per row: a sequence, null (no subview object: empty), or undefined (still only stored). */
  private children: (Seq | null | undefined)[] = [];
  private index: SubviewIndex | null = null;
  /** The stored column as loaded: the walks of rows not yet materialised are read from it. */
  private storedBytes: Uint8Array = new Uint8Array(0);
  private inited = false;
  /** The stored column's reference, for the cycle check of nested subviews. */
  private storedRef: ColumnRef = { size: 0, pos: 0 };

  /** The structure the stored column was written with (a restructure may change this.field first). */
  private storedFields: readonly Field[] = [];

  define(rows: number, group: ColumnGroup | null): void {
    this.storedFields = this.field.fields;
    this.children = new Array<Seq | null | undefined>(rows).fill(null);
    if (!group || group.kind !== 'view') return;
    this.col = Col.of(group.col);
    this.children.fill(undefined);
  }

  /** c4_FormatV::SetupAllSubviews: reads (loads) the column and indexes the rows' walks. */
  private setup(): void {
    if (this.inited) return;
    this.inited = true;
    if (this.col.size === 0) {
      this.children = this.children.map(() => null);
      return;
    }
    const ctx = this.seq.ctx;
    for (const a of this.seq.ancestors) {
      if (a.pos === this.col.pos && a.size === this.col.size) {
        throw new MetakitError('CYCLE', `expected subview column ${this.path} to differ from its ancestors, but it is the column at ${a.pos}+${a.size} again`, { path: this.path });
      }
    }
    this.storedRef = this.col.ref;
    const bytes = this.col.pos < 0 ? loadColumn(ctx, this.col, 'subview column', this.path) : ctx.src.column(this.col.ref, 'subview column', this.path);
    this.content = bytes;
    this.storedBytes = bytes;
    this.index = indexSubviewColumn(bytes, -1, this.children.length, this.storedFields, ctx.src.limits.maxRows);
    for (let r = 0; r < this.children.length; r++) if ((this.index.rows[r] as number) === 0) this.children[r] = null;
  }

  /** The subview of a row (created empty when there is none, as c4_FormatV::At does). */
  child(row: number): Seq {
    this.setup();
    let c = this.children[row];
    if (c === undefined) c = this.children[row] = this.prepareStored(row);
    if (c === null) c = this.children[row] = Seq.empty(this.seq.ctx, this.field.fields, `${this.seq.path}[${row}].${this.field.name}`, this.seq.depth + 1, this.seq.ancestorsWith(this.storedRef));
    return c;
  }

  /** c4_FormatV::Replace: a fresh, empty subview for `row` (the old one is dropped). */
  replaceChild(row: number): Seq {
    this.setup();
    this.children[row] = null;
    return this.child(row);
  }

  /** Row count of a row's subview without materialising it. */
  childRows(row: number): number {
    this.setup();
    const c = this.children[row];
    if (c === undefined) return this.index?.rows[row] ?? 0;
    return c === null ? 0 : c.rows;
  }

  private prepareStored(row: number): Seq {
    const index = this.index as SubviewIndex;
    const seq = readSequenceAt(this.storedBytes, -1, index.starts[row] as number, this.storedFields);
    const child = Seq.stored(this.seq.ctx, this.storedFields, seq.rows, seq.groups, `${this.seq.path}[${row}].${this.field.name}`, this.seq.depth + 1, this.seq.ancestorsWith(this.storedRef));
    if (this.storedFields !== this.field.fields) child.restructure(this.field.fields);
    return child;
  }

  /** Row numbers are about to shift: stored rows must become sequences first. */
  private materializeAll(): void {
    this.setup();
    for (let r = 0; r < this.children.length; r++) if (this.children[r] === undefined) this.children[r] = this.prepareStored(r);
  }

  insertRows(row: number, count: number): void {
    this.materializeAll();
    this.children.splice(row, 0, ...new Array<null>(count).fill(null));
    this.col.reset(0);
    this.content = new Uint8Array(0);
  }

  removeRows(row: number, count: number): void {
    this.materializeAll();
    this.children.splice(row, count);
    this.col.reset(0);
    this.content = new Uint8Array(0);
  }

  /** Applies a restructure to every existing subview. */
  restructureChildren(): void {
    this.materializeAll();
    for (const c of this.children) c?.restructure(this.field.fields);
  }

  commit(sc: SaveContext): void {
    this.setup();
    const walk = new ByteSink();
    const saved = sc.setWalk(walk);
    for (let r = 0; r < this.children.length; r++) {
      let c = this.children[r];
      if (c === undefined) c = this.children[r] = this.prepareStored(r);
      if (c === null) {
        walk.varint(0);
        walk.varint(0);
        continue;
      }
      sc.commitSequence(c, false);
      if (c.rows === 0) this.children[r] = null;
    }
    sc.setWalk(saved);
    const next = walk.bytes();
    const current = this.content ?? (this.col.size > 0 ? this.seq.ctx.src.column(this.col.ref, 'subview column', this.path) : new Uint8Array(0));
    if (!sameBytes(next, current)) {
      this.col.reset(next.length);
      this.content = next;
    }
    sc.commitColumn(this.col, () => this.content as Uint8Array);
  }
}
