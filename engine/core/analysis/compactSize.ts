/**
 * The size a compacted file holding a storage's current content would have: what a flush writes for
 * main + aside. Lays the columns out one after the other in Metakit's traversal order (the order its
 * writer allocates them in a fresh file) and re-encodes every walk with the new positions: the root
 * walk, subview columns (one sequence walk per parent row) and memo walks. Positions change size as
 * varints (and aside references, stored as negative ~id, become positive), so walks shrink or grow
 * by a few bytes against their current form. Equal to the file size for every file Metakit wrote in
 * one go (corpus test) and for a file our writer wrote with the same rows as an aside-merged storage.
 */
import { ByteCursor, varintLength } from '../base/varint.js';
import { MARK_SIZE } from '../read/header.js';
import type { Storage } from '../read/storage.js';
import type { TraverseOptions } from '../read/traverse.js';
import type { PropSource, View } from '../read/view.js';
import { readColumnRef, type ColumnRef } from '../read/walk.js';

export interface CompactEstimate {
  /** Every column the content needs, walks inside subview and memo columns re-encoded. */
  columnBytes: number;
  /** The root walk: description, root row count and the root column references. */
  rootWalkBytes: number;
  /** The header and the skip and commit tails. */
  markBytes: number;
  total: number;
}

interface Placed {
  size: number;
  pos: number;
}

const utf8 = new TextEncoder();

class Layout {
  offset = MARK_SIZE;
  private readonly placed = new Map<ColumnRef, Placed>();
  views = 0;

  constructor(private readonly options: TraverseOptions) {}

  /** Allocates `size` bytes for `ref` at the current end. */
  place(ref: ColumnRef, size: number): void {
    if (size <= 0) return;
    this.placed.set(ref, { size, pos: this.offset });
    this.offset += size;
  }

  refBytes(ref: ColumnRef): number {
    const p = this.placed.get(ref);
    return p ? varintLength(p.size) + varintLength(p.pos) : varintLength(0);
  }

  /** The column references of one view instance's walk (§5.3), in stored order. */
  groupsBytes(sources: readonly (PropSource | undefined)[]): number {
    let n = 0;
    for (const src of sources) {
      if (!src) continue;
      if (src.kind === 'value' || src.kind === 'view') n += this.refBytes(src.col);
      else if (src.kind === 'bytes') {
        n += this.refBytes(src.data);
        if (src.data.size > 0) n += this.refBytes(src.sizes);
        n += this.refBytes(src.memo);
      }
    }
    return n;
  }

  /** A sequence walk (subview instance): format code, row count, then its groups if it has rows. */
  sequenceWalkBytes(v: View): number {
    return varintLength(0) + varintLength(v.rowCount) + (v.rowCount > 0 ? this.groupsBytes(v.columnSources) : 0);
  }

  /** Lays out every column of a view instance, children first, as Metakit's writer does. */
  view(v: View): void {
    this.views++;
    if (this.options.onProgress && this.views % (this.options.progressEvery ?? 10_000) === 0) this.options.onProgress(this.views);
    if (this.options.signal?.aborted) throw new Error('aborted');
    if (v.rowCount === 0) return;
    v.fields.forEach((f, p) => {
      const src = v.columnSources[p];
      if (!src) return;
      switch (src.kind) {
        case 'value':
          this.place(src.col, src.col.size);
          return;
        case 'bytes':
          this.bytes(v, `${v.path}.${f.name}`, src.data, src.sizes, src.memo);
          return;
        case 'view': {
          let walks = 0;
          for (let r = 0; r < v.rowCount; r++) {
            const child = v.getView(r, p);
            this.view(child);
            walks += this.sequenceWalkBytes(child);
          }
          this.place(src.col, walks);
          return;
        }
        case 'inlineViews':
          for (let r = 0; r < v.rowCount; r++) this.view(v.getView(r, p));
          return;
        case 'oldStrings':
          this.place(src.data, src.data.size);
          return;
        case 'oldMemos':
          this.place(src.sizes, src.sizes.size);
          this.place(src.positions, src.positions.size);
      }
    });
  }

  /** S/B: memo items, data, sizes, then the memo walk re-encoded with the items' new positions. */
  private bytes(v: View, path: string, data: ColumnRef, sizes: ColumnRef, memo: ColumnRef): void {
    const items: { skip: number; ref: ColumnRef }[] = [];
    if (memo.size > 0) {
      const src = v.context.src;
      const walk = src.column(memo, 'memo walk', path);
      const c = new ByteCursor(walk, 0, walk.length, src.absolute(memo.pos), 'memo walk');
      while (!c.atEnd) items.push({ skip: c.count('memo row skip'), ref: readColumnRef(c) });
    }
    for (const it of items) this.place(it.ref, it.ref.size);
    this.place(data, data.size);
    this.place(sizes, sizes.size);
    let walkBytes = 0;
    for (const it of items) walkBytes += varintLength(it.skip) + this.refBytes(it.ref);
    this.place(memo, walkBytes);
  }
}

export function estimateCompactSize(storage: Storage, options: TraverseOptions = {}): CompactEstimate {
  if (storage.info.empty && !storage.info.rootFromAside) return { columnBytes: 0, rootWalkBytes: 0, markBytes: 0, total: 0 };
  const layout = new Layout(options);
  layout.view(storage.root);
  const columnBytes = layout.offset - MARK_SIZE;
  const desc = utf8.encode(storage.description).length;
  const rootWalkBytes = varintLength(0) + varintLength(desc) + desc + varintLength(1) + layout.groupsBytes(storage.root.columnSources);
  const markBytes = 3 * MARK_SIZE;
  return { columnBytes, rootWalkBytes, markBytes, total: markBytes + columnBytes + rootWalkBytes };
}
