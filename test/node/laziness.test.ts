/**
 * Laziness, counted through the byte store: opening the largest corpus file reads only the tails, the
 * header and the root walk (< 1% of the file); reading one cell reads exactly the columns that cell
 * needs, as the walks and `computeStats` list them; nothing is read twice while cached.
 */
import { describe, expect, it } from 'vitest';
import { CountingByteStore } from '../../engine/core/base/byteStore.js';
import { computeStats } from '../../engine/core/analysis/stats.js';
import { Storage } from '../../engine/core/read/storage.js';
import { FileByteStore } from '../../engine/node/fileByteStore.js';
import { loadCase } from '../helpers/corpus.js';

const big = loadCase('rows-100000');

function columnBytes(path: string): number {
  const storage = Storage.open(new FileByteStore(big.mainPath));
  try {
    const p = computeStats(storage).properties.find((x) => x.path === path);
    if (!p) throw new Error(`no property ${path}`);
    return p.bytes;
  } finally {
    storage.close();
  }
}

describe('lazy reading (rows-100000, 1,188,972 bytes)', () => {
  it('open reads < 1% of the file: three 8-byte marks and the root walk', () => {
    const store = new CountingByteStore(new FileByteStore(big.mainPath));
    const storage = Storage.open(store);
    try {
      const size = store.size();
      expect(size).toBe(1_188_972);
      expect(storage.info.rootLen).toBe(31);
      expect(store.reads).toBe(4);
      expect(store.bytesRead).toBe(3 * 8 + storage.info.rootLen);
      expect(store.bytesRead / size).toBeLessThan(0.01);
      console.log(`laziness: open read ${store.bytesRead} of ${size} bytes (${((100 * store.bytesRead) / size).toFixed(4)}%) in ${store.reads} reads`);
    } finally {
      storage.close();
    }
  });

  it('one cell reads exactly the view column and the columns of that property', () => {
    const idBytes = columnBytes('big.id');
    const smallBytes = columnBytes('big.small');
    const nameBytes = columnBytes('big.name');
    const viewBytes = columnBytes('big');
    expect([idBytes, smallBytes, nameBytes, viewBytes]).toEqual([400_000, 50_000, 738_890, 27]);

    const store = new CountingByteStore(new FileByteStore(big.mainPath));
    const storage = Storage.open(store);
    try {
      const atOpen = store.bytesRead;
      const view = storage.view('big');
      expect(view.rowCount).toBe(100_000);
      expect(store.bytesRead - atOpen).toBe(viewBytes);

      store.reset();
      expect(view.getInt(54_321, 'id')).toBe(54_321);
      expect(store.bytesRead).toBe(idBytes);
      expect(store.reads).toBe(1);

      store.reset();
      expect(view.getString(77_777, 'name')).toBe('n77777');
      expect(store.bytesRead).toBe(nameBytes);
      expect(store.reads).toBe(2);

      store.reset();
      expect(view.getInt(3, 'small')).toBe(21 % 16);
      expect(store.bytesRead).toBe(smallBytes);

      store.reset();
      view.getInt(99_999, 'id');
      view.getString(0, 'name');
      storage.view('big').getInt(1, 'small');
      expect(store.bytesRead).toBe(0);
      console.log(`laziness: view ${viewBytes} B, id cell ${idBytes} B, name cell ${nameBytes} B, small cell ${smallBytes} B; cached cells read 0 B`);
    } finally {
      storage.close();
    }
  });

  it('a column evicted by a small cache budget is read again, and only that column', () => {
    const store = new CountingByteStore(new FileByteStore(big.mainPath));
    const storage = Storage.open(store, { limits: { cacheBytes: 1_000_000 } });
    try {
      expect(storage.view('big').getInt(0, 'id')).toBe(0);
      expect(storage.view('big').getString(0, 'name')).toBe('n0');
      store.reset();
      // 400,000 column bytes + 400,000 decoded bytes of `id` were evicted by the name columns
      expect(storage.view('big').getInt(1, 'id')).toBe(1);
      expect(store.bytesRead).toBe(400_000 + 27);
      store.reset();
      expect(storage.view('big').getInt(2, 'id')).toBe(2);
      expect(store.bytesRead).toBe(0);
    } finally {
      storage.close();
    }
  });

});
