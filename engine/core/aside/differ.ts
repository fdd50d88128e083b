/**
 * The aside of a writable storage (c4_Differ): commits of the main storage become rows of the aside's
 * `_C[_O:I,_D[_K:I,_R:I,_B:B]]` view (in memory until the aside itself is committed), and columns of
 * the main storage are read back through those rows.
 */
import type { DataSource, DiffResolver } from '../read/dataSource.js';
import type { BytesHandler } from '../write/handlers/bytesHandler.js';
import type { IntHandler } from '../write/handlers/intHandler.js';
import type { Seq, SubviewHandler } from '../write/handlers/seq.js';
import type { DiffSource, MemoPolicy } from '../write/model.js';
import type { DiffWriter } from '../write/saveContext.js';
import { applyDiff, DIFF_LAYOUT, type DiffChunk } from './asideDiffs.js';
import { mapFromChunks, type ByteMap } from './bytePieces.js';

/** The storage an aside lives in: only its `_C` view is used. */
export interface AsideHost {
  readonly name: string;
  /** getAs(DIFF_LAYOUT) on the aside, returning the `_C` view's sequence. */
  diffSequence(layout: string): Seq;
  /** Sets the aside's memo rule (delta asides keep their chunk blocks as memos). */
  setMemoPolicy(policy: MemoPolicy | undefined): void;
}

export class Differ implements DiffWriter, DiffSource, DiffResolver {
  /**
   * The `_C` view, fetched anew on every use: committing an aside whose `_C` is empty drops that empty
   * sequence (an empty subview keeps no object), so a reference kept from before would be orphaned.
   */
  protected get diffs(): Seq {
    return this.aside.diffSequence(DIFF_LAYOUT);
  }
  /** The main storage's committed data, for diffs that patch base bytes. */
  main: DataSource | null = null;

  constructor(readonly aside: AsideHost) {
    aside.diffSequence(DIFF_LAYOUT);
  }

  get count(): number {
    return this.diffs.rows;
  }

  protected origins(): IntHandler {
    return this.diffs.handler('_O') as IntHandler;
  }

  protected chunkViews(): SubviewHandler {
    return this.diffs.handler('_D') as SubviewHandler;
  }

  origin(id: number): number {
    return this.origins().get(id);
  }

  chunks(id: number): DiffChunk[] {
    const d = this.chunkViews().child(id);
    const k = d.handler('_K') as IntHandler;
    const r = d.handler('_R') as IntHandler;
    const b = d.handler('_B') as BytesHandler;
    const out: DiffChunk[] = [];
    for (let i = 0; i < d.rows; i++) out.push({ keep: k.get(i), resize: r.get(i), bytes: b.item(i) });
    return out;
  }

  map(id: number, size: number, _content?: Uint8Array): ByteMap | null {
    return mapFromChunks(this.origin(id), size, this.chunks(id));
  }

  content(id: number, size: number): Uint8Array {
    if (!this.main) throw new Error('unreachable: differ read before it was attached to a main storage');
    return this.assemble(id, size, this.main, `aside diff ${id}`);
  }

  assemble(id: number, size: number, main: DataSource, path: string): Uint8Array {
    return applyDiff(id, this.origin(id), this.chunks(id), size, main, path, this.aside.name);
  }

  /** c4_Differ::GetRoot: the first chunk of the last diff holds the current root walk. */
  rootWalk(): Uint8Array | null {
    const last = this.count - 1;
    if (last < 0) return null;
    const d = this.chunkViews().child(last);
    if (d.rows === 0) return null;
    return (d.handler('_B') as BytesHandler).item(0).slice();
  }

  newDiffId(): number {
    const n = this.diffs.rows;
    this.diffs.setSize(n + 1);
    return n;
  }

  /** One chunk holding the whole column (all that Metakit 2.4.9.8 writes), then `_O`. */
  createDiff(id: number, origin: number, bytes: Uint8Array): void {
    const chunks = this.chunkViews().replaceChild(id);
    chunks.setSize(1);
    (chunks.handler('_K') as IntHandler).set(0, 0);
    (chunks.handler('_R') as IntHandler).set(0, 0);
    (chunks.handler('_B') as BytesHandler).set(0, bytes);
    this.origins().set(id, origin);
  }
}
