/**
 * One commit's traversal state (c4_SaveContext): the walk being built, the two allocators, and the
 * positions chosen in pass 1 that pass 2 writes to. With an aside attached, columns get diff ids
 * instead of positions.
 */
import type { ByteSink } from '../base/varint.js';
import { describeFields, type Field } from '../read/structure.js';
import type { Allocator } from './allocator.js';
import type { Col } from './col.js';

export interface DiffWriter {
  /** Appends an empty diff row and returns its id. */
  newDiffId(): number;
  /** Stores `bytes` as the single chunk of diff `id`, based at main-file position `origin`. */
  createDiff(id: number, origin: number, bytes: Uint8Array): void;
  /**
   * Delta asides: stores a changed column in a diff of its choice and returns the walk position (~id).
   * Without it, Metakit's rule applies: the id of a column still at a negative position, else a new
   * row, holding the whole column.
   */
  commitColumn?(col: Col, content: () => Uint8Array, range?: ColumnRange): number;
  /** Delta asides: called before the traversal of an aside commit. */
  beginCommit?(): void;
  /** Delta asides: stores the new root walk (the last diff); returns whether the commit changed anything. */
  finishCommit?(rootWalk: Uint8Array, previousRootWalk: Uint8Array | null): boolean;
}

/** Bytes [start, end) of a column's new content, without encoding all of it. */
export type ColumnRange = (start: number, end: number) => Uint8Array;

/** What a commit reads of a view instance (a Seq): its structure, rows and handlers. */
export interface CommittedSeq {
  readonly fields: readonly Field[];
  readonly rows: number;
  readonly handlers: readonly { commit(sc: SaveContext): void }[];
}

export interface PlannedWrite {
  pos: number;
  bytes: Uint8Array;
}

const utf8 = new TextEncoder();

export class SaveContext {
  preflight = true;
  readonly writes: PlannedWrite[] = [];
  private readonly positions: number[] = [];
  private nextPosition = 0;
  private walk: ByteSink | null = null;

  constructor(
    readonly space: Allocator,
    readonly next: Allocator,
    readonly fullScan: boolean,
    readonly differ: DiffWriter | null,
  ) {}

  /** Redirects StoreValue; returns the previous target (c4_SaveContext::SetWalkBuffer). */
  setWalk(sink: ByteSink | null): ByteSink | null {
    const prev = this.walk;
    this.walk = sink;
    return prev;
  }

  storeValue(v: number): void {
    this.walk?.varint(v);
  }

  /** c4_SaveContext::CommitColumn: reference into the walk, allocation (pass 1) or write (pass 2). */
  commitColumn(col: Col, content: () => Uint8Array, range?: ColumnRange): boolean {
    const changed = col.dirty || this.fullScan;
    const size = col.size;
    this.storeValue(size);
    if (size > 0) {
      let pos = col.pos;
      if (this.differ) {
        if (changed && this.differ.commitColumn) {
          pos = this.differ.commitColumn(col, content, range);
        } else if (changed) {
          const id = pos < 0 ? ~pos : this.differ.newDiffId();
          this.differ.createDiff(id, pos, content());
          pos = ~id;
        }
      } else if (this.preflight) {
        if (changed) pos = this.space.allocate(size);
        this.next.occupy(pos, size);
        this.positions.push(pos);
      } else {
        pos = this.positions[this.nextPosition++] as number;
        if (changed) {
          const bytes = content();
          if (bytes.length !== size) throw new Error(`unreachable: column content is ${bytes.length} bytes, expected ${size}`);
          this.writes.push({ pos, bytes });
        }
        if (!this.fullScan) {
          col.pos = pos;
          col.dirty = false;
        }
      }
      this.storeValue(pos);
    }
    return changed;
  }

  /** c4_SaveContext::CommitSequence: sias, description (root only), row count, column groups. */
  commitSequence(seq: CommittedSeq, selfDescribing: boolean): void {
    this.storeValue(0);
    if (selfDescribing) {
      const desc = utf8.encode(describeFields(seq.fields));
      this.storeValue(desc.length);
      this.walk?.pushBytes(desc);
    }
    this.storeValue(seq.rows);
    if (seq.rows > 0) for (const h of seq.handlers) h.commit(this);
  }
}
