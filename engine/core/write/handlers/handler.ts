/**
 * A property of one view instance in a writable storage (Metakit's format handlers): it knows its
 * columns, loads them lazily from the committed generation, applies edits the way Metakit does (so
 * the same columns turn dirty), and commits them through a SaveContext.
 */
import type { Field } from '../../read/structure.js';
import type { ColumnGroup, ColumnRef } from '../../read/walk.js';
import type { ModelContext } from '../model.js';
import type { SaveContext } from '../saveContext.js';

/** What a handler sees of the view instance it belongs to (a Seq, seq.ts). */
export interface HandlerSeq {
  readonly ctx: ModelContext;
  readonly rows: number;
  readonly path: string;
  readonly depth: number;
  /** V columns on the path from the root to this view instance (cycle detection). */
  readonly ancestors: readonly ColumnRef[];
  ancestorsWith(ref: ColumnRef): ColumnRef[];
}

export abstract class Handler {
  constructor(
    /** Replaced when a restructure changes a subview's properties. */
    public field: Field,
    readonly seq: HandlerSeq,
  ) {}

  get rows(): number {
    return this.seq.rows;
  }

  get path(): string {
    return this.seq.path ? `${this.seq.path}.${this.field.name}` : this.field.name;
  }

  /**
   * c4_Handler::Define. `group` is the stored column group (rows > 0) or null for a property added by
   * a restructure of a view that already has `rows` rows.
   */
  abstract define(rows: number, group: ColumnGroup | null): void;
  /** Inserts `count` default (empty/zero) rows at `row`; seq.rows is not yet updated. */
  abstract insertRows(row: number, count: number): void;
  /** Removes rows; seq.rows is not yet updated. */
  abstract removeRows(row: number, count: number): void;
  /** Writes the column group into the current walk (c4_Handler::Commit). */
  abstract commit(sc: SaveContext): void;

  /**
   * The append fast path: leaves exactly the state of insertRows(row, 1) followed (when `value` is not
   * undefined) by the typed set of `value` at `row`, where `row` is the row count before the append,
   * in one call, and returns true; or changes nothing and returns false when this handler's state
   * needs the general path. Appending a row costs about half as many calls this way.
   */
  appendFast(_value: unknown, _row: number): boolean {
    return false;
  }
}
