/**
 * The free-space map a read-write commit starts from (c4_Persist's _space after loading): every column
 * position the loaded generation names in the main file is occupied, and nothing else.
 *
 * Metakit builds it as c4_Column::PullLocation sees positive positions, lazily as walks are parsed, but
 * a read-write commit first detaches the root from the storage (c4_HandlerSeq::DetachFromStorage),
 * which sets up every subview: by the time anything is allocated, every walk of the generation has
 * been parsed. With an aside attached the generation is the aside's (its root walk and diffs): columns
 * that live in aside diffs occupy nothing, not even the main-file position their diff was based on.
 */
import type { ByteStore } from '../base/byteStore.js';
import { ByteCursor } from '../base/varint.js';
import type { DataSource, ReaderLimits } from '../read/dataSource.js';
import { Storage } from '../read/storage.js';
import type { Field } from '../read/structure.js';
import { visitColumns } from '../read/traverse.js';
import { indexSubviewColumn, parseRootWalk, readColumnRef, readSequenceAt, type ColumnGroup, type ColumnRef } from '../read/walk.js';
import type { Allocator } from './allocator.js';

function occupy(space: Allocator, ref: ColumnRef): void {
  if (ref.size > 0 && ref.pos > 0) space.occupy(ref.pos, ref.size);
}

/** Without an aside: the columns of the committed generation ending at `end`. */
export function occupyCommitted(space: Allocator, store: ByteStore, end: number, limits: ReaderLimits): void {
  const snapshot = Storage.open(store, { end, limits });
  visitColumns(snapshot.root, '', (c) => occupy(space, c.ref));
}

/** With an aside: the main-file columns of the generation `rootWalk` (the aside's) describes. */
export function occupyGenerationThroughAside(space: Allocator, src: DataSource, rootWalk: Uint8Array, maxDepth: number): void {
  const parsed = parseRootWalk(rootWalk, -1, maxDepth);
  occupySequence(space, src, parsed.fields, 1, parsed.groups, '', 0);
}

function occupySequence(space: Allocator, src: DataSource, fields: readonly Field[], rows: number, groups: readonly ColumnGroup[], path: string, depth: number): void {
  if (rows === 0) return;
  fields.forEach((f, i) => {
    const g = groups[i];
    if (!g) return;
    const at = path ? `${path}.${f.name}` : f.name;
    if (g.kind === 'value') {
      occupy(space, g.col);
    } else if (g.kind === 'bytes') {
      occupy(space, g.data);
      occupy(space, g.sizes);
      occupy(space, g.memo);
      if (g.memo.size === 0) return;
      // c4_FormatB::Define pulls the location of every memo item named by the memo walk.
      const walk = src.column(g.memo, 'memo walk', at);
      const c = new ByteCursor(walk, 0, walk.length, -1, 'memo walk');
      while (!c.atEnd) {
        c.count('memo row skip');
        occupy(space, readColumnRef(c));
      }
    } else {
      occupy(space, g.col);
      if (g.col.size === 0 || depth >= src.limits.maxDepth) return;
      const bytes = src.column(g.col, 'subview column', at);
      const index = indexSubviewColumn(bytes, -1, rows, f.fields, src.limits.maxRows);
      for (let r = 0; r < rows; r++) {
        if ((index.rows[r] as number) === 0) continue;
        const seq = readSequenceAt(bytes, -1, index.starts[r] as number, f.fields);
        occupySequence(space, src, f.fields, seq.rows, seq.groups, `${at}[${r}]`, depth + 1);
      }
    }
  });
}
