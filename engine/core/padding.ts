/**
 * The "don't care" bits of a datafile (format §7.1.6): the bits past the last entry of every 1/2/4-bit
 * int column. Metakit leaves stale or uninitialised memory there, so byte comparisons with Metakit's
 * files mask them. Covers every generation on the chain (extend-mode files keep old columns live).
 * A main file that refers into an aside is read with it (its older generations alone, where they can be).
 */
import { accessWidth } from './columns/ints.js';
import { MetakitError } from './errors.js';
import type { ReadAt } from './fileMark.js';
import { walkChain } from './history.js';
import { Storage } from './storage.js';
import type { ByteStore } from './byteStore.js';
import { visitColumns } from './traverse.js';

export interface PaddingBits {
  /** Absolute file offset. */
  offset: number;
  /** Bits that are padding (1 = don't care). */
  mask: number;
}

export function paddingBits(store: ByteStore, aside?: ByteStore): PaddingBits[] {
  const size = store.size();
  if (size === 0) return [];
  const found = new Map<number, number>();
  const collect = (s: Storage): void => {
    visitColumns(s.root, '', (c) => {
      if (c.ref.size === 0 || c.ref.pos <= 0) return;
      const isInt = (c.role === 'value' && (c.type === 'I' || c.type === 'F')) || c.role === 'sizes';
      if (!isInt || c.rows === 0) return;
      const w = accessWidth(c.rows, c.ref.size);
      if (w !== 1 && w !== 2 && w !== 4) return;
      const bits = c.rows * w;
      if (bits % 8 === 0) return;
      const offset = s.info.base + c.ref.pos + Math.floor(bits / 8);
      const mask = (0xff << bits % 8) & 0xff;
      found.set(offset, (found.get(offset) ?? 0) | mask);
    });
  };
  const latest = Storage.open(store, { aside: aside ? Storage.open(aside) : undefined });
  collect(latest);
  if (!latest.info.empty && !latest.info.oldFormat) {
    const readAt: ReadAt = (pos, len) => (pos < 0 || pos + len > size ? null : store.read(pos, len));
    for (const g of walkChain(readAt, latest.info.base, size)) {
      if (!g.intact || g.end === latest.info.end) continue;
      try {
        collect(Storage.open(store, { end: g.end }));
      } catch (e) {
        // An older generation that itself refers into an aside (written by Metakit's commit -full
        // with one attached) cannot be read alone; its columns in the main file are not visited.
        if (!(aside && e instanceof MetakitError && e.code === 'ASIDE_MISSING')) throw e;
      }
    }
  }
  return [...found.entries()].sort((a, b) => a[0] - b[0]).map(([offset, mask]) => ({ offset, mask }));
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
