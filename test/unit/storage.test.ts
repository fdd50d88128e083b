/**
 * Opening whole datafiles built inline from the format doc's hex dumps: t1 (§2.2), types (A.3), e2/e3,
 * w1r1, c2 with its three generations (§9.2), prefixed and trailing-data variants (§3.4, §3.5), main +
 * aside (§10.5); values, column positions, and every error of the open path.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CountingByteStore, MemoryByteStore } from '../../engine/core/base/byteStore.js';
import { dumpToString } from '../../engine/core/analysis/dump.js';
import { MetakitError } from '../../engine/core/base/errors.js';
import { computeStats } from '../../engine/core/analysis/stats.js';
import { Storage } from '../../engine/core/read/storage.js';
import { concat, expectMkError, hex, openBytes, store } from '../helpers/bytes.js';
import { loadCase } from '../helpers/corpus.js';
import { AS_ASIDE, AS_MAIN, C2, E2, E3, SK1, T1, TRAIL1, TRAIL2, TRAIL3, TYPES, W1R1 } from '../helpers/docVectors.js';

describe('t1.mk (§2.2, §5.6)', () => {
  it('opens with base 0, root walk 15 bytes at 30, one view a[i:S,n:I]', () => {
    const s = openBytes(T1);
    expect(s.info).toEqual({
      name: 'test.mk', fileSize: 61, empty: false, base: 0, end: 61, trailing: 0, littleEndian: true, oldFormat: false,
      rootPos: 30, rootLen: 15, headerEnd: 61, rootFromAside: false,
    });
    expect(s.description).toBe('a[i:S,n:I]');
    expect(s.viewNames()).toEqual(['a']);
    expect(s.hasView('A')).toBe(true);
    expect(s.generation).toBe('61');
  });

  it('reads "hello", 42 from the columns at 8, 14 and 20', () => {
    const a = openBytes(T1).view('a');
    expect(a.rowCount).toBe(1);
    expect(a.path).toBe('a');
    expect(a.getString(0, 'i')).toBe('hello');
    expect(a.getSize(0, 'i')).toBe(5);
    expect(Array.from(a.getBytes(0, 0))).toEqual([0x68, 0x65, 0x6c, 0x6c, 0x6f]);
    expect(a.getInt(0, 'n')).toBe(42);
    expect(a.get(0, 'N')).toBe(42);
    expect(a.columnSources).toEqual([
      { kind: 'bytes', data: { size: 6, pos: 8 }, sizes: { size: 6, pos: 14 }, memo: { size: 0, pos: 0 } },
      { kind: 'value', col: { size: 1, pos: 20 } },
    ]);
    expect(openBytes(T1).root.columnSources).toEqual([{ kind: 'view', col: { size: 9, pos: 21 } }]);
  });

  it('is byte-order independent for 8-bit and string data ("LJ" magic)', () => {
    const be = T1.slice();
    be[0] = 0x4c;
    be[1] = 0x4a;
    const s = openBytes(be);
    expect(s.info.littleEndian).toBe(false);
    expect(s.view('a').getString(0, 'i')).toBe('hello');
    expect(s.view('a').getInt(0, 'n')).toBe(42);
  });

  it('reads only tails, header and root walk at open; columns on first use', () => {
    const counting = new CountingByteStore(new MemoryByteStore(T1, { writable: false }));
    const s = Storage.open(counting);
    expect(counting.bytesRead).toBe(8 + 8 + 8 + 15);
    const a = s.view('a');
    expect(counting.bytesRead).toBe(39 + 9);
    a.getInt(0, 'n');
    expect(counting.bytesRead).toBe(48 + 1);
    a.getString(0, 'i');
    expect(counting.bytesRead).toBe(49 + 6 + 6);
    a.getString(0, 'i');
    a.getInt(0, 'n');
    expect(counting.bytesRead).toBe(61);
  });

  it('stats: 1 commit, nothing free', () => {
    const st = computeStats(openBytes(T1));
    expect(st.main).toMatchObject({ size: 61, base: 0, end: 61, chainGenerations: 1, referencedBytes: 61, freeBytes: 0, overlaps: 0, format: 'new', byteOrder: 'little-endian' });
    expect(st.views).toEqual([{ name: 'a', layout: 'a[i:S,n:I]', rows: 1 }]);
    expect(st.properties).toEqual([
      { path: 'a.i', type: 'S', columns: 2, bytes: 12, asideBytes: 0 },
      { path: 'a.n', type: 'I', columns: 1, bytes: 1, asideBytes: 0 },
      { path: 'a', type: 'V', columns: 1, bytes: 9, asideBytes: 0 },
    ]);
  });
});

describe('types.mk (Appendix A.3)', () => {
  const t = () => openBytes(TYPES).view('t');

  it('has every type, M stored as B', () => {
    const s = openBytes(TYPES);
    expect(s.description).toBe('t[i:I,l:L,f:F,d:D,s:S,b:B,m:B]');
    expect(t().fields.map((f) => f.type)).toEqual(['I', 'L', 'F', 'D', 'S', 'B', 'B']);
  });

  it('I: 1, -5, 0 (8-bit at 8)', () => {
    expect(Array.from(t().ints('i'))).toEqual([1, -5, 0]);
  });

  it('L: 0x123456789, -2, 0', () => {
    expect(Array.from(t().longs('l'))).toEqual([0x123456789n, -2n, 0n]);
    expect(t().getLong(0, 'l')).toBe(0x123456789n);
  });

  it('F: 1.5, -0.0, 0.0 (32-bit bit patterns)', () => {
    const v = t();
    expect(v.getFloat(0, 'f')).toBe(1.5);
    expect(Object.is(v.getFloat(1, 'f'), -0)).toBe(true);
    expect(v.getFloat(2, 'f')).toBe(0);
    expect(Array.from(v.ints('f'))).toEqual([0x3fc00000, -0x80000000, 0]);
    expect(Array.from(v.floats('f'))).toEqual([1.5, -0, 0]);
    expect(v.getInt(0, 'f')).toBe(0x3fc00000);
  });

  it('D: 3.25, -1e300, 0.0', () => {
    expect(Array.from(t().doubles('d'))).toEqual([3.25, -1e300, 0]);
    expect(t().getDouble(1, 'd')).toBe(-1e300);
  });

  it('S: "abc", "", "z" with sizes 4, 0, 2 (4-bit, fake size 2)', () => {
    const v = t();
    expect([0, 1, 2].map((r) => v.getString(r, 's'))).toEqual(['abc', '', 'z']);
    expect([0, 1, 2].map((r) => v.getSize(r, 's'))).toEqual([3, 0, 1]);
    const col = v.bytesColumn('s');
    expect(Array.from(col.offsets)).toEqual([0, 4, 4, 6]);
    expect(col.memos).toBeNull();
  });

  it('B: 01 02 00 ff, empty, 71; m: "xy", empty, empty', () => {
    const v = t();
    expect([0, 1, 2].map((r) => Array.from(v.getBytes(r, 'b')))).toEqual([[1, 2, 0, 0xff], [], [0x71]]);
    expect([0, 1, 2].map((r) => v.getSize(r, 'b'))).toEqual([4, 0, 1]);
    expect([0, 1, 2].map((r) => Array.from(v.getBytes(r, 'm')))).toEqual([[0x78, 0x79], [], []]);
  });

  it('column positions as in the A.3 table', () => {
    expect(t().columnSources).toEqual([
      { kind: 'value', col: { size: 3, pos: 8 } },
      { kind: 'value', col: { size: 24, pos: 11 } },
      { kind: 'value', col: { size: 12, pos: 35 } },
      { kind: 'value', col: { size: 24, pos: 47 } },
      { kind: 'bytes', data: { size: 6, pos: 71 }, sizes: { size: 2, pos: 77 }, memo: { size: 0, pos: 0 } },
      { kind: 'bytes', data: { size: 5, pos: 79 }, sizes: { size: 2, pos: 84 }, memo: { size: 0, pos: 0 } },
      { kind: 'bytes', data: { size: 2, pos: 86 }, sizes: { size: 1, pos: 88 }, memo: { size: 0, pos: 0 } },
    ]);
  });

  it('caller mistakes are TypeError/RangeError, not MetakitError', () => {
    const v = t();
    expect(() => v.getInt(3, 'i')).toThrow(RangeError);
    expect(() => v.getInt(-1, 'i')).toThrow(RangeError);
    expect(() => v.getInt(0.5, 'i')).toThrow(RangeError);
    expect(() => v.getInt(0, 'nope')).toThrow(RangeError);
    expect(() => v.getInt(0, 99)).toThrow(RangeError);
    expect(() => v.getInt(0, 's')).toThrow(TypeError);
    expect(() => v.getString(0, 'b')).toThrow(TypeError);
    expect(() => v.getView(0, 'i')).toThrow(TypeError);
    expect(() => openBytes(TYPES).view('nope')).toThrow(RangeError);
  });

  it('dump matches the doc values', () => {
    const out = JSON.parse(dumpToString(openBytes(TYPES), { main: 'types.mk', mainSize: TYPES.length })) as { views: { rows: unknown[] }[] };
    expect(out.views[0]?.rows[1]).toEqual({ i: -5, l: '-2', f: { float: '-0' }, d: -1e300, s: '', b: { hex: '' }, m: { hex: '' } });
  });
});

describe('small int files (A.2, §7.1.7)', () => {
  it('e2: a view with 0 rows', () => {
    const a = openBytes(E2).view('a');
    expect(a.rowCount).toBe(0);
    expect(Array.from(a.ints('x'))).toEqual([]);
  });

  it('e3: 3 rows of width 0 (no column at all)', () => {
    const a = openBytes(E3).view('a');
    expect(a.rowCount).toBe(3);
    expect([0, 1, 2].map((r) => a.getInt(r, 'x'))).toEqual([0, 0, 0]);
    expect(a.columnSources).toEqual([{ kind: 'value', col: { size: 0, pos: 0 } }]);
  });

  it('w1r1: the single value 1 stored in 3 bytes (fake size)', () => {
    const t = openBytes(W1R1).view('t');
    expect(t.getInt(0, 'x')).toBe(1);
    expect(t.columnSources).toEqual([{ kind: 'value', col: { size: 3, pos: 8 } }]);
  });
});

describe('c2.mk: commit-extend generations (§9.2)', () => {
  it('the newest generation: 123, 456, 70000 (32-bit), header still says 41', () => {
    const s = openBytes(C2);
    expect(s.info).toMatchObject({ base: 0, end: 137, rootPos: 109, rootLen: 12, headerEnd: 41 });
    expect(Array.from(s.view('a').ints('p1'))).toEqual([123, 456, 70000]);
    expect(computeStats(s).main.chainGenerations).toBe(3);
  });

  it('opening at end 85 and 41 gives the earlier generations', () => {
    const g2 = openBytes(C2, { end: 85 });
    expect(g2.info).toMatchObject({ end: 85, rootPos: 57, rootLen: 12 });
    expect(Array.from(g2.view('a').ints('p1'))).toEqual([123, 456]);
    const g1 = openBytes(C2, { end: 41 });
    expect(Array.from(g1.view('a').ints('p1'))).toEqual([123]);
  });

  it('stats of the newest generation: earlier generations are free bytes', () => {
    const st = computeStats(openBytes(C2)).main;
    // referenced: header 8 + p1 12 + a 4 + root 12 + tails 16
    expect(st.referencedBytes).toBe(52);
    expect(st.freeBytes).toBe(137 - 52);
  });

  it('an end outside the file is a caller mistake', () => {
    expect(() => openBytes(C2, { end: 138 })).toThrow(RangeError);
    expect(() => openBytes(C2, { end: -1 })).toThrow(RangeError);
  });
});

describe('prefixes and trailing data (§3.4, §3.5)', () => {
  it('sk1 (100-byte prefix): base 100, same values', () => {
    const s = openBytes(SK1);
    expect(s.info).toMatchObject({ base: 100, end: 161, rootPos: 30 });
    expect(s.view('a').getString(0, 'i')).toBe('hello');
    expect(computeStats(s).main).toMatchObject({ base: 100, freeBytes: 0 });
  });

  it('trail1/trail2: logical end 61, 58 trailing bytes', () => {
    for (const f of [TRAIL1, TRAIL2]) {
      const s = openBytes(f);
      expect(s.info).toMatchObject({ base: 0, end: 61, trailing: 58, fileSize: 119 });
      expect(s.view('a').getInt(0, 'n')).toBe(42);
    }
  });

  it('trail3: base 60, logical end 121', () => {
    const s = openBytes(TRAIL3);
    expect(s.info).toMatchObject({ base: 60, end: 121, trailing: 58 });
    expect(s.view('a').getString(0, 'i')).toBe('hello');
  });
});

describe('main + aside (§10.5)', () => {
  it('as_main alone: one row 123', () => {
    expect(Array.from(openBytes(AS_MAIN).view('a').ints('p1'))).toEqual([123]);
  });

  it('as_aside alone: the _C view with 4 diffs', () => {
    const c = openBytes(AS_ASIDE).view('_C');
    expect(c.rowCount).toBe(4);
    expect(Array.from(c.ints('_O'))).toEqual([8, 0, 0, 0]);
    const d0 = c.getView(0, '_D');
    expect(d0.rowCount).toBe(1);
    expect([d0.getInt(0, '_K'), d0.getInt(0, '_R')]).toEqual([0, 0]);
    expect(Array.from(d0.getBytes(0, '_B'))).toEqual([0x7b, 0x00, 0xc8, 0x01]);
    expect(Array.from(c.getView(1, '_D').getBytes(0, '_B'))).toEqual([0x80, 0x82, 0x84, 0x00, 0x80]);
    expect(Array.from(c.getView(3, '_D').getBytes(0, '_B'))).toEqual(Array.from(hex('80 87 61 5b 70 31 3a 49 5d 81 85 00 81')));
  });

  it('main + aside: 123, 456; the root walk comes from the last diff; positions are diff ids', () => {
    const s = openBytes(AS_MAIN, { aside: openBytes(AS_ASIDE) });
    expect(s.info.rootFromAside).toBe(true);
    expect(s.generation).toBe('41+159');
    expect(s.root.columnSources).toEqual([{ kind: 'view', col: { size: 5, pos: ~1 } }]);
    const a = s.view('a');
    expect(a.columnSources).toEqual([{ kind: 'value', col: { size: 4, pos: ~0 } }]);
    expect(Array.from(a.ints('p1'))).toEqual([123, 456]);
    const st = computeStats(s);
    expect(st.asideDiffs).toBe(4);
    expect(st.properties).toEqual([
      { path: 'a.p1', type: 'I', columns: 1, bytes: 0, asideBytes: 4 },
      { path: 'a', type: 'V', columns: 1, bytes: 0, asideBytes: 5 },
    ]);
  });

  it('an aside without a _C view changes nothing', () => {
    const s = openBytes(AS_MAIN, { aside: openBytes(T1) });
    expect(s.info.rootFromAside).toBe(false);
    expect(Array.from(s.view('a').ints('p1'))).toEqual([123]);
  });

  it('an empty main file with an aside reads the aside\'s root walk', () => {
    const s = openBytes(new Uint8Array(0), { aside: openBytes(AS_ASIDE) });
    expect(s.info).toMatchObject({ empty: true, rootFromAside: true });
    // the aside's root references main-file positions: diff 1 = view column, diff 0 with _O = 8 ...
    expect(s.viewNames()).toEqual(['a']);
  });
});

describe('empty storage', () => {
  it('a 0-byte file is a storage with no views', () => {
    const s = openBytes(new Uint8Array(0));
    expect(s.info).toMatchObject({ empty: true, fileSize: 0, base: 0, end: 0 });
    expect(s.viewNames()).toEqual([]);
    expect(computeStats(s).main).toMatchObject({ format: 'empty', chainGenerations: 0, referencedBytes: 0, freeBytes: 0 });
    expect(dumpToString(s, { main: 'e.mk', mainSize: 0 })).toBe('{\n  "metakit": "2.4.9.8",\n  "main": "e.mk",\n  "endOfData": {"error": "not a Metakit datafile"},\n  "sizes": {"main": 0},\n  "views": []\n}\n');
  });

  it('ASIDE_MISMATCH: an aside whose walk names main-file columns, attached to a 0-byte main (it was written for another main)', () => {
    const aside = Storage.open(new MemoryByteStore(readFileSync(loadCase('aside-0-init').asidePath as string), { writable: false, name: 'aside.mka' }));
    expectMkError(() => Storage.open(new MemoryByteStore(new Uint8Array(0), { writable: false, name: 'e.mk' }), { aside }), 'ASIDE_MISMATCH',
      /^expected .* in the main file, but e\.mk is empty \(0 bytes\): the aside was written for a main file that has this column at \d+\+\d+$/);
  });
});

describe('open errors', () => {
  it('NOT_METAKIT: a foreign file', () => {
    const bytes = new TextEncoder().encode('#!/bin/sh\necho this is not a datafile\n');
    const e = expectMkError(() => openBytes(bytes), 'NOT_METAKIT',
      `expected a Metakit datafile (a "JL"/"LJ" header and skip+commit tails at the end), but test.mk (${bytes.length} bytes) starts with 23 21 2f 62 69 6e 2f 73 and ends with 61 74 61 66 69 6c 65 0a: not a Metakit datafile`);
    expect(e.offset).toBe(0);
    expect(e.file).toBe('test.mk');
  });

  it('NOT_METAKIT: fewer than 8 bytes', () => {
    expectMkError(() => openBytes(hex('4a 4c 1a')), 'NOT_METAKIT',
      'expected a Metakit datafile (a "JL"/"LJ" header and skip+commit tails at the end), but test.mk (3 bytes) starts with 4a 4c 1a and ends with 4a 4c 1a: not a Metakit datafile');
  });

  it('TRUNCATED: t1 cut to 60 bytes (no intact commit)', () => {
    const e = expectMkError(() => openBytes(T1.subarray(0, 60)), 'TRUNCATED',
      'expected skip and commit tails in the last 16 bytes of test.mk (60 bytes), but it ends with 2d 80 00 00 0f 00 00 00: the Metakit data starting at 0 is cut or its last commit is torn; no intact commit was found');
    expect(e.offset).toBe(52);
  });

  it('TRUNCATED: c2 cut inside generation 3 names the last intact commit (85)', () => {
    expectMkError(() => openBytes(C2.subarray(0, 130)), 'TRUNCATED', /^expected skip and commit tails in the last 16 bytes of test\.mk \(130 bytes\), but it ends with .*: the Metakit data starting at 0 is cut or its last commit is torn; the last intact commit ends at 85 \(run `mkinspect recover` to extract it\)$/);
  });

  it('an interrupted first commit (header, data, early skip tail back to 0) reads as an empty storage', () => {
    const s = openBytes(T1.subarray(0, 53));
    expect(s.info).toMatchObject({ empty: true, fileSize: 53 });
    expect(s.viewNames()).toEqual([]);
  });

  it('regression (torn commit over intact generations read as empty): TRUNCATED naming the last intact commit', () => {
    expectMkError(() => openBytes(concat(C2.subarray(0, 85), hex('80 00 00 00 00 00 00 55'))), 'TRUNCATED', /ends with 80 00 00 00 00 00 00 55: .*the last intact commit ends at 85/);
  });

  it('TRUNCATED: a starkit whose tails are lost names the data start', () => {
    expectMkError(() => openBytes(SK1.subarray(0, 150)), 'TRUNCATED', /the Metakit data starting at 100 is cut or its last commit is torn; no intact commit was found$/);
  });

  it('BAD_OFFSET: the commit tail puts the root walk past the data', () => {
    const f = T1.slice();
    f[60] = 40; // root walk 15 bytes at 40 > 45
    const e = expectMkError(() => openBytes(f), 'BAD_OFFSET', 'expected the root walk inside the data (8..45), but the commit tail puts it at 40+15');
    expect(e.offset).toBe(53);
    expect(e.file).toBe('test.mk');
  });

  it('BAD_OFFSET: the commit tail puts the root walk into the header', () => {
    const f = T1.slice();
    f[60] = 4;
    expectMkError(() => openBytes(f), 'BAD_OFFSET', 'expected the root walk inside the data (8..45), but the commit tail puts it at 4+15');
  });

  it('BAD_OFFSET: a top-level view column outside the data is refused at open', () => {
    const f = T1.slice();
    f[44] = 0x80 + 40; // a: 9 bytes at 40 (past 45)
    const e = expectMkError(() => openBytes(f), 'BAD_OFFSET', 'expected column of a inside the data (8..45), but it is at 40+9');
    expect(e.offset).toBe(40);
    expect(e.path).toBe('a');
  });

  it('LIMIT_EXCEEDED: a column larger than maxColumnBytes', () => {
    expectMkError(() => openBytes(T1, { limits: { maxColumnBytes: 8 } }), 'LIMIT_EXCEEDED', 'expected column of a to be at most 8 bytes, but it claims 9');
  });

  it('ASIDE_MISSING: a main file referring to diffs, opened without its aside', () => {
    const f = T1.slice(0, 30);
    // root walk: a = <9><~0>
    const root = hex('80 8a 61 5b 69 3a 53 2c 6e 3a 49 5d 81 89 00 80');
    const file = concat(f, root, hex('80 00 00 00 00 00 00 2e'), hex('80 00 00 10 00 00 00 1e'));
    file[7] = file.length;
    const e = expectMkError(() => openBytes(file), 'ASIDE_MISSING',
      'expected column of a in the main file, but it refers to aside diff 0 and no aside is attached (open the file with its aside .mka)');
    expect(e.path).toBe('a');
  });

  it('errors carry the store name and serialise to plain JSON', () => {
    const e = expectMkError(() => Storage.open(store(T1.subarray(0, 60), 'x.mk')), 'TRUNCATED', /^expected skip and commit tails in the last 16 bytes of x\.mk \(60 bytes\)/);
    expect(e).toBeInstanceOf(MetakitError);
    expect(e.file).toBe('x.mk');
    expect(e.toJSON()).toEqual({ name: 'MetakitError', code: 'TRUNCATED', message: e.message, file: 'x.mk', offset: 52 });
    expect(e.withFile('other')).toBe(e);
  });
});
