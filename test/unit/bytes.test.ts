/** S/B/M columns (format §7.3): data + sizes + memo walk, every consistency check, old-format variants. */
import { describe, expect, it } from 'vitest';
import { decodeBytesGroup, decodeOldMemos, decodeOldStrings, itemBytes, stringBytes } from '../../engine/core/read/columns/bytes.js';
import { MemoryByteStore } from '../../engine/core/base/byteStore.js';
import { ColumnCache } from '../../engine/core/read/cache.js';
import { DataSource, DEFAULT_LIMITS } from '../../engine/core/read/dataSource.js';
import { dumpToString } from '../../engine/core/analysis/dump.js';
import { EMPTY_REF } from '../../engine/core/read/walk.js';
import { ascii, concat, expectMkError, hex, openBytes, singleViewFile, walk } from '../helpers/bytes.js';

/** A DataSource whose data region is exactly `data` placed at rel. 8 (positions are rel.). */
function source(data: Uint8Array): DataSource {
  const bytes = concat(new Uint8Array(8), data, new Uint8Array(16));
  return new DataSource(new MemoryByteStore(bytes, { writable: false, name: 'src.mk' }), { base: 0, end: bytes.length, littleEndian: true, oldFormat: false },
    new ColumnCache(1 << 20), DEFAULT_LIMITS, null, 'u:');
}

const ref = (pos: number, size: number) => ({ pos, size });

describe('decodeBytesGroup', () => {
  it('types.mk s column: "abc\\0z\\0" with sizes 4,0,2 -> offsets 0,4,4,6', () => {
    const src = source(hex('61 62 63 00 7a 00 04 02'));
    const col = decodeBytesGroup(src, { data: ref(8, 6), sizes: ref(14, 2), memo: EMPTY_REF }, 3, true, 't.s');
    expect(Array.from(col.offsets)).toEqual([0, 4, 4, 6]);
    expect(col.rows).toBe(3);
    expect(col.memos).toBeNull();
    expect([0, 1, 2].map((r) => new TextDecoder().decode(stringBytes(itemBytes(src, col, r, 't.s'), 't.s', r)))).toEqual(['abc', '', 'z']);
  });

  it('empty data: no sizes column, every item empty', () => {
    const col = decodeBytesGroup(source(new Uint8Array(0)), { data: EMPTY_REF, sizes: EMPTY_REF, memo: EMPTY_REF }, 5, true, 't.s');
    expect(Array.from(col.offsets)).toEqual([0, 0, 0, 0, 0, 0]);
  });

  it('B items may contain NUL and need no terminator', () => {
    const src = source(hex('01 02 00 ff 71 04 01'));
    const col = decodeBytesGroup(src, { data: ref(8, 5), sizes: ref(13, 2), memo: EMPTY_REF }, 3, false, 't.b');
    expect([0, 1, 2].map((r) => Array.from(itemBytes(src, col, r, 't.b')))).toEqual([[1, 2, 0, 0xff], [], [0x71]]);
  });

  it('memo items: memo walk skip/size/pos; inline rows around them', () => {
    // rows: "a", memo "BIG", "c", memo "LONGER": data "a\0c\0", sizes 2,0,2,0 (4-bit, 4 rows: fake size 2)
    const memo1 = ascii('BIG\0');
    const memo2 = ascii('LONGER\0');
    const data = ascii('a\0c\0');
    const region = concat(memo1, memo2, data, hex('02 02'));
    // memo walk: skip 1 (row 1), size 4 at 8; skip 1 (row 3), size 7 at 12
    const memoWalk = walk(1, 4, 8, 1, 7, 12);
    const src = source(concat(region, memoWalk));
    const col = decodeBytesGroup(src, { data: ref(19, 4), sizes: ref(23, 2), memo: ref(25, memoWalk.length) }, 4, true, 't.s');
    expect([...(col.memos ?? new Map()).entries()]).toEqual([[1, ref(8, 4)], [3, ref(12, 7)]]);
    const text = [0, 1, 2, 3].map((r) => new TextDecoder().decode(stringBytes(itemBytes(src, col, r, 't.s'), 't.s', r)));
    expect(text).toEqual(['a', 'BIG', 'c', 'LONGER']);
  });

  it('a view whose only items are memos has an empty data column', () => {
    const file = singleViewFile('t[s:S]', 2, (b) => {
      const m = b.add(ascii('memo!\0'));
      const w = walk(1, 6, m);
      return [0, w.length, b.add(w)];
    });
    const t = openBytes(file).view('t');
    expect([t.getString(0, 's'), t.getString(1, 's')]).toEqual(['', 'memo!']);
    expect([t.getSize(0, 's'), t.getSize(1, 's')]).toEqual([0, 5]);
  });

  it('BAD_BYTES: a negative item size (8-bit sizes column ff)', () => {
    const src = source(hex('61 00 62 00 ff 7f 02 00 00'));
    // 3 rows, sizes 8-bit: ff 7f 02 -> -1
    const e = expectMkError(() => decodeBytesGroup(src, { data: ref(8, 4), sizes: ref(12, 3), memo: EMPTY_REF }, 3, true, 't.s'), 'BAD_BYTES',
      'expected item sizes >= 0 in t.s, but row 0 has size -1');
    expect(e.offset).toBe(12);
    expect(e.path).toBe('t.s');
  });

  it('BAD_BYTES: sizes add up to more than the data', () => {
    const src = source(hex('61 00 62 00 44'));
    const e = expectMkError(() => decodeBytesGroup(src, { data: ref(8, 4), sizes: ref(12, 1) , memo: EMPTY_REF }, 2, true, 't.s'), 'BAD_BYTES',
      'expected the item sizes of t.s to add up to its data size 4, but they add up to 8');
    expect(e.offset).toBe(8);
  });

  it('BAD_BYTES: sizes add up to less than the data', () => {
    const src = source(hex('61 00 62 00 21'));
    expectMkError(() => decodeBytesGroup(src, { data: ref(8, 4), sizes: ref(12, 1), memo: EMPTY_REF }, 2, true, 't.s'), 'BAD_BYTES',
      'expected the item sizes of t.s to add up to its data size 4, but they add up to 3');
  });

  it('BAD_BYTES: a string item without its NUL', () => {
    const src = source(hex('61 62 63 64 22'));
    const e = expectMkError(() => decodeBytesGroup(src, { data: ref(8, 4), sizes: ref(12, 1), memo: EMPTY_REF }, 2, true, 't.s'), 'BAD_BYTES',
      'expected string row 0 of t.s to end with a NUL byte, but found 0x62');
    expect(e.offset).toBe(9);
  });

  it('BAD_WIDTH: sizes column with an invalid width for the row count', () => {
    const src = source(hex('61 00 62 00 02 02 02'));
    const e = expectMkError(() => decodeBytesGroup(src, { data: ref(8, 4), sizes: ref(12, 3), memo: EMPTY_REF }, 4, true, 't.s'), 'BAD_WIDTH',
      'expected an int column of 4 rows to have a size giving a width of 0-32 bits, but its size 3 gives none');
    expect(e.path).toBe('t.s (sizes)');
    expect(e.offset).toBe(12);
  });

  it('BAD_BYTES: data but no sizes column (all sizes read as 0)', () => {
    const src = source(hex('61 00'));
    expectMkError(() => decodeBytesGroup(src, { data: ref(8, 2), sizes: EMPTY_REF, memo: EMPTY_REF }, 1, true, 't.s'), 'BAD_BYTES',
      'expected the item sizes of t.s to add up to its data size 2, but they add up to 0');
  });

  describe('memo walk errors', () => {
    const withWalk = (w: Uint8Array, rows = 2) => {
      const src = source(concat(ascii('memo\0'), w));
      return () => decodeBytesGroup(src, { data: EMPTY_REF, sizes: EMPTY_REF, memo: ref(13, w.length) }, rows, true, 't.s');
    };

    it('BAD_BYTES: the memo walk names a row past the end', () => {
      const e = expectMkError(withWalk(walk(0, 5, 8, 1, 5, 8)), 'BAD_BYTES', 'expected memo rows of t.s below its 2 rows, but the memo walk names row 2 at 16');
      expect(e.offset).toBe(16);
    });

    it('BAD_BYTES: a memo of size 0', () => {
      expectMkError(withWalk(walk(1, 0)), 'BAD_BYTES', 'expected a non-empty memo for row 1 of t.s, but found size 0 at 13');
    });

    it('BAD_BYTES: a memo row that also has inline bytes', () => {
      const src = source(concat(ascii('memo\0'), ascii('a\0'), hex('02'), walk(0, 5, 8)));
      expectMkError(() => decodeBytesGroup(src, { data: ref(13, 2), sizes: ref(15, 1), memo: ref(16, 3) }, 1, true, 't.s'), 'BAD_BYTES',
        'expected row 0 of t.s to have no inline bytes since it is a memo, but it has 2');
    });

    it('BAD_OFFSET: a memo outside the data', () => {
      const e = expectMkError(withWalk(walk(0, 5, 900)), 'BAD_OFFSET', 'expected memo of row 0 of t.s inside the data (8..17), but it is at 900+5');
      expect(e.path).toBe('t.s');
    });

    it('BAD_WALK: a negative skip', () => {
      expectMkError(withWalk(walk(-3, 5, 8)), 'BAD_WALK', 'expected a non-negative memo row skip at 13, but found -3');
    });

    it('BAD_VARINT: the memo walk ends inside a record', () => {
      expectMkError(withWalk(hex('80 85')), 'BAD_VARINT', 'expected a varint at 15 to end inside the memo walk (2 bytes), but it runs past the end');
    });

    it('BAD_BYTES: a memo string without its NUL is found when read', () => {
      const src = source(concat(ascii('memo!'), walk(0, 5, 8)));
      const col = decodeBytesGroup(src, { data: EMPTY_REF, sizes: EMPTY_REF, memo: ref(13, 3) }, 1, true, 't.s');
      expectMkError(() => stringBytes(itemBytes(src, col, 0, 't.s'), 't.s', 0), 'BAD_BYTES', 'expected string row 0 of t.s to end with a NUL byte, but it does not');
    });
  });
});

describe('the same checks through a whole file', () => {
  it('BAD_BYTES in a dump names the view path', () => {
    const file = singleViewFile('t[s:S]', 2, (b) => {
      const d = b.add(ascii('ab\0cd'));
      const sz = b.add(hex('23'));
      return [5, d, 1, sz, 0];
    });
    const e = expectMkError(() => dumpToString(openBytes(file), { main: 'x', mainSize: 0 }), 'BAD_BYTES', 'expected string row 1 of t.s to end with a NUL byte, but found 0x64');
    expect(e.path).toBe('t.s');
    expect(e.offset).toBe(12);
  });
});

describe('old-format strings and memos (§13)', () => {
  it('NUL-terminated items; the empty string as a lone NUL; missing trailing items are empty', () => {
    const src = source(ascii('hi\0\0x\0'));
    const col = decodeOldStrings(src, ref(8, 6), 4, 'a.s');
    expect(Array.from(col.offsets)).toEqual([0, 3, 4, 6, 6]);
  });

  it('a missing final NUL is added', () => {
    const src = source(ascii('hi\0yo'));
    const col = decodeOldStrings(src, ref(8, 5), 2, 'a.s');
    expect(Array.from(col.data)).toEqual(Array.from(ascii('hi\0yo\0')));
    expect(Array.from(col.offsets)).toEqual([0, 3, 6]);
  });

  it('BAD_BYTES: more NUL-terminated strings than rows', () => {
    const e = expectMkError(() => decodeOldStrings(source(ascii('a\0b\0c\0')), ref(8, 6), 2, 'a.s'), 'BAD_BYTES',
      'expected at most 2 NUL-terminated strings in old-format a.s, but found more');
    expect(e.offset).toBe(13);
  });

  it('BAD_BYTES: an unterminated extra string', () => {
    expectMkError(() => decodeOldStrings(source(ascii('a\0b\0c')), ref(8, 5), 2, 'a.s'), 'BAD_BYTES', 'expected at most 2 strings in old-format a.s, but found more');
  });

  it('M: sizes 5,0 and positions 14,0 (old1.mk)', () => {
    const src = source(concat(hex('07 09'), ascii('hi\0\0MEMO!'), hex('05 00 0e 00')));
    const col = decodeOldMemos(src, ref(19, 2), ref(21, 2), 2, 'a.m');
    expect([...(col.memos ?? new Map()).entries()]).toEqual([[0, ref(14, 5)]]);
    expect(new TextDecoder().decode(itemBytes(src, col, 0, 'a.m'))).toBe('MEMO!');
    expect(itemBytes(src, col, 1, 'a.m').length).toBe(0);
  });

  it('BAD_BYTES: a negative old memo size', () => {
    const src = source(hex('ff 00 08 00'));
    expectMkError(() => decodeOldMemos(src, ref(8, 2), ref(10, 2), 2, 'a.m'), 'BAD_BYTES', 'expected memo sizes >= 0 in a.m, but row 0 has -1');
  });

  it('BAD_OFFSET: an old memo outside the data', () => {
    const src = source(hex('05 00 7f 00'));
    expectMkError(() => decodeOldMemos(src, ref(8, 2), ref(10, 2), 2, 'a.m'), 'BAD_OFFSET', 'expected memo of row 0 of a.m inside the data (8..12), but it is at 127+5');
  });

  it('BAD_WIDTH: old memo sizes/positions columns with invalid widths', () => {
    const src = source(hex('05 00 00 00 00 00 08 00'));
    const e = expectMkError(() => decodeOldMemos(src, ref(8, 6), ref(14, 2), 2, 'a.m'), 'BAD_WIDTH', 'expected an int column of 2 rows to have a size giving a width of 0-32 bits, but its size 6 gives none');
    expect(e.path).toBe('a.m (sizes)');
    expectMkError(() => decodeOldMemos(src, ref(14, 2), ref(8, 6), 2, 'a.m'), 'BAD_WIDTH', /but its size 6 gives none/);
  });
});
