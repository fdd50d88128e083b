/**
 * Adaptive-width int columns (format §7.1): the reader's width table for 1-7 rows and 1-6 bytes, the
 * writer's fake sizes, round trips at every width and both byte orders, masked padding bits, and the
 * examples of §7.1.7 byte for byte.
 */
import { describe, expect, it } from 'vitest';
import {
  accessWidth, bitsNeeded, checkedWidth, decodeDoubles, decodeInts, decodeLongs, encodeDoubles, encodeInts, encodeLongs, intAt, naturalSize,
  storedSize, widthOf, type IntWidth,
} from '../../engine/core/read/columns/ints.js';
import { expectMkError, hex } from '../helpers/bytes.js';

/** §7.1.2, rows 1..7 (rows) × sizes 1..6 (columns); null = "—" (never written, rejected). */
const READER_TABLE: (number | null)[][] = [
  [8, 16, 1, 32, 2, 4],
  [4, 8, 1, 16, 2, null],
  [2, 4, 8, 1, null, 16],
  [2, 4, null, 8, 1, null],
  [1, 2, 4, null, 8, null],
  [1, 2, 4, null, null, 8],
  [1, 2, null, 4, null, null],
];

describe('accessWidth: §7.1.2 table', () => {
  for (let rows = 1; rows <= 7; rows++) {
    for (let size = 1; size <= 6; size++) {
      const want = (READER_TABLE[rows - 1] as (number | null)[])[size - 1] as number | null;
      it(`${rows} rows, ${size} bytes -> ${want ?? 'invalid'}`, () => {
        expect(accessWidth(rows, size)).toBe(want ?? -1);
        if (want === null) {
          expectMkError(() => checkedWidth({ rows, size, kind: 'int' }), 'BAD_WIDTH',
            `expected an int column of ${rows} rows to have a size giving a width of 0-32 bits, but its size ${size} gives none`);
        } else {
          expect(checkedWidth({ rows, size, kind: 'int' })).toBe(want);
        }
      });
    }
  }

  it('size 0 is width 0 for any row count (no column at all)', () => {
    for (const rows of [0, 1, 7, 8, 1000, 0x7fffffff]) expect(accessWidth(rows, 0)).toBe(0);
  });

  it('rows >= 8 use the natural size', () => {
    expect(accessWidth(8, 1)).toBe(1);
    expect(accessWidth(20, 3)).toBe(1);
    expect(accessWidth(9, 3)).toBe(2);
    expect(accessWidth(10, 5)).toBe(4);
    expect(accessWidth(10, 10)).toBe(8);
    expect(accessWidth(10, 20)).toBe(16);
    expect(accessWidth(10, 40)).toBe(32);
    expect(accessWidth(10, 80)).toBe(64);
    expect(accessWidth(100_000, 400_000)).toBe(32);
    expect(accessWidth(100_000, 50_000)).toBe(4);
  });

  it('rows <= 7 with sizes above 6 use the natural size', () => {
    expect(accessWidth(7, 7)).toBe(8);
    expect(accessWidth(4, 8)).toBe(16);
    expect(accessWidth(2, 8)).toBe(32);
    expect(accessWidth(1, 8)).toBe(64);
  });

  it('invalid: a width that is no power of two (3 rows, 7 bytes -> 18 bits: Metakit loops forever)', () => {
    expect(accessWidth(3, 7)).toBe(-1);
    expectMkError(() => checkedWidth({ rows: 3, size: 7, kind: 'int', offset: 8, path: 't.x' }), 'BAD_WIDTH',
      'expected an int column of 3 rows to have a size giving a width of 0-32 bits, but its size 7 gives none');
  });

  it('invalid: size not the natural size, size too small, zero rows with data, over 64 bits', () => {
    expect(accessWidth(20, 4)).toBe(-1); // 32/20 = 1 bit, natural size 3
    expect(accessWidth(100, 1)).toBe(-1); // 0 bits but data
    expect(accessWidth(0, 5)).toBe(-1);
    expect(accessWidth(1, 16)).toBe(-1); // 128 bits
  });

  it('BAD_WIDTH: an int column may not be 64 bits wide', () => {
    const e = expectMkError(() => checkedWidth({ rows: 10, size: 80, kind: 'int', offset: 1234, path: 'v.i' }), 'BAD_WIDTH',
      'expected an int column of 10 rows to have a size giving a width of 0-32 bits, but its size 80 gives none');
    expect(e.offset).toBe(1234);
    expect(e.path).toBe('v.i');
  });

  it('issue 13.4: the values of an I/F column may be 64 bits wide, read as their low 32 bits as Metakit reads them', () => {
    expect(checkedWidth({ rows: 10, size: 80, kind: 'value' })).toBe(64);
    expect(checkedWidth({ rows: 3, size: 12, kind: 'value' })).toBe(32);
    expectMkError(() => checkedWidth({ rows: 3, size: 7, kind: 'value' }), 'BAD_WIDTH', /size 7 gives none/);
    const values = [1n, -2n, 300n, 99999999999n, -99999999999n];
    for (const le of [true, false]) {
      const bytes = encodeLongs(BigInt64Array.from(values), values.length, le);
      const want = values.map((v) => Number(BigInt.asIntN(32, v)));
      expect(Array.from(decodeInts(bytes, values.length, 64, le))).toEqual(want);
      expect(values.map((_, r) => intAt(bytes, r, 64, le))).toEqual(want);
    }
  });

  it('L/D columns must hold rows*8 bytes (width 64)', () => {
    expect(checkedWidth({ rows: 3, size: 24, kind: 'wide' })).toBe(64);
    expect(checkedWidth({ rows: 0, size: 0, kind: 'wide' })).toBe(64);
    const e = expectMkError(() => checkedWidth({ rows: 3, size: 0, kind: 'wide', offset: 47, path: 't.d' }), 'BAD_WIDTH',
      'expected a 64-bit column of 3 rows to hold 24 bytes, but it holds 0');
    expect(e.offset).toBe(47);
    expectMkError(() => checkedWidth({ rows: 3, size: 12, kind: 'wide' }), 'BAD_WIDTH', 'expected a 64-bit column of 3 rows to hold 24 bytes, but it holds 12');
  });
});

describe('fake sizes (§7.1.5) and the reader table agree', () => {
  const FAKE: Record<1 | 2 | 4, number[]> = { 4: [6, 1, 2, 2], 2: [5, 5, 1, 1], 1: [3, 3, 4, 5] };
  for (const w of [1, 2, 4] as const) {
    for (let rows = 1; rows <= 4; rows++) {
      it(`width ${w}, ${rows} rows: stored in ${FAKE[w][rows - 1]} bytes and read back as width ${w}`, () => {
        const size = FAKE[w][rows - 1] as number;
        expect(storedSize(rows, w)).toBe(size);
        expect(accessWidth(rows, size)).toBe(w);
      });
    }
  }

  it('every (rows 1..7, width) pair written by Metakit reads back unambiguously', () => {
    for (let rows = 1; rows <= 7; rows++) {
      for (const w of [1, 2, 4, 8, 16, 32] as const) expect(accessWidth(rows, storedSize(rows, w))).toBe(w);
    }
  });

  it('widths >= 8 and rows >= 5 use the natural size', () => {
    expect(storedSize(1, 8)).toBe(1);
    expect(storedSize(3, 16)).toBe(6);
    expect(storedSize(5, 1)).toBe(1);
    expect(storedSize(5, 4)).toBe(3);
    expect(naturalSize(20, 1)).toBe(3);
    expect(naturalSize(0, 32)).toBe(0);
  });
});

describe('decode/encode round trips', () => {
  const ranges: Record<IntWidth, [number, number]> = {
    0: [0, 0], 1: [0, 1], 2: [0, 3], 4: [0, 15], 8: [-128, 127], 16: [-32768, 32767], 32: [-0x80000000, 0x7fffffff], 64: [0, 0],
  };
  const widths: IntWidth[] = [0, 1, 2, 4, 8, 16, 32];
  for (const w of widths) {
    for (const le of [true, false]) {
      it(`width ${w}, ${le ? 'little' : 'big'}-endian, 0..40 rows`, () => {
        const [lo, hi] = ranges[w];
        let seed = 12345 + w;
        for (let rows = 0; rows <= 40; rows++) {
          const values = new Int32Array(rows);
          for (let i = 0; i < rows; i++) {
            seed = (seed * 1103515245 + 12345) >>> 0;
            values[i] = i === 0 ? lo : i === 1 ? hi : lo + (seed % (hi - lo + 1));
          }
          if (rows > 0 && w === 32) values[rows - 1] = hi;
          const bytes = encodeInts(values, rows, w, le);
          expect(bytes.length).toBe(storedSize(rows, w));
          if (rows > 0) expect(accessWidth(rows, bytes.length)).toBe(w);
          expect(Array.from(decodeInts(bytes, rows, w, le))).toEqual(Array.from(values));
          for (let i = 0; i < rows; i++) expect(intAt(bytes, i, w, le)).toBe(values[i]);
        }
      });
    }
  }

  it('16/32-bit entries at an odd byte offset (no aligned fast path)', () => {
    const buf = new Uint8Array(1 + 8);
    buf.set(hex('2c 01 d4 fe ff 7f 00 80'), 1);
    expect(Array.from(decodeInts(buf.subarray(1), 4, 16, true))).toEqual([300, -300, 32767, -32768]);
    buf.set(hex('70 11 01 00 90 ee fe ff'), 1);
    expect(Array.from(decodeInts(buf.subarray(1), 2, 32, true))).toEqual([70000, -70000]);
    expect(intAt(buf.subarray(1), 1, 32, true)).toBe(-70000);
  });

  it('big-endian 16/32-bit (§11: be.mk stores 300, -70000, 5 as 00 00 01 2c ...)', () => {
    const be = hex('00 00 01 2c ff fe ee 90 00 00 00 05');
    expect(Array.from(decodeInts(be, 3, 32, false))).toEqual([300, -70000, 5]);
    expect(Array.from(encodeInts([300, -70000, 5], 3, 32, false))).toEqual(Array.from(be));
    expect(Array.from(decodeInts(hex('01 2c fe d4'), 2, 16, false))).toEqual([300, -300]);
  });

  it('a 16-bit little-endian Int16 view of a cached column is not aliased into the result', () => {
    const col = hex('01 00 02 00');
    const out = decodeInts(col, 2, 16, true);
    col[0] = 9;
    expect(Array.from(out)).toEqual([1, 2]);
  });

  it('decode rejects a non-int width, encode also 64 (caller mistake)', () => {
    expect(() => decodeInts(new Uint8Array(8), 1, 3 as IntWidth, true)).toThrow(RangeError);
    expect(() => intAt(new Uint8Array(8), 0, 3 as IntWidth, true)).toThrow(RangeError);
    expect(() => encodeInts([1], 1, 64, true)).toThrow(RangeError);
  });
});

describe('padding bits are masked (§7.1.6)', () => {
  it('10 rows of 1 after a delete: ff 03 reads as nine 1s', () => {
    expect(Array.from(decodeInts(hex('ff 03'), 9, 1, true))).toEqual([1, 1, 1, 1, 1, 1, 1, 1, 1]);
  });

  it('the 5-row 4-bit column {0,1,2,3,4} reads the same whatever the stale high nibble', () => {
    for (const last of ['24', '14', 'e4', 'a4']) {
      expect(Array.from(decodeInts(hex(`10 32 ${last}`), 5, 4, true))).toEqual([0, 1, 2, 3, 4]);
      expect(intAt(hex(`10 32 ${last}`), 4, 4, true)).toBe(4);
    }
  });

  it('fake-size bytes beyond the natural size are ignored; 2-bit padding masked', () => {
    expect(Array.from(decodeInts(hex('ff ff ff'), 1, 1, true))).toEqual([1]);
    expect(Array.from(decodeInts(hex('ff 00 00 00 00'), 3, 2, true))).toEqual([3, 3, 3]);
  });

  it('the encoder writes padding bits as zero', () => {
    expect(Array.from(encodeInts([1, 1, 1, 1, 1, 1, 1, 1, 1], 9, 1, true))).toEqual([0xff, 0x01]);
    expect(Array.from(encodeInts([0, 1, 2, 3, 4], 5, 4, true))).toEqual([0x10, 0x32, 0x04]);
    expect(Array.from(encodeInts([1], 1, 1, true))).toEqual([1, 0, 0]);
  });
});

describe('§7.1.7 examples (view t[x:I])', () => {
  const EXAMPLES: [number[], IntWidth, string][] = [
    [[0, 0, 0], 0, ''],
    [[1, 0, 1, 1, 0], 1, '0d'],
    [[3, 2, 1], 2, '1b'],
    [[15, 7], 4, '7f'],
    [[-1, 127, -128], 8, 'ff 7f 80'],
    [[300, -300, 32767, -32768], 16, '2c 01 d4 fe ff 7f 00 80'],
    [[70000, -70000], 32, '70 11 01 00 90 ee fe ff'],
    [[1], 1, '01 00 00'],
    [[2], 2, '02 00 00 00 00'],
    [[9], 4, '09 00 00 00 00 00'],
    [[1, 1, 1, 1], 1, '0f 00 00 00 00'],
    [[3, 3], 2, '0f 00 00 00 00'],
    [Array.from({ length: 20 }, (_, i) => i & 1), 1, 'aa aa 0a'],
  ];
  for (const [values, w, bytes] of EXAMPLES) {
    it(`${values.length > 6 ? '0,1,0,1,… (20 rows)' : values.join(', ')} -> width ${w}: ${bytes || 'no column'}`, () => {
      const b = hex(bytes);
      expect(widthOf(values, values.length)).toBe(w);
      expect(Array.from(encodeInts(values, values.length, w, true))).toEqual(Array.from(b));
      expect(accessWidth(values.length, b.length)).toBe(w);
      expect(Array.from(decodeInts(b, values.length, w, true))).toEqual(values);
    });
  }
});

describe('bitsNeeded (§7.1.3)', () => {
  const TABLE: [number, number][] = [
    [0, 0], [1, 1], [2, 2], [3, 2], [4, 4], [15, 4], [16, 8], [127, 8], [-1, 8], [-128, 8],
    [128, 16], [32767, 16], [-129, 16], [-32768, 16], [32768, 32], [-32769, 32], [0x7fffffff, 32], [-0x80000000, 32],
  ];
  for (const [v, bits] of TABLE) it(`${v} needs ${bits} bits`, () => expect(bitsNeeded(v)).toBe(bits));

  it('widthOf is the maximum over the rows considered', () => {
    expect(widthOf([1, 2, 100, -1], 2)).toBe(2);
    expect(widthOf([1, 2, 100, -1], 4)).toBe(8);
    expect(widthOf([], 0)).toBe(0);
  });
});

describe('64-bit columns (§7.2)', () => {
  it('types.mk L column: 0x123456789, -2, 0 (little-endian), zero-copy when aligned', () => {
    const buf = new Uint8Array(24);
    buf.set(hex('89 67 45 23 01 00 00 00 fe ff ff ff ff ff ff ff 00 00 00 00 00 00 00 00'));
    const longs = decodeLongs(buf, 3, true);
    expect(Array.from(longs)).toEqual([0x123456789n, -2n, 0n]);
    expect(longs.buffer).toBe(buf.buffer);
    expect(Array.from(encodeLongs([0x123456789n, -2n, 0n], 3, true))).toEqual(Array.from(buf));
  });

  it('big-endian and unaligned L', () => {
    const be = hex('00 00 00 01 23 45 67 89 ff ff ff ff ff ff ff fe');
    expect(Array.from(decodeLongs(be, 2, false))).toEqual([0x123456789n, -2n]);
    const odd = new Uint8Array(17);
    odd.set(hex('89 67 45 23 01 00 00 00 fe ff ff ff ff ff ff ff'), 1);
    expect(Array.from(decodeLongs(odd.subarray(1), 2, true))).toEqual([0x123456789n, -2n]);
  });

  it('D column: 3.25, -1e300, 0.0 in both byte orders, aligned and not', () => {
    const le = hex('00 00 00 00 00 00 0a 40 9c 75 00 88 3c e4 37 fe 00 00 00 00 00 00 00 00');
    expect(Array.from(decodeDoubles(le, 3, true))).toEqual([3.25, -1e300, 0]);
    expect(Array.from(encodeDoubles([3.25, -1e300, 0], 3, true))).toEqual(Array.from(le));
    const be = encodeDoubles([3.25, -1e300, 0], 3, false);
    expect(Array.from(be.subarray(0, 8))).toEqual([0x40, 0x0a, 0, 0, 0, 0, 0, 0]);
    expect(Array.from(decodeDoubles(be, 3, false))).toEqual([3.25, -1e300, 0]);
    const odd = new Uint8Array(25);
    odd.set(le, 1);
    expect(Array.from(decodeDoubles(odd.subarray(1), 3, true))).toEqual([3.25, -1e300, 0]);
  });
});
