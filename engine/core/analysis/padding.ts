/**
 * The "don't care" bits of a datafile (format §7.1.6): the bits past the last entry of every 1/2/4-bit
 * int column. Metakit leaves stale or uninitialised memory there, so byte comparisons with Metakit's
 * files mask them. Covers every generation on the chain (extend-mode files keep old columns live).
 * A main file that refers into an aside is read with it (its older generations alone, where they can be).
 */
import type { ByteStore } from '../base/byteStore.js';
import { MetakitError } from '../base/errors.js';
import { walkChain } from '../read/chain.js';
import { accessWidth } from '../read/columns/ints.js';
import type { ReadAt } from '../read/header.js';
import { Storage } from '../read/storage.js';
import { visitColumns, type ColumnVisit } from '../read/traverse.js';

export interface PaddingBits {
  /** Absolute file offset. */
  offset: number;
  /** Bits that are padding (1 = don't care). */
  mask: number;
}

/** The byte of a 1/2/4-bit int column holding padding (relative to the column) and its mask, if any. */
function paddingOf(c: ColumnVisit): { byte: number; mask: number } | null {
  const isInt = (c.role === 'value' && (c.type === 'I' || c.type === 'F')) || c.role === 'sizes';
  if (!isInt || c.rows === 0 || c.ref.size === 0) return null;
  const w = accessWidth(c.rows, c.ref.size);
  if (w !== 1 && w !== 2 && w !== 4) return null;
  const bits = c.rows * w;
  if (bits % 8 === 0) return null;
  return { byte: Math.floor(bits / 8), mask: (0xff << bits % 8) & 0xff };
}

function add(found: Map<number, number>, offset: number, mask: number): void {
  found.set(offset, (found.get(offset) ?? 0) | mask);
}

function sorted(found: Map<number, number>): PaddingBits[] {
  return [...found.entries()].sort((a, b) => a[0] - b[0]).map(([offset, mask]) => ({ offset, mask }));
}

export function paddingBits(store: ByteStore, aside?: ByteStore): PaddingBits[] {
  const size = store.size();
  if (size === 0) return [];
  const found = new Map<number, number>();
  const collect = (s: Storage): void => {
    visitColumns(s.root, '', (c) => {
      const pad = c.ref.pos > 0 ? paddingOf(c) : null;
      if (pad) add(found, s.info.base + c.ref.pos + pad.byte, pad.mask);
    });
  };
  const latest = Storage.open(store, { aside: aside ? Storage.open(aside) : undefined });
  collect(latest);
  if (!latest.info.empty && !latest.info.oldFormat) {
    const readAt: ReadAt = (pos, len) => (pos < 0 || pos + len > size ? null : store.read(pos, len));
    for (const g of walkChain(readAt, latest.info.base, size)) {
      // With an aside attached, the latest generation read is the aside's: the main file's own latest
      // one (a commit -full with the aside) is visited alone too.
      if (!g.intact || (g.end === latest.info.end && !aside)) continue;
      try {
        collect(Storage.open(store, { end: g.end }));
      } catch (e) {
        // A generation that itself refers into an aside (written by Metakit's commit -full with one
        // attached) cannot be read alone; its columns in the main file are not visited.
        if (!(aside && e instanceof MetakitError && e.code === 'ASIDE_MISSING')) throw e;
      }
    }
  }
  return sorted(found);
}

/**
 * Padding bits in the aside file: the columns of the main file that live in aside diffs carry their
 * padding into the diff's `_B` bytes (Metakit copies its column buffer, stale bits included). Offsets
 * are in the aside file; diffs that the current generation no longer uses are not visited.
 */
export function asidePaddingBits(main: ByteStore, aside: ByteStore): PaddingBits[] {
  const a = Storage.open(aside);
  const m = Storage.open(main, { aside: a });
  const found = new Map<number, number>();
  if (!a.hasView('_C')) return [];
  const diffs = a.view('_C');
  visitColumns(m.root, '', (c) => {
    const pad = c.ref.pos < 0 ? paddingOf(c) : null;
    if (!pad || ~c.ref.pos >= diffs.rowCount) return;
    const chunks = diffs.getView(~c.ref.pos, '_D');
    const src = chunks.columnSources[chunks.propertyIndex('_B')];
    if (src?.kind !== 'bytes') return;
    const items = chunks.bytesColumn('_B');
    let at = 0;
    let where = -1;
    for (let n = 0; n < chunks.rowCount; n++) {
      at += chunks.getInt(n, '_K');
      const memo = items.memos?.get(n);
      const len = memo ? memo.size : (items.offsets[n + 1] as number) - (items.offsets[n] as number);
      // c4_Differ::ApplyDiff stores each chunk's bytes at the running offset; the last one wins.
      if (pad.byte >= at && pad.byte < at + len) where = (memo ? memo.pos : src.data.pos + (items.offsets[n] as number)) + pad.byte - at;
      at += len;
    }
    if (where >= 0) add(found, a.info.base + where, pad.mask);
  });
  return sorted(found);
}

/** True if the two byte strings are equal outside the given padding bits. */
export function equalMasked(a: Uint8Array, b: Uint8Array, padding: readonly PaddingBits[]): { equal: boolean; firstDifference: number } {
  if (a.length !== b.length) return { equal: false, firstDifference: Math.min(a.length, b.length) };
  const masks = new Map(padding.map((p) => [p.offset, p.mask]));
  for (let i = 0; i < a.length; i++) {
    const m = masks.get(i) ?? 0;
    if (((a[i] as number) & ~m & 0xff) !== ((b[i] as number) & ~m & 0xff)) return { equal: false, firstDifference: i };
  }
  return { equal: true, firstDifference: -1 };
}
