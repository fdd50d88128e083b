/**
 * The delta aside writer: like c4_Differ, but each changed column is stored as the chunks that turn its
 * base bytes in the main file into its new content (diffEncoder.ts), in the diff the column already
 * has — one diff per column for the life of the aside, not one per commit — with the chunk bytes laid
 * out so unchanged blocks are not written again (chunkLayout.ts). The root walk is the last diff, as
 * c4_Differ::GetRoot requires; the old root entry is reused for the first new column so the `_C` view
 * grows only by columns that were never in the aside. Readers (ours and Metakit's) apply the chunks
 * with ApplyDiff, whatever wrote them.
 */
import type { Col } from '../write/col.js';
import type { BytesHandler } from '../write/handlers/bytesHandler.js';
import { shouldBeMemo } from '../write/handlers/bytesItems.js';
import type { IntHandler } from '../write/handlers/intHandler.js';
import type { Seq } from '../write/handlers/seq.js';
import type { MemoPolicy } from '../write/model.js';
import type { ColumnRange } from '../write/saveContext.js';
import { applyDiff, type DiffChunk } from './asideDiffs.js';
import { matchSegments, refineSegments, REFINE_MIN } from './byteMatch.js';
import { ByteMap, FRESH, type Segment } from './bytePieces.js';
import { layoutChunks, MEMO_MIN, MERGE_BUDGET, type Budget } from './chunkLayout.js';
import { planDelta, wholePlan, type DeltaPlan } from './diffEncoder.js';
import { Differ, type AsideHost } from './differ.js';

/** Chunk blocks are memos (kept in place while unchanged); untouched diffs are not re-committed. */
export const DELTA_MEMO_POLICY: MemoPolicy = {
  isMemo: (length, rows) => length >= MEMO_MIN || shouldBeMemo(length, rows),
  recommitMemos: false,
};

export interface DeltaDifferOptions {
  /** Apply every diff written to the main file and compare with the column (tests). */
  verify?: boolean;
}

const EMPTY = new Uint8Array(0);

function sameBytes(a: Uint8Array | null, b: Uint8Array): boolean {
  if (!a || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function sameChunk(a: DiffChunk, b: DiffChunk): boolean {
  return a.keep === b.keep && a.resize === b.resize && sameBytes(a.bytes, b.bytes);
}

export class DeltaDiffer extends Differ {
  /** The chunks each diff holds (as written or as read from the aside). */
  private readonly stored = new Map<number, DiffChunk[]>();
  /** The root entry of the previous commit: free for the first column that needs a new diff. */
  private spare = -1;
  private readonly claimed = new Set<number>();
  private touched = false;
  private budget: Budget = { left: MERGE_BUDGET };

  constructor(
    aside: AsideHost,
    private readonly options: DeltaDifferOptions = {},
  ) {
    super(aside);
    aside.setMemoPolicy(DELTA_MEMO_POLICY);
  }

  beginCommit(): void {
    this.spare = this.count > 0 ? this.count - 1 : -1;
    this.claimed.clear();
    this.touched = false;
    this.budget = { left: MERGE_BUDGET };
  }

  commitColumn(col: Col, content: () => Uint8Array, range?: ColumnRange): number {
    const map = col.pos >= 0 ? col.knownMap() : null;
    let plan: DeltaPlan;
    if (map && range) {
      // Followed edit by edit: only the new bytes are encoded.
      plan = planDelta({ segments: map.segments, size: col.size, read: (a, b) => range(a, b).slice(), limit: this.limit() });
    } else {
      // Reading the content may load the column through its diff, which tells its id.
      plan = this.plan(col, content());
    }
    const id = this.idFor(col);
    const chunks = layoutChunks(plan.chunks, this.storedChunks(id), this.budget);
    if (this.options.verify) this.verify(id, plan.origin, chunks, content());
    this.write(id, plan.origin, chunks);
    col.diffId = id;
    return ~id;
  }

  finishCommit(rootWalk: Uint8Array, previousRootWalk: Uint8Array | null): boolean {
    const walkChanged = !sameBytes(previousRootWalk, rootWalk);
    let id: number;
    if (this.spare >= 0) {
      // No column took a new row, so the old root entry is still the last row.
      if (!walkChanged) return this.touched;
      id = this.spare;
    } else {
      id = this.newDiffId();
    }
    // GetRoot reads the `_B` of the first chunk only: the walk stays one chunk.
    this.write(id, 0, [{ keep: 0, resize: 0, bytes: rootWalk.slice() }]);
    return true;
  }

  /** A column read through a diff: its map, with long fresh stretches that equal the main file found. */
  override map(id: number, size: number, content?: Uint8Array): ByteMap | null {
    const map = super.map(id, size);
    const origin = this.origin(id);
    if (!map || !content || origin <= 0 || !this.main || !map.segments.some((s) => s.src === FRESH && s.len >= REFINE_MIN)) return map;
    const main = this.main;
    const refined = refineSegments(map.segments, origin, (a, b) => content.subarray(a, b), (pos, len) => main.raw(pos, len, 'base column', `aside diff ${id}`), this.limit());
    return ByteMap.of(refined);
  }

  private idFor(col: Col): number {
    let id = col.pos < 0 ? ~col.pos : col.diffId;
    if (id < 0 || id >= this.count || id === this.spare || this.claimed.has(id)) id = this.allocate();
    this.claimed.add(id);
    return id;
  }

  private allocate(): number {
    if (this.spare >= 0) {
      const id = this.spare;
      this.spare = -1;
      return id;
    }
    return this.newDiffId();
  }

  override newDiffId(): number {
    this.touched = true;
    const id = super.newDiffId();
    this.stored.set(id, []);
    return id;
  }

  /** Where the main file's bytes may serve as a base: up to the end of its committed data. */
  private limit(): number {
    if (!this.main) throw new Error('unreachable: delta differ used before it was attached to a main storage');
    return this.main.region.end - this.main.region.base;
  }

  private plan(col: Col, bytes: Uint8Array): DeltaPlan {
    const limit = this.limit();
    const read = (a: number, b: number): Uint8Array => bytes.slice(a, b);
    let segments: readonly Segment[] | null = col.knownMap()?.segments ?? null;
    if (!segments && col.basePos > 0 && col.basePos + col.baseSize <= limit) {
      // Not followed edit by edit: compared with where it came from.
      const base = (this.main as NonNullable<typeof this.main>).raw(col.basePos, col.baseSize, 'base column', `aside diff base`);
      segments = matchSegments(base, col.basePos, bytes);
    }
    if (!segments) return wholePlan(bytes.slice());
    return planDelta({ segments, size: bytes.length, read, limit });
  }

  private verify(id: number, origin: number, chunks: readonly DiffChunk[], bytes: Uint8Array): void {
    const got = applyDiff(id, origin, chunks, bytes.length, this.main as NonNullable<typeof this.main>, `aside diff ${id}`, this.aside.name);
    if (!sameBytes(got, bytes)) {
      let at = 0;
      while (at < got.length && got[at] === bytes[at]) at++;
      throw new Error(`unreachable: delta diff ${id} (origin ${origin}, ${chunks.length} chunks) rebuilds a different column: first difference at byte ${at} of ${bytes.length}`);
    }
  }

  private storedChunks(id: number): DiffChunk[] {
    let chunks = this.stored.get(id);
    if (!chunks) {
      chunks = this.chunks(id);
      this.stored.set(id, chunks);
    }
    return chunks;
  }

  /**
   * Makes diff `id` hold `chunks` over base `origin`, touching as little as possible: rows whose memo
   * block is unchanged stay (rows are inserted or removed around them), other rows are set in place.
   */
  private write(id: number, origin: number, chunks: readonly DiffChunk[]): void {
    const old = this.storedChunks(id).slice();
    const originChanged = this.origin(id) !== origin;
    if (!originChanged && old.length === chunks.length && old.every((c, i) => sameChunk(c, chunks[i] as DiffChunk))) return;
    this.touched = true;
    if (originChanged) this.origins().set(id, origin);
    const d = this.chunkViews().child(id);
    const memo = (c: DiffChunk | undefined): boolean => c !== undefined && c.bytes.length >= MEMO_MIN;
    let i = 0;
    let j = 0;
    while (i < chunks.length) {
      const want = chunks[i] as DiffChunk;
      const have = old[j];
      if (have && sameBytes(have.bytes, want.bytes)) {
        this.setRow(d, j, have, want);
        i++;
        j++;
        continue;
      }
      // Rows between here and a stored block needed now are gone; rows needed before a stored block are new.
      const later = memo(want) ? old.findIndex((c, k) => k > j && k <= j + 8 && sameBytes(c.bytes, want.bytes)) : -1;
      if (later > j) {
        d.removeRows(j, later - j);
        old.splice(j, later - j);
        continue;
      }
      const ahead = memo(have) ? chunks.findIndex((c, k) => k > i && k <= i + 8 && sameBytes(c.bytes, (have as DiffChunk).bytes)) : -1;
      const insert = ahead > i ? ahead - i : have ? 0 : 1;
      if (insert > 0) {
        d.insertRows(j, insert);
        old.splice(j, 0, ...Array.from({ length: insert }, () => ({ keep: 0, resize: 0, bytes: EMPTY })));
      }
      this.setRow(d, j, old[j] as DiffChunk, want);
      old[j] = want;
      i++;
      j++;
    }
    if (j < old.length) d.removeRows(j, old.length - j);
    this.stored.set(id, chunks.slice());
  }

  private setRow(d: Seq, row: number, have: DiffChunk, want: DiffChunk): void {
    if (have.keep !== want.keep) (d.handler('_K') as IntHandler).set(row, want.keep);
    if (have.resize !== want.resize) (d.handler('_R') as IntHandler).set(row, want.resize);
    if (!sameBytes(have.bytes, want.bytes)) (d.handler('_B') as BytesHandler).set(row, want.bytes.slice());
  }
}
