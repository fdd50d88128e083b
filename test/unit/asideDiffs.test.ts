/**
 * Reading through an aside (format §10): assembling column content from `_C` diffs with `_K`/`_R`/`_B`
 * chunks (multi-chunk diffs as c4_Differ::ApplyDiff applies them, §10.2), the root walk override, and
 * every mismatch between main file and aside.
 */
import { describe, expect, it } from 'vitest';
import { AsideDiffs } from '../../engine/core/aside/asideDiffs.js';
import { ascii, concat, expectMkError, FileBuilder, openBytes, rootWalk, walk } from '../helpers/bytes.js';
import { AS_ASIDE, AS_MAIN, T1, TYPES } from '../helpers/docVectors.js';
import { tinyFile, type TinyRow } from '../helpers/tinyWriter.js';

interface Chunk { k: number; r: number; b: string | Uint8Array }
const diff = (origin: number, chunks: Chunk[]): TinyRow => ({ _O: origin, _D: chunks.map((c) => ({ _K: c.k, _R: c.r, _B: typeof c.b === 'string' ? ascii(c.b) : c.b })) });
const C_LAYOUT = '_C[_O:I,_D[_K:I,_R:I,_B:B]]';

/**
 * Main file: `a[b:B]` with one row whose data column (`size` bytes) is aside diff 0; "ABCDEFGH" sits at
 * rel. 8 as the base content. Returns the main bytes and its root walk (the aside repeats it as its
 * last diff, as Metakit does).
 */
function mainWithDiffColumn(size: number): { main: Uint8Array; root: Uint8Array } {
  const b = new FileBuilder();
  b.add(ascii('ABCDEFGH'));
  const sizes = b.add(Uint8Array.of(size));
  const viewCol = walk(0, 1, size, ~0, 1, sizes, 0);
  const viewPos = b.add(viewCol);
  const root = rootWalk('a[b:B]', viewCol.length, viewPos);
  return { main: b.finish(root), root };
}

function read(size: number, chunks: Chunk[], origin = 8): string {
  const { main, root } = mainWithDiffColumn(size);
  const aside = tinyFile(C_LAYOUT, { _C: [diff(origin, chunks), diff(0, [{ k: 0, r: 0, b: root }])] });
  const s = openBytes(main, { aside: openBytes(aside, { }) });
  return Array.from(s.view('a').getBytes(0, 'b'), (c) => (c === 0 ? '.' : String.fromCharCode(c))).join('');
}

describe('the test encoder reproduces Metakit files', () => {
  it('t1.mk and types.mk byte for byte', () => {
    expect(Array.from(tinyFile('a[i:S,n:I]', { a: [{ i: 'hello', n: 42 }] }))).toEqual(Array.from(T1));
    const types = tinyFile('t[i:I,l:L,f:F,d:D,s:S,b:B,m:B]', {
      t: [
        { i: 1, l: 0x123456789n, f: 0x3fc00000, d: 3.25, s: 'abc', b: Uint8Array.of(1, 2, 0, 0xff), m: ascii('xy') },
        { i: -5, l: -2n, f: -0x80000000, d: -1e300, s: '', b: new Uint8Array(0), m: new Uint8Array(0) },
        { i: 0, l: 0n, f: 0, d: 0, s: 'z', b: Uint8Array.of(0x71), m: new Uint8Array(0) },
      ],
    });
    expect(Array.from(types)).toEqual(Array.from(TYPES));
  });
});

describe('diff assembly (§10.2)', () => {
  it('one full chunk (what Metakit 2.4.9.8 writes): the content is _B', () => {
    expect(read(8, [{ k: 0, r: 0, b: 'full-col' }])).toBe('full-col');
  });

  it('_K skips base bytes, _B overwrites and advances', () => {
    expect(read(8, [{ k: 1, r: 0, b: 'xy' }, { k: 2, r: 0, b: 'z' }])).toBe('AxyDEzGH');
  });

  it('_R < 0 deletes at the offset, _R > 0 inserts; chunks apply in order', () => {
    // "ABCDEFGH": keep 1, write xy -> AxyDEFGH (offset 3); keep 1, delete 2 -> AxyDGH (offset 4);
    // insert 2 and write pq -> AxyDpqGH
    expect(read(8, [{ k: 1, r: 0, b: 'xy' }, { k: 1, r: -2, b: '' }, { k: 0, r: 2, b: 'pq' }])).toBe('AxyDpqGH');
  });

  it('the base is the column size read at _O; insert then delete keeps the size', () => {
    // base "ABCD" (4 bytes at 8): insert "12" at 2 -> AB12CD; delete 2 at the end -> AB12
    expect(read(4, [{ k: 2, r: 2, b: '12' }, { k: 0, r: -2, b: '' }])).toBe('AB12');
  });

  it('_O = 0: no base bytes; chunks supplying every byte in pieces', () => {
    expect(read(6, [{ k: 0, r: 0, b: 'ab' }, { k: 0, r: 0, b: 'cd' }, { k: 0, r: 0, b: 'ef' }], 0)).toBe('abcdef');
    expect(read(4, [{ k: 0, r: 0, b: 'ab' }, { k: 0, r: 2, b: 'xy' }, { k: 0, r: -2, b: '' }], 0)).toBe('abxy');
  });

  it('no chunks at all: the base content unchanged', () => {
    expect(read(5, [])).toBe('ABCDE');
  });

  it('the assembled content is cached: a second read does not re-apply', () => {
    const { main, root } = mainWithDiffColumn(8);
    const aside = openBytes(tinyFile(C_LAYOUT, { _C: [diff(8, [{ k: 1, r: 0, b: 'xy' }]), diff(0, [{ k: 0, r: 0, b: root }])] }));
    const s = openBytes(main, { aside });
    const first = s.view('a').getBytes(0, 'b');
    const second = s.view('a').getBytes(0, 'b');
    expect(second.buffer).toBe(first.buffer);
    expect(second.byteOffset).toBe(first.byteOffset);
  });
});

describe('root walk override (§10.4)', () => {
  it('the last _C row supplies the root walk; an empty last _D means "keep the main root"', () => {
    const withEmptyLast = tinyFile(C_LAYOUT, { _C: [{ _O: 0, _D: [] }] });
    const s = openBytes(AS_MAIN, { aside: openBytes(withEmptyLast) });
    expect(s.info.rootFromAside).toBe(false);
    expect(s.view('a').getInt(0, 'p1')).toBe(123);
  });

  it('an aside with an empty _C view keeps the main root', () => {
    const s = openBytes(AS_MAIN, { aside: openBytes(tinyFile(C_LAYOUT, { _C: [] })) });
    expect(s.info.rootFromAside).toBe(false);
  });

  it('AsideDiffs exposes origins and chunks of the doc example', () => {
    const d = new AsideDiffs(openBytes(AS_ASIDE).view('_C'), 'as_aside.mk');
    expect(d.count).toBe(4);
    expect([0, 1, 2, 3].map((i) => d.origin(i))).toEqual([8, 0, 0, 0]);
    expect(d.chunks(0)).toEqual([{ keep: 0, resize: 0, bytes: Uint8Array.of(0x7b, 0x00, 0xc8, 0x01) }]);
    expect(Array.from(d.rootWalk() ?? [])).toEqual(Array.from(AS_ASIDE.subarray(0x32, 0x3f)));
  });
});

describe('aside errors', () => {
  it('ASIDE_MISMATCH: a negative skip', () => {
    expectMkError(() => read(8, [{ k: -1, r: 0, b: 'x' }]), 'ASIDE_MISMATCH', 'expected a non-negative skip in aside diff 0 for a.b, but found -1');
  });

  it('ASIDE_MISMATCH: skipping past the column', () => {
    expectMkError(() => read(8, [{ k: 9, r: 0, b: '' }]), 'ASIDE_MISMATCH', 'expected aside diff 0 for a.b to stay inside its 8-byte column, but it skips to 9');
  });

  it('ASIDE_MISMATCH: deleting past the column', () => {
    expectMkError(() => read(8, [{ k: 6, r: -3, b: '' }]), 'ASIDE_MISMATCH', 'expected aside diff 0 for a.b to delete inside its 8-byte column, but it deletes 3 bytes at 6');
  });

  it('ASIDE_MISMATCH: writing past the column', () => {
    expectMkError(() => read(8, [{ k: 6, r: 0, b: 'xyz' }]), 'ASIDE_MISMATCH', 'expected aside diff 0 for a.b to write inside its 8-byte column, but it writes 3 bytes at 6');
  });

  it('ASIDE_MISMATCH: the result is not the referenced size', () => {
    expectMkError(() => read(8, [{ k: 0, r: 2, b: '' }]), 'ASIDE_MISMATCH', 'expected aside diff 0 to give 8 bytes for a.b, but it gives 10');
    expectMkError(() => read(8, [{ k: 0, r: 0, b: 'toolongforit' }]), 'ASIDE_MISMATCH', 'expected aside diff 0 for a.b to write inside its 8-byte column, but it writes 12 bytes at 0');
  });

  it('ASIDE_MISMATCH: the base (_O + size) is outside the main file', () => {
    const e = expectMkError(() => read(8, [{ k: 1, r: 0, b: 'x' }], 60), 'ASIDE_MISMATCH', /^expected base of aside diff 0 of a\.b at 60\+8 inside the main file \(\d+ bytes of data\)$/);
    expect(e.path).toBe('a.b');
    expectMkError(() => read(8, [{ k: 1, r: 0, b: 'x' }], 4), 'ASIDE_MISMATCH', /^expected base of aside diff 0 of a\.b at 4\+8 inside the main file/);
  });

  it('regression (aside diff without base claiming a huge column): ASIDE_MISMATCH before allocating', () => {
    const e = expectMkError(() => read(0x7fffff00, [{ k: 2, r: 0, b: 'zz' }], 0), 'ASIDE_MISMATCH',
      'expected aside diff 0 (no base) to supply the 2147483392 bytes of a.b, but its chunks hold 2');
    expect(e.path).toBe('a.b');
    expectMkError(() => read(6, [{ k: 2, r: 0, b: 'zz' }], 0), 'ASIDE_MISMATCH', 'expected aside diff 0 (no base) to supply the 6 bytes of a.b, but its chunks hold 2');
  });

  it('ASIDE_MISMATCH: a negative base position', () => {
    expectMkError(() => read(8, [{ k: 1, r: 0, b: 'x' }], -8), 'ASIDE_MISMATCH', 'expected a base position >= 0 in aside diff 0 for a.b, but _O is -8');
  });

  it('ASIDE_MISMATCH: a diff id beyond the _C rows', () => {
    const { main } = mainWithDiffColumn(8);
    // the aside's root walk names diff 5 for the view column
    const root = rootWalk('a[b:B]', 7, ~5);
    const aside = tinyFile(C_LAYOUT, { _C: [diff(0, [{ k: 0, r: 0, b: root }])] });
    expectMkError(() => openBytes(main, { aside: openBytes(aside) }), 'ASIDE_MISMATCH', 'expected aside diff 5 for column of a, but the aside holds only 1 diffs');
  });

  it('ASIDE_MISMATCH: _C without _O/_D, or with the wrong types', () => {
    const noO = tinyFile('_C[_D[_K:I,_R:I,_B:B]]', { _C: [{ _D: [] }] });
    const e = expectMkError(() => openBytes(AS_MAIN, { aside: openBytes(noO, { }) }), 'ASIDE_MISMATCH', 'expected the aside\'s _C view to have the layout _C[_O:I,_D[_K:I,_R:I,_B:B]], but it is _C[_D[_K:I,_R:I,_B:B]]');
    expect(e.file).toBe('test.mk');
    const wrongType = tinyFile('_C[_O:S,_D[_K:I,_R:I,_B:B]]', { _C: [{ _O: 'x', _D: [] }] });
    expectMkError(() => openBytes(AS_MAIN, { aside: openBytes(wrongType) }), 'ASIDE_MISMATCH', 'expected the aside\'s _C view to have the layout _C[_O:I,_D[_K:I,_R:I,_B:B]], but it is _C[_O:S,_D[_K:I,_R:I,_B:B]]');
  });

  it('ASIDE_MISMATCH: chunks without _K/_R/_B', () => {
    const { main, root } = mainWithDiffColumn(8);
    const bad = tinyFile('_C[_O:I,_D[_K:I,_B:S]]', { _C: [{ _O: 8, _D: [{ _K: 0, _B: 'x' }] }, { _O: 0, _D: [{ _K: 0, _B: concat(root, new Uint8Array(1)) }] }] });
    expectMkError(() => openBytes(main, { aside: openBytes(bad) }), 'ASIDE_MISMATCH', 'expected diff chunks with the layout _D[_K:I,_R:I,_B:B], but found _D[_K:I,_B:S]');
  });

  it('regression (aside root walk from a _D without _B): ASIDE_MISMATCH, not a RangeError', () => {
    // fuzz find: the root walk override read _B before the chunk layout was checked
    const bad = tinyFile('_C[_O:I,_D[_K:I,_R:I,_L:B]]', { _C: [{ _O: 0, _D: [{ _K: 0, _R: 0, _L: ascii('x') }] }] });
    expectMkError(() => openBytes(AS_MAIN, { aside: openBytes(bad) }), 'ASIDE_MISMATCH', 'expected diff chunks with the layout _D[_K:I,_R:I,_B:B], but found _D[_K:I,_R:I,_L:B]');
  });

  it('ASIDE_MISSING: main refers to a diff, no aside attached', () => {
    const { main } = mainWithDiffColumn(8);
    const e = expectMkError(() => openBytes(main).view('a').getBytes(0, 'b'), 'ASIDE_MISSING',
      'expected data column of a.b in the main file, but it refers to aside diff 0 and no aside is attached (open the file with its aside .mka)');
    expect(e.file).toBe('test.mk');
  });

  it('a corrupt root walk supplied by the aside is reported like a main root walk', () => {
    const aside = tinyFile(C_LAYOUT, { _C: [diff(0, [{ k: 0, r: 0, b: concat(walk(0, 5, 't[x:I', 1)) }])] });
    expectMkError(() => openBytes(AS_MAIN, { aside: openBytes(aside) }), 'BAD_STRUCTURE', 'expected \']\' closing the subview at character 5 of description "t[x:I", but found the end');
  });
});
