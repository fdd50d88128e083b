/** Varints (format §4): the table of the doc both ways, the cursor after every read, and every error. */
import { describe, expect, it } from 'vitest';
import { ByteCursor, ByteSink, encodeVarint, pushVarint, varintLength } from '../../engine/core/base/varint.js';
import { expectMkError, hex } from '../helpers/bytes.js';

const TABLE: [number, string][] = [
  [0, '80'],
  [1, '81'],
  [127, 'ff'],
  [128, '01 80'],
  [300, '02 ac'],
  [16384, '01 00 80'],
  [40046, '02 38 ee'],
  [2 ** 28, '01 00 00 00 80'],
  [2 ** 31 - 1, '07 7f 7f 7f ff'],
  [-1, '00 80'],
  [-2, '00 81'],
  [-129, '00 01 80'],
  [-(2 ** 31), '00 07 7f 7f 7f ff'],
];

describe('varint table of format §4', () => {
  for (const [value, bytes] of TABLE) {
    it(`${value} <-> ${bytes}`, () => {
      const b = hex(bytes);
      expect(Array.from(encodeVarint(value))).toEqual(Array.from(b));
      expect(varintLength(value)).toBe(b.length);
      const c = new ByteCursor(b);
      expect(c.varint()).toBe(value);
      expect(c.pos).toBe(b.length);
      expect(c.atEnd).toBe(true);
    });
  }

  it('reads a sequence and advances the cursor by each encoding', () => {
    const b = hex('80 81 02ac 0080 0238ee ff');
    const c = new ByteCursor(b, 0, b.length, 1000);
    const seen: [number, number, number][] = [];
    while (!c.atEnd) {
      const at = c.offset;
      seen.push([at, c.varint(), c.pos]);
    }
    expect(seen).toEqual([[1000, 0, 1], [1001, 1, 2], [1002, 300, 4], [1004, -1, 6], [1006, 40046, 9], [1009, 127, 10]]);
    expect(c.remaining).toBe(0);
  });

  it('honours a sub-range of the buffer', () => {
    const b = hex('ff 02 ac 81 ff');
    const c = new ByteCursor(b, 1, 4);
    expect(c.varint()).toBe(300);
    expect(c.pos).toBe(3);
    expect(c.varint()).toBe(1);
    expect(c.atEnd).toBe(true);
    expect(c.remaining).toBe(0);
  });

  it('round-trips every power of two and its neighbours, both signs', () => {
    for (let k = 0; k < 31; k++) {
      for (const v of [2 ** k - 1, 2 ** k, 2 ** k + 1, -(2 ** k), -(2 ** k) - 1]) {
        if (v > 0x7fffffff || v < -0x80000000) continue;
        const b = encodeVarint(v);
        const c = new ByteCursor(b);
        expect(c.varint()).toBe(v);
        expect(c.pos).toBe(b.length);
        expect(b.length).toBe(varintLength(v));
      }
    }
  });

  it('never starts a non-negative encoding with 00', () => {
    for (const v of [0, 1, 127, 128, 2 ** 21, 2 ** 31 - 1]) expect(encodeVarint(v)[0]).not.toBe(0);
  });
});

describe('ByteCursor helpers', () => {
  it('count() returns non-negative values and advances', () => {
    const c = new ByteCursor(hex('02 ac 80'));
    expect(c.count('size')).toBe(300);
    expect(c.pos).toBe(2);
    expect(c.count('size')).toBe(0);
    expect(c.pos).toBe(3);
  });

  it('bytesOf() returns a zero-copy slice and advances', () => {
    const b = hex('61 62 63 64');
    const c = new ByteCursor(b, 0, 4, 20, 'root walk');
    const s = c.bytesOf(3, 'description');
    expect(Array.from(s)).toEqual([0x61, 0x62, 0x63]);
    expect(s.buffer).toBe(b.buffer);
    expect(c.pos).toBe(3);
    expect(c.offset).toBe(23);
  });

  it('rejects a range outside the buffer (caller mistake: RangeError)', () => {
    expect(() => new ByteCursor(hex('80'), 0, 2)).toThrow(RangeError);
    expect(() => new ByteCursor(hex('80'), 1, 0)).toThrow(RangeError);
  });

  it('ByteSink grows past its initial capacity', () => {
    const sink = new ByteSink();
    for (let i = 0; i < 100; i++) sink.varint(300);
    sink.pushBytes(new Uint8Array(200).fill(7));
    expect(sink.length).toBe(400);
    const b = sink.bytes();
    expect(b.length).toBe(400);
    const c = new ByteCursor(b);
    for (let i = 0; i < 100; i++) expect(c.varint()).toBe(300);
    expect(c.pos).toBe(200);
  });

  it('pushVarint rejects values that are not 32-bit integers', () => {
    const sink = new ByteSink();
    expect(() => pushVarint(sink, 2 ** 31)).toThrow(RangeError);
    expect(() => pushVarint(sink, -(2 ** 31) - 1)).toThrow(RangeError);
    expect(() => pushVarint(sink, 1.5)).toThrow(RangeError);
    expect(sink.length).toBe(0);
  });
});

describe('varint errors (BAD_VARINT, BAD_WALK)', () => {
  it('BAD_VARINT: runs past the end of its buffer', () => {
    const c = new ByteCursor(hex('80 02 38'), 0, 3, 100, 'subview column');
    expect(c.varint()).toBe(0);
    const e = expectMkError(() => c.varint(), 'BAD_VARINT', 'expected a varint at 101 to end inside the subview column (3 bytes), but it runs past the end');
    expect(e.offset).toBe(101);
  });

  it('BAD_VARINT: empty buffer', () => {
    expectMkError(() => new ByteCursor(new Uint8Array(0), 0, 0, 7).varint(), 'BAD_VARINT', 'expected a varint at 7 to end inside the walk (0 bytes), but it runs past the end');
  });

  it('BAD_VARINT: the end of a sub-range counts, not the end of the buffer', () => {
    const c = new ByteCursor(hex('02 38 ee'), 0, 2, 0, 'memo walk');
    expectMkError(() => c.varint(), 'BAD_VARINT', 'expected a varint at 0 to end inside the memo walk (2 bytes), but it runs past the end');
  });

  it('BAD_VARINT: longer than 6 bytes', () => {
    const c = new ByteCursor(hex('00 00 00 00 00 00 80'), 0, 7, 40, 'root walk');
    const e = expectMkError(() => c.varint(), 'BAD_VARINT', 'expected a varint of at most 6 bytes at 40 in the root walk, but found a longer one');
    expect(e.offset).toBe(40);
  });

  it('BAD_VARINT: more than 32 bits', () => {
    // 08 00 00 00 80 = 2^31
    const c = new ByteCursor(hex('08 00 00 00 80'), 0, 5, 12);
    expectMkError(() => c.varint(), 'BAD_VARINT', 'expected a 32-bit varint at 12 in the walk, but it holds 2147483648');
  });

  it('BAD_VARINT: 6-byte negative beyond 32 bits', () => {
    // 00 then ~v = 2^31 -> too big
    const c = new ByteCursor(hex('00 08 00 00 00 80'), 0, 6, 0);
    expectMkError(() => c.varint(), 'BAD_VARINT', 'expected a 32-bit varint at 0 in the walk, but it holds 2147483648');
  });

  it('BAD_WALK: count() of a negative value', () => {
    const c = new ByteCursor(hex('81 00 84'), 0, 3, 50);
    c.varint();
    const e = expectMkError(() => c.count('column size'), 'BAD_WALK', 'expected a non-negative column size at 51, but found -5');
    expect(e.offset).toBe(51);
    expect(c.pos).toBe(3);
  });

  it('BAD_WALK: bytesOf() beyond the range', () => {
    const c = new ByteCursor(hex('85 61 62'), 0, 3, 30, 'root walk');
    const n = c.count('description length');
    const e = expectMkError(() => c.bytesOf(n, 'description'), 'BAD_WALK', 'expected 5 bytes of description at 31, but only 2 remain in the root walk');
    expect(e.offset).toBe(31);
  });
});
