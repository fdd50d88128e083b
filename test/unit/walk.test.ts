/** Walks (format §5): column references, groups per type, the root walk, subview columns; values and cursors. */
import { describe, expect, it } from 'vitest';
import { parseDescription, type Field } from '../../engine/core/read/structure.js';
import { ByteCursor, ByteSink } from '../../engine/core/base/varint.js';
import { EMPTY_REF, groupKind, indexSubviewColumn, parseRootWalk, readColumnRef, readGroups, readSequenceAt, writeColumnRef, writeGroups } from '../../engine/core/read/walk.js';
import { expectMkError, hex, walk } from '../helpers/bytes.js';
import { T1, TYPES } from '../helpers/docVectors.js';

const fieldsOf = (layout: string): readonly Field[] => (parseDescription(layout)[0] as Field).fields;

describe('column references and groups (§5.3)', () => {
  it('a zero-size reference has no position', () => {
    const c = new ByteCursor(hex('80 81 94'));
    expect(readColumnRef(c)).toBe(EMPTY_REF);
    expect(c.pos).toBe(1);
    expect(readColumnRef(c)).toEqual({ size: 1, pos: 20 });
    expect(c.pos).toBe(3);
  });

  it('a negative position names an aside diff (00 80 = id 0)', () => {
    const c = new ByteCursor(hex('84 00 80 85 00 81'));
    expect(readColumnRef(c)).toEqual({ size: 4, pos: -1 });
    expect(readColumnRef(c)).toEqual({ size: 5, pos: -2 });
    expect(c.atEnd).toBe(true);
  });

  it('group kinds per type', () => {
    expect(['I', 'L', 'F', 'D', 'S', 'B', 'V'].map((t) => groupKind(t as never))).toEqual(['value', 'value', 'value', 'value', 'bytes', 'bytes', 'view']);
  });

  it('t1 subview walk: S group (data, sizes, memo) and I group', () => {
    // 80 81 | 86 88 86 8e 80 | 81 94  (§5.6)
    const c = new ByteCursor(T1, 21, 30, 0, 'subview column');
    expect(c.varint()).toBe(0);
    expect(c.varint()).toBe(1);
    const groups = readGroups(c, fieldsOf('a[i:S,n:I]'));
    expect(groups).toEqual([
      { kind: 'bytes', data: { size: 6, pos: 8 }, sizes: { size: 6, pos: 14 }, memo: EMPTY_REF },
      { kind: 'value', col: { size: 1, pos: 20 } },
    ]);
    expect(c.pos).toBe(30);
  });

  it('an S group with empty data has no sizes reference', () => {
    const c = new ByteCursor(hex('80 80 81 88'));
    expect(readGroups(c, fieldsOf('t[s:S,x:I]'))).toEqual([
      { kind: 'bytes', data: EMPTY_REF, sizes: EMPTY_REF, memo: EMPTY_REF },
      { kind: 'value', col: { size: 1, pos: 8 } },
    ]);
    expect(c.atEnd).toBe(true);
  });

  it('types.mk subview column: every type, cursor at the end', () => {
    const col = TYPES.subarray(89, 114);
    const c = new ByteCursor(col, 0, col.length, 89);
    expect([c.varint(), c.varint()]).toEqual([0, 3]);
    const groups = readGroups(c, fieldsOf('t[i:I,l:L,f:F,d:D,s:S,b:B,m:B]'));
    expect(groups).toEqual([
      { kind: 'value', col: { size: 3, pos: 8 } },
      { kind: 'value', col: { size: 24, pos: 11 } },
      { kind: 'value', col: { size: 12, pos: 35 } },
      { kind: 'value', col: { size: 24, pos: 47 } },
      { kind: 'bytes', data: { size: 6, pos: 71 }, sizes: { size: 2, pos: 77 }, memo: EMPTY_REF },
      { kind: 'bytes', data: { size: 5, pos: 79 }, sizes: { size: 2, pos: 84 }, memo: EMPTY_REF },
      { kind: 'bytes', data: { size: 2, pos: 86 }, sizes: { size: 1, pos: 88 }, memo: EMPTY_REF },
    ]);
    expect(c.atEnd).toBe(true);
    const out = new ByteSink();
    out.varint(0);
    out.varint(3);
    writeGroups(out, groups);
    expect(Array.from(out.bytes())).toEqual(Array.from(col));
  });

  it('writeColumnRef writes no position for size 0', () => {
    const out = new ByteSink();
    writeColumnRef(out, EMPTY_REF);
    writeColumnRef(out, { size: 4, pos: ~0 });
    expect(Array.from(out.bytes())).toEqual([0x80, 0x84, 0x00, 0x80]);
  });

  it('memo walk group of memo.mk (§7.3): data, sizes, memo walk', () => {
    const c = new ByteCursor(hex('89 01 1c ac 82 01 1c b5 89 01 1c b7'));
    expect(readGroups(c, fieldsOf('t[s:S]'))).toEqual([{ kind: 'bytes', data: { size: 9, pos: 20012 }, sizes: { size: 2, pos: 20021 }, memo: { size: 9, pos: 20023 } }]);
    expect(c.pos).toBe(12);
  });
});

describe('parseRootWalk (§5.1)', () => {
  it('t1 root walk (15 bytes at 30)', () => {
    const root = parseRootWalk(T1.subarray(30, 45), 30);
    expect(root.description).toBe('a[i:S,n:I]');
    expect(root.fields.map((f) => f.name)).toEqual(['a']);
    expect(root.groups).toEqual([{ kind: 'view', col: { size: 9, pos: 21 } }]);
  });

  it('an empty description and no groups', () => {
    expect(parseRootWalk(hex('80 80 81'), 0)).toEqual({ description: '', fields: [], groups: [] });
  });

  it('a UTF-8 description', () => {
    const d = 'v[größe:I]';
    const bytes = new TextEncoder().encode(d);
    const root = parseRootWalk(walk(0, bytes.length, bytes, 1, 0), 0);
    expect(root.description).toBe(d);
  });

  it('BAD_WALK: sias not 0', () => {
    const e = expectMkError(() => parseRootWalk(hex('81 80 81'), 100), 'BAD_WALK', 'expected the root walk to start with format code 0, but found 1 at 100');
    expect(e.offset).toBe(100);
  });

  it('BAD_WALK: description longer than the walk', () => {
    expectMkError(() => parseRootWalk(hex('80 8a 61 5b'), 30), 'BAD_WALK', 'expected 10 bytes of description at 32, but only 2 remain in the root walk');
  });

  it('BAD_WALK: root row count not 1', () => {
    const bad = T1.slice(30, 45);
    bad[12] = 0x82;
    const e = expectMkError(() => parseRootWalk(bad, 30), 'BAD_WALK', 'expected the root to have 1 row, but found 2 at 42');
    expect(e.offset).toBe(42);
  });

  it('BAD_WALK: bytes left after the groups', () => {
    const e = expectMkError(() => parseRootWalk(walk(0, 3, 'x:I', 1, 0, 0, 0), 8), 'BAD_WALK', 'expected the root walk (9 bytes at 8) to end after its column groups, but 2 bytes remain at 15');
    expect(e.offset).toBe(15);
  });

  it('BAD_VARINT: a group runs past the end of the walk', () => {
    expectMkError(() => parseRootWalk(walk(0, 4, 'a[x]', 1, hex('89')).subarray(0, 8), 50), 'BAD_VARINT', 'expected a varint at 58 to end inside the root walk (8 bytes), but it runs past the end');
  });

  it('BAD_STRUCTURE: the description does not parse (offset = the description)', () => {
    const e = expectMkError(() => parseRootWalk(walk(0, 6, 't[x:I,', 1), 200), 'BAD_STRUCTURE', 'expected a property name at character 6 of description "t[x:I,", but found the end');
    expect(e.offset).toBe(202);
  });

  it('LIMIT_EXCEEDED: description nested deeper than maxDepth', () => {
    expectMkError(() => parseRootWalk(walk(0, 12, 'a[b[c[x:I]]]', 1, 0), 0, 2), 'LIMIT_EXCEEDED', 'expected subviews nested at most 2 deep, but description "a[b[c[x:I]]]" nests deeper');
  });
});

describe('indexSubviewColumn (§5.4)', () => {
  const kids = fieldsOf('n[kids[k:I,deep[z:S]]]');
  const kidsFields = (kids[0] as Field).fields;

  it('nest.mk n.kids column: "80 80 | 80 82 81 93 89 9c" (rows 0 and 2)', () => {
    const col = hex('80 80 80 82 81 93 89 9c');
    const idx = indexSubviewColumn(col, 37, 2, kidsFields, 1000);
    expect(Array.from(idx.starts)).toEqual([0, 2]);
    expect(Array.from(idx.rows)).toEqual([0, 2]);
    const seq = readSequenceAt(col, 37, 2, kidsFields);
    expect(seq).toEqual({ rows: 2, groups: [{ kind: 'value', col: { size: 1, pos: 19 } }, { kind: 'view', col: { size: 9, pos: 28 } }] });
    expect(readSequenceAt(col, 37, 0, kidsFields)).toEqual({ rows: 0, groups: [] });
  });

  it('t1 root view column', () => {
    const idx = indexSubviewColumn(T1.subarray(21, 30), 21, 1, fieldsOf('a[i:S,n:I]'), 10);
    expect(Array.from(idx.rows)).toEqual([1]);
    expect(Array.from(idx.starts)).toEqual([0]);
  });

  it('zero parent rows and an empty column', () => {
    const idx = indexSubviewColumn(new Uint8Array(0), 0, 0, kidsFields, 10);
    expect(idx.rows.length).toBe(0);
  });

  it('BAD_WALK: fewer than 2 bytes per parent row (checked before allocating)', () => {
    expectMkError(() => indexSubviewColumn(hex('80 80 80'), 37, 2, kidsFields, 1000), 'BAD_WALK', 'expected a subview column of 2 rows to hold at least 4 bytes, but it holds 3');
    expectMkError(() => indexSubviewColumn(hex('80 80'), 9, 0x7fffffff, kidsFields, 0x7fffffff), 'BAD_WALK', 'expected a subview column of 2147483647 rows to hold at least 4294967294 bytes, but it holds 2');
  });

  it('BAD_WALK: sias of a subview walk not 0', () => {
    const e = expectMkError(() => indexSubviewColumn(hex('80 80 81 80'), 37, 2, kidsFields, 1000), 'BAD_WALK', 'expected the subview walk to start with format code 0, but found 1 at 39');
    expect(e.offset).toBe(39);
  });

  it('LIMIT_EXCEEDED: a subview claims more rows than maxRows', () => {
    const e = expectMkError(() => indexSubviewColumn(hex('80 80 80 01 80 81 93 89 9c'), 37, 2, kidsFields, 100), 'LIMIT_EXCEEDED', 'expected at most 100 rows in a subview, but found 128 at 40');
    expect(e.offset).toBe(40);
  });

  it('BAD_WALK: bytes left after the last parent row', () => {
    const e = expectMkError(() => indexSubviewColumn(hex('80 80 80 80 80'), 37, 2, kidsFields, 100), 'BAD_WALK', 'expected the subview column (5 bytes at 37) to end after 2 walks, but 1 bytes remain at 41');
    expect(e.offset).toBe(41);
  });

  it('BAD_VARINT: a walk is cut short', () => {
    expectMkError(() => indexSubviewColumn(hex('80 80 80 82 81'), 37, 2, kidsFields, 100), 'BAD_VARINT', 'expected a varint at 42 to end inside the subview column (5 bytes), but it runs past the end');
  });

  it('BAD_WALK: a negative row count', () => {
    expectMkError(() => indexSubviewColumn(hex('80 00 80'), 5, 1, kidsFields, 100), 'BAD_WALK', 'expected a non-negative subview row count at 6, but found -1');
  });
});
