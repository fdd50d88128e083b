/**
 * V properties (c4_FormatV): one sequence per row, created lazily from the stored subview column. At
 * commit the column is regenerated from the rows' walks and rewritten only if its bytes changed (or
 * rows were inserted/removed, which resets it).
 */
import { MetakitError } from '../../base/errors.js';
import { ByteSink } from '../../base/varint.js';
import { indexSubviewColumn, readSequenceAt, type ColumnGroup, type ColumnRef, type SubviewIndex } from '../../read/walk.js';
import { Col } from '../col.js';
import { Handler } from './handler.js';
import type { Field } from '../../read/structure.js';
import { loadColumn } from '../model.js';
import type { SaveContext } from '../saveContext.js';
import { Seq } from './seq.js';

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

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
