/**
 * View.itemSizes() against View.getSize() over every S and B property of every view and subview of
 * the corpus (written by the real Metakit: memo items, the old pre-2.0 string formats, asides, both
 * byte orders), so the scan-friendly sizes array says exactly what the per-row API says.
 */
import { describe, expect, it } from 'vitest';
import { Storage } from '../../engine/core/read/storage.js';
import type { View } from '../../engine/core/read/view.js';
import { FileByteStore } from '../../engine/node/fileByteStore.js';
import { corpusCases, type CorpusCase } from '../helpers/corpus.js';

/** The cases the golden test expects refused (damaged, or a main file that needs its aside). */
const REFUSED = new Set(['damaged-not-metakit', 'damaged-tail-zeroed', 'damaged-trunc-last-byte', 'damaged-trunc-mid-commit', 'aside-flush-main']);

function open(c: CorpusCase): Storage {
  const aside = c.asidePath ? Storage.open(new FileByteStore(c.asidePath)) : undefined;
  return Storage.open(new FileByteStore(c.mainPath), { aside });
}

/** Checks every S/B property of `v` and of its subviews; returns the number of cells compared. */
function check(v: View, where: string): number {
  let cells = 0;
  v.fields.forEach((f, p) => {
    if (f.type === 'S' || f.type === 'B') {
      const sizes = v.itemSizes(p);
      expect(sizes.length, `${where}.${f.name}`).toBe(v.rowCount);
      for (let r = 0; r < v.rowCount; r++) {
        if (sizes[r] !== v.getSize(r, p)) expect({ at: `${where}[${r}].${f.name}`, size: sizes[r] }).toEqual({ at: `${where}[${r}].${f.name}`, size: v.getSize(r, p) });
      }
      cells += v.rowCount;
    }
    if (f.type === 'V') for (let r = 0; r < v.rowCount; r++) cells += check(v.getView(r, p), `${where}[${r}].${f.name}`);
  });
  return cells;
}

describe('View.itemSizes over the corpus', () => {
  it('equals getSize for every S/B cell of every view and subview', () => {
    let cells = 0;
    let memoCases = 0;
    for (const c of corpusCases().filter((k) => !REFUSED.has(k.name))) {
      const s = open(c);
      try {
        for (const name of s.viewNames()) cells += check(s.view(name), `${c.name}:${name}`);
        if (c.name.includes('memo')) memoCases++;
      } finally {
        s.close();
      }
    }
    expect(memoCases).toBeGreaterThan(0);
    expect(cells).toBeGreaterThan(100_000);
    console.log(`itemSizes: ${cells.toLocaleString('en-US')} S/B cells of the corpus checked (${memoCases} memo cases)`);
  });
});
