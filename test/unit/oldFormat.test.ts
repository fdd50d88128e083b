/** Pre-2.0 files (format §13): the hand-made old1.mk, inline subviews, the B order heuristic, and errors. */
import { describe, expect, it } from 'vitest';
import { dumpToString } from '../../engine/core/analysis/dump.js';
import { computeStats } from '../../engine/core/analysis/stats.js';
import { concat, expectMkError, hex, openBytes, walk } from '../helpers/bytes.js';
import { OLD1 } from '../helpers/docVectors.js';

/** An old-format file: header `JL 1a 80` + LE32 root position, the columns from 8, then the root stream. */
function oldFile(columns: Uint8Array[], stream: (positions: number[]) => Uint8Array, prefix = 0): Uint8Array {
  const positions: number[] = [];
  let at = 8;
  for (const c of columns) {
    positions.push(at);
    at += c.length;
  }
  const header = hex('4a 4c 1a 80 00 00 00 00');
  header[4] = at & 0xff;
  header[5] = (at >> 8) & 0xff;
  return concat(new Uint8Array(prefix), header, ...columns, stream(positions));
}

describe('old1.mk (§13, hand-made)', () => {
  it('reads p1 = 7, 9; s = "hi", ""; m = 5 bytes "MEMO!", 0 bytes', () => {
    const s = openBytes(OLD1);
    expect(s.info).toMatchObject({ oldFormat: true, base: 0, rootPos: 0x17, rootLen: -1, end: 49 });
    expect(s.description).toBe('a[p1:I,s:S,m:B]');
    const a = s.view('a');
    expect(a.rowCount).toBe(2);
    expect([a.getInt(0, 'p1'), a.getInt(1, 'p1')]).toEqual([7, 9]);
    expect([a.getString(0, 's'), a.getString(1, 's')]).toEqual(['hi', '']);
    expect(new TextDecoder().decode(a.getBytes(0, 'm'))).toBe('MEMO!');
    expect(a.getBytes(1, 'm').length).toBe(0);
    expect([a.getSize(0, 'm'), a.getSize(1, 'm'), a.getSize(0, 's'), a.getSize(1, 's')]).toEqual([5, 0, 2, 0]);
  });

  it('column sources: p1 2 bytes at 8, s 4 bytes at 10, m sizes at 19 and positions at 21', () => {
    expect(openBytes(OLD1).view('a').columnSources).toEqual([
      { kind: 'value', col: { size: 2, pos: 8 } },
      { kind: 'oldStrings', data: { size: 4, pos: 10 } },
      { kind: 'oldMemos', sizes: { size: 2, pos: 19 }, positions: { size: 2, pos: 21 } },
    ]);
  });

  it('stats: old format, no generations chain, the memo counted', () => {
    const st = computeStats(openBytes(OLD1));
    expect(st.main).toMatchObject({ format: 'old (pre-2.0)', chainGenerations: 1 });
    expect(st.properties.find((p) => p.path === 'a.m')).toEqual({ path: 'a.m', type: 'B', columns: 3, bytes: 9, asideBytes: 0 });
  });

  it('a prefix of 16 bytes moves the base', () => {
    const f = concat(new Uint8Array(16), OLD1);
    const s = openBytes(f);
    expect(s.info.base).toBe(16);
    expect(s.view('a').getString(0, 's')).toBe('hi');
  });
});

describe('old-format subviews and B columns', () => {
  it('V: inline row counts per parent row, properties defined recursively', () => {
    // v[n:I,k[x:I]]: 2 rows; n = 1,2 ; k[0] has 0 rows, k[1] has 2 rows x = 5,6
    const f = oldFile([hex('01 02'), hex('05 06')], ([n, x]) => walk(0, 13, 'v[n:I,k[x:I]]', 2, 2, n as number, 0, 2, 2, x as number));
    const v = openBytes(f).view('v');
    expect(v.rowCount).toBe(2);
    expect(Array.from(v.ints('n'))).toEqual([1, 2]);
    expect(v.getViewSize(0, 'k')).toBe(0);
    expect(v.getViewSize(1, 'k')).toBe(2);
    expect(v.getView(0, 'k').rowCount).toBe(0);
    const k1 = v.getView(1, 'k');
    expect(k1.path).toBe('v[1].k');
    expect(Array.from(k1.ints('x'))).toEqual([5, 6]);
    const json = JSON.parse(dumpToString(openBytes(f), { main: 'o', mainSize: f.length })) as { views: unknown[] };
    expect(json.views).toEqual([{ name: 'v', layout: 'v[n:I,k[x:I]]', rows: [{ n: 1, k: [] }, { n: 2, k: [{ x: 5 }, { x: 6 }] }] }]);
  });

  it('B in 2.x order (data, then sizes)', () => {
    const f = oldFile([hex('aa bb cc'), hex('12')], ([d, s]) => walk(0, 6, 't[b:B]', 2, 3, d as number, 1, s as number));
    const t = openBytes(f).view('t');
    expect([Array.from(t.getBytes(0, 'b')), Array.from(t.getBytes(1, 'b'))]).toEqual([[0xaa, 0xbb], [0xcc]]);
  });

  it('B in 1.8.6 order (sizes, then data) is swapped back', () => {
    // 7 data bytes cannot be a 2-row sizes vector (56 bits / 2 rows = 28 bits), so Metakit swaps
    const f = oldFile([hex('43'), hex('61 62 63 64 65 66 67')], ([s, d]) => walk(0, 6, 't[b:B]', 2, 1, s as number, 7, d as number));
    const t = openBytes(f).view('t');
    expect([Array.from(t.getBytes(0, 'b')), Array.from(t.getBytes(1, 'b'))]).toEqual([[0x61, 0x62, 0x63], [0x64, 0x65, 0x66, 0x67]]);
  });
});

describe('old-format errors', () => {
  it('BAD_OFFSET: the header points into itself', () => {
    const f = OLD1.slice();
    f[4] = 4;
    const e = expectMkError(() => openBytes(f), 'BAD_OFFSET', 'expected the old-format root stream inside the file (8..49), but the header points to 4');
    expect(e.offset).toBe(0);
  });

  it('BAD_OFFSET: the header points past the end', () => {
    const f = OLD1.slice();
    f[4] = 200;
    expectMkError(() => openBytes(f), 'BAD_OFFSET', 'expected the old-format root stream inside the file (8..49), but the header points to 200');
  });

  it('BAD_WALK: the stream does not start with 0', () => {
    const f = OLD1.slice();
    f[0x17] = 0x81;
    const e = expectMkError(() => openBytes(f), 'BAD_WALK', 'expected the old-format root stream to start with 0, but found 1');
    expect(e.offset).toBe(0x17);
  });

  it('BAD_VARINT: the stream ends inside a definition', () => {
    expectMkError(() => openBytes(OLD1.subarray(0, 0x30)), 'BAD_VARINT', 'expected a varint at 48 to end inside the old-format root stream (25 bytes), but it runs past the end');
  });

  it('BAD_STRUCTURE: the description does not parse', () => {
    const f = OLD1.slice();
    f[0x19 + 14] = 0x2c; // "a[p1:I,s:S,m:M," instead of "]"
    expectMkError(() => openBytes(f), 'BAD_STRUCTURE', 'expected a property name at character 15 of description "a[p1:I,s:S,m:M,", but found the end');
  });

  it('LIMIT_EXCEEDED: more rows in inline subviews than maxRows', () => {
    expectMkError(() => openBytes(OLD1, { limits: { maxRows: 1 } }), 'LIMIT_EXCEEDED', 'expected at most 1 rows in all, but a claims 2 at 40');
  });

  it('LIMIT_EXCEEDED: inline subviews nested deeper than maxDepth', () => {
    const f = oldFile([], () => walk(0, 12, 'a[b[c[x:I]]]', 1, 1, 1, 0));
    expect(openBytes(f, { limits: { maxDepth: 4 } }).view('a').getView(0, 'b').getView(0, 'c').rowCount).toBe(1);
    expectMkError(() => openBytes(f, { limits: { maxDepth: 3 } }), 'LIMIT_EXCEEDED', 'expected subviews nested at most 3 deep, but description "a[b[c[x:I]]]" nests deeper');
  });

  it('LIMIT_EXCEEDED: recursive [^] inline subviews deeper than maxDepth (the stream decides the depth)', () => {
    const chain = Array.from({ length: 10 }, () => 1);
    const f = oldFile([], () => walk(0, 7, 'r[s[^]]', ...chain, 0));
    expectMkError(() => openBytes(f, { limits: { maxDepth: 5 } }), 'LIMIT_EXCEEDED', 'expected subviews nested at most 5 deep, but r[0].s[0].s[0].s[0].s[0] is deeper');
  });
});
