/**
 * Single cells of large columns are read through windows (so the first screen of a huge view shows
 * without reading whole columns): the values equal those of a whole-column decode, and reading a cell
 * reads a window, not the column.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CountingByteStore } from '../../engine/core/base/byteStore.js';
import { Storage } from '../../engine/core/read/storage.js';
import { WINDOW_THRESHOLD } from '../../engine/core/read/viewWindows.js';
import { FileByteStore } from '../../engine/node/fileByteStore.js';
import { openWritableFile } from '../../engine/node/openWritable.js';

const ROWS = 1_200_000;
const dir = mkdtempSync(join(tmpdir(), 'mk-windows-'));
const file = join(dir, 'big.mk');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

beforeAll(() => {
  const db = openWritableFile(file, { mode: 'readwrite', durable: false });
  const v = db.getAs('t[i:I,l:L,d:D,s:S,f:F,tiny:I]');
  for (let r = 0; r < ROWS; r++) v?.append({ i: r * 3 - 7, l: BigInt(r) * 1_000_000_007n, d: r / 7, s: `row ${r}${r % 3 === 0 ? ' with a longer tail' : ''}`, f: r / 4, tiny: r % 4 });
  db.commit();
  db.close();
}, 120_000);

describe('windowed cell reads', () => {
  it('give the same values as whole-column decodes, at the start, middle and end', () => {
    const windows = Storage.open(new FileByteStore(file)).view('t');
    const whole = Storage.open(new FileByteStore(file)).view('t');
    const ints = whole.ints('i');
    const doubles = whole.doubles('d');
    const longs = whole.longs('l');
    const floats = whole.floats('f');
    const tiny = whole.ints('tiny');
    for (const r of [0, 1, 65_535, 65_536, 600_000, ROWS - 2, ROWS - 1]) {
      expect(windows.getInt(r, 'i')).toBe(ints[r]);
      expect(windows.getDouble(r, 'd')).toBe(doubles[r]);
      expect(windows.getLong(r, 'l')).toBe(longs[r]);
      expect(windows.getFloat(r, 'f')).toBe(floats[r]);
      expect(windows.getInt(r, 'tiny')).toBe(tiny[r]);
      expect(windows.getString(r, 's')).toBe(whole.getString(r, 's'));
      expect(windows.getSize(r, 's')).toBe(whole.getSize(r, 's'));
    }
  });

  it('answer every row alike in a scan and in jumps back and forth between windows and data chunks', () => {
    const windows = Storage.open(new FileByteStore(file)).view('t');
    const whole = Storage.open(new FileByteStore(file)).view('t').bytesColumn('s');
    const expected = (r: number): Uint8Array => whole.data.subarray(whole.offsets[r], (whole.offsets[r + 1] as number) - 1);
    for (let r = 0; r < ROWS; r++) {
      const got = windows.getBytes(r, 's');
      if (Buffer.compare(got, expected(r)) !== 0) expect({ row: r, got: [...got] }).toEqual({ row: r, got: [...expected(r)] });
    }
    // The view keeps the last window and chunk it used per property: a jump must not reuse them.
    const jumps = [ROWS - 1, 0, 65_536, 65_535, ROWS - 1, 131_072, 1, 600_000, 65_536, ROWS - 65_537, 2];
    for (const r of jumps) expect(windows.getString(r, 's')).toBe(new TextDecoder().decode(expected(r)));
  });

  it('read a window, not the column: the first screen of rows costs a fraction of the file', () => {
    const store = new CountingByteStore(new FileByteStore(file));
    const s = Storage.open(store);
    const v = s.view('t');
    const size = store.size();
    store.reset();
    for (let r = 0; r < 50; r++) for (const p of ['i', 'l', 'd', 'f']) v.get(r, p);
    for (let r = 0; r < 50; r++) v.getString(r, 's');
    const firstScreen = store.bytesRead;
    // Windows of 64K rows (256 KB + 512 KB + 512 KB + 256 KB), the sizes column, 1 MB of string data.
    expect(firstScreen).toBeLessThan(size / 6);
    store.reset();
    v.getInt(ROWS - 1, 'i');
    expect(store.bytesRead).toBeLessThanOrEqual(4 * 65_536);
    expect(WINDOW_THRESHOLD).toBeLessThan(ROWS * 4);
    console.log(`windows: the first 50 rows of a ${(size / 1e6).toFixed(1)} MB file read ${(firstScreen / 1e6).toFixed(2)} MB`);
  });
});
