/**
 * Reading through an aside (format §10): the aside is an ordinary datafile whose view
 * `_C[_O:I,_D[_K:I,_R:I,_B:B]]` holds one row per diff id. A negative column position ~id in the main
 * file's walks means "the content of diff id": `size` bytes from the main file at `_O` (nothing when
 * `_O` is 0), then each chunk of `_D` applied in order: skip `_K`, grow/shrink by `_R`, write `_B`.
 */
import { MetakitError } from '../base/errors.js';
import type { DataSource, DiffResolver } from '../read/dataSource.js';
import type { View } from '../read/view.js';

export const DIFF_VIEW = '_C';
export const DIFF_LAYOUT = '_C[_O:I,_D[_K:I,_R:I,_B:B]]';

export interface DiffChunk {
  keep: number;
  resize: number;
  bytes: Uint8Array;
}

export class AsideDiffs implements DiffResolver {
  private readonly origins: Int32Array;

  constructor(
    private readonly diffs: View,
    private readonly asideName: string,
    /** Where the aside's layout is stored (its root walk), for errors about the layout. */
    private readonly layoutAt?: number,
  ) {
    const want = ['_O', '_D'];
    for (const name of want) {
      if (diffs.propertyIndex(name) < 0) {
        throw new MetakitError('ASIDE_MISMATCH', `expected the aside's ${DIFF_VIEW} view to have the layout ${DIFF_LAYOUT}, but it is ${DIFF_VIEW}[${diffs.description}]`, {
          file: asideName, offset: layoutAt,
        });
      }
    }
    if (diffs.typeOf('_O') !== 'I' || diffs.typeOf('_D') !== 'V') {
      throw new MetakitError('ASIDE_MISMATCH', `expected the aside's ${DIFF_VIEW} view to have the layout ${DIFF_LAYOUT}, but it is ${DIFF_VIEW}[${diffs.description}]`, {
        file: asideName, offset: layoutAt,
      });
    }
    this.origins = diffs.rowCount > 0 ? diffs.ints('_O') : new Int32Array(0);
  }

  get count(): number {
    return this.diffs.rowCount;
  }

  /** Base position (in the main file) of diff `id`. */
  origin(id: number): number {
    return this.origins[id] as number;
  }

  /**
   * What identifies the content of diff `id` in this generation: its base and where its chunks are
   * stored. A delta aside keeps a column's diff id across commits while its chunks grow, so a
   * column reference alone does not say whether the column changed.
   */
  fingerprint(id: number): string {
    const d = this.diffs.getView(id, '_D');
    return `${this.origin(id)}:${d.rowCount}:${JSON.stringify(d.columnSources)}`;
  }

  chunks(id: number): DiffChunk[] {
    const d = this.chunkView(id);
    const out: DiffChunk[] = [];
    for (let r = 0; r < d.rowCount; r++) {
      out.push({ keep: d.getInt(r, '_K'), resize: d.getInt(r, '_R'), bytes: d.getBytes(r, '_B') });
    }
    return out;
  }

  /** The `_D` view of diff `id`, checked to have the chunk layout (also for the root walk). */
  private chunkView(id: number): View {
    const d = this.diffs.getView(id, '_D');
    for (const [name, type] of [['_K', 'I'], ['_R', 'I'], ['_B', 'B']] as const) {
      const i = d.propertyIndex(name);
      if (i < 0 || d.typeOf(i) !== type) {
        throw new MetakitError('ASIDE_MISMATCH', `expected diff chunks with the layout _D[_K:I,_R:I,_B:B], but found _D[${d.description}]`, { file: this.asideName, offset: this.layoutAt });
      }
    }
    return d;
  }

  /** The root walk replacing the main file's (GetRoot): `_B` of the first chunk of the last diff. */
  rootWalk(): Uint8Array | null {
    const last = this.count - 1;
    if (last < 0) return null;
    const d = this.chunkView(last);
    if (d.rowCount === 0) return null;
    return d.getBytes(0, '_B');
  }

  assemble(id: number, size: number, main: DataSource, path: string): Uint8Array {
    return applyDiff(id, this.origin(id), this.chunks(id), size, main, path, this.asideName);
  }
}

/**
 * The content of diff `id` for a column of `size` bytes (c4_Differ::ApplyDiff): `size` bytes of the
 * main file at `origin` (nothing when 0), then each chunk: skip, grow/shrink, overwrite.
 */
export function applyDiff(id: number, origin: number, chunks: readonly DiffChunk[], size: number, main: DataSource, path: string, asideName: string): Uint8Array {
  const only = chunks[0];
  // Metakit 2.4.9.8 writes one chunk holding the whole column: the base bytes are then irrelevant.
  if (chunks.length === 1 && only && only.keep === 0 && only.resize === 0 && only.bytes.length === size) return only.bytes.slice();
  if (origin < 0) {
    throw new MetakitError('ASIDE_MISMATCH', `expected a base position >= 0 in aside diff ${id} for ${path}, but _O is ${origin}`, { path, file: asideName });
  }
  if (origin === 0) {
    // No base bytes: the chunks must supply the column, or a tiny aside could claim gigabytes of zeros.
    const supplied = chunks.reduce((n, c) => n + c.bytes.length, 0);
    if (supplied < size) {
      throw new MetakitError('ASIDE_MISMATCH', `expected aside diff ${id} (no base) to supply the ${size} bytes of ${path}, but its chunks hold ${supplied}`, { path, file: asideName });
    }
  }
  let col: Uint8Array = origin > 0 ? main.raw(origin, size, `base of aside diff ${id}`, path) : new Uint8Array(size);
  let length = col.length;
  let offset = 0;
  const fail = (message: string): never => {
    throw new MetakitError('ASIDE_MISMATCH', message, { path, file: asideName });
  };
  for (const chunk of chunks) {
    if (chunk.keep < 0) fail(`expected a non-negative skip in aside diff ${id} for ${path}, but found ${chunk.keep}`);
    offset += chunk.keep;
    if (offset > length) fail(`expected aside diff ${id} for ${path} to stay inside its ${length}-byte column, but it skips to ${offset}`);
    if (chunk.resize < 0) {
      const n = -chunk.resize;
      if (offset + n > length) fail(`expected aside diff ${id} for ${path} to delete inside its ${length}-byte column, but it deletes ${n} bytes at ${offset}`);
      col.copyWithin(offset, offset + n, length);
      length -= n;
    } else if (chunk.resize > 0) {
      const next = new Uint8Array(length + chunk.resize);
      next.set(col.subarray(0, offset));
      next.set(col.subarray(offset, length), offset + chunk.resize);
      col = next;
      length += chunk.resize;
    }
    if (offset + chunk.bytes.length > length) fail(`expected aside diff ${id} for ${path} to write inside its ${length}-byte column, but it writes ${chunk.bytes.length} bytes at ${offset}`);
    col.set(chunk.bytes, offset);
    offset += chunk.bytes.length;
  }
  if (length !== size) fail(`expected aside diff ${id} to give ${size} bytes for ${path}, but it gives ${length}`);
  return length === col.length ? col : col.slice(0, length);
}
