/** Byte stores and the column cache: bounds, read-only refusal, closed stores, counting, LRU budget. */
import { describe, expect, it } from 'vitest';
import { checkRead, CountingByteStore, MemoryByteStore } from '../../engine/core/base/byteStore.js';
import { ColumnCache } from '../../engine/core/read/cache.js';
import { expectMkError, hex } from '../helpers/bytes.js';

describe('MemoryByteStore', () => {
  it('reads copies; writes extend; truncate cuts and zero-extends', () => {
    const src = hex('01 02 03 04');
    const s = new MemoryByteStore(src);
    src[0] = 9;
    expect(s.size()).toBe(4);
    const r = s.read(1, 2);
    expect(Array.from(r)).toEqual([2, 3]);
    r[0] = 7;
    expect(Array.from(s.read(0, 4))).toEqual([1, 2, 3, 4]);
    s.write(6, hex('aa bb'));
    expect(s.size()).toBe(8);
    expect(Array.from(s.bytes())).toEqual([1, 2, 3, 4, 0, 0, 0xaa, 0xbb]);
    s.truncate(3);
    expect(Array.from(s.bytes())).toEqual([1, 2, 3]);
    s.truncate(5);
    expect(Array.from(s.bytes())).toEqual([1, 2, 3, 0, 0]);
    s.write(0, new Uint8Array(200).fill(5));
    expect(s.size()).toBe(200);
    s.sync();
  });

  it('TRUNCATED: reading past the end names position, length and size', () => {
    const s = new MemoryByteStore(hex('01 02 03'), { name: 'm.mk' });
    const e = expectMkError(() => s.read(2, 5), 'TRUNCATED', 'expected 5 bytes at 2, but m.mk has only 3 bytes');
    expect(e.offset).toBe(2);
    expect(e.file).toBe('m.mk');
    expect(s.read(3, 0).length).toBe(0);
  });

  it('invalid ranges are caller mistakes (RangeError)', () => {
    const s = new MemoryByteStore(hex('01'));
    expect(() => s.read(-1, 1)).toThrow(RangeError);
    expect(() => s.read(0, -1)).toThrow(RangeError);
    expect(() => s.read(0.5, 1)).toThrow(RangeError);
    expect(() => checkRead({ name: 'x' }, Number.MAX_SAFE_INTEGER + 1, 1, 10)).toThrow(RangeError);
  });

  it('READ_ONLY: write and truncate of a read-only store', () => {
    const s = new MemoryByteStore(hex('01 02'), { writable: false, name: 'ro.mk' });
    expect(s.writable).toBe(false);
    const e = expectMkError(() => s.write(0, hex('ff')), 'READ_ONLY', 'expected a writable store, but ro.mk is read-only');
    expect(e.file).toBe('ro.mk');
    expectMkError(() => s.truncate(0), 'READ_ONLY', 'expected a writable store, but ro.mk is read-only');
    expect(Array.from(s.bytes())).toEqual([1, 2]);
  });

  it('IO: any use after close', () => {
    const s = new MemoryByteStore(hex('01 02'), { name: 'c.mk' });
    s.close();
    expectMkError(() => s.size(), 'IO', 'c.mk is closed');
    expectMkError(() => s.read(0, 1), 'IO', 'c.mk is closed');
    expectMkError(() => s.sync(), 'IO', 'c.mk is closed');
    expectMkError(() => s.write(0, hex('00')), 'IO', 'c.mk is closed');
  });
});

describe('CountingByteStore', () => {
  it('counts reads and bytes, forwards everything else', () => {
    const inner = new MemoryByteStore(hex('01 02 03 04'), { name: 'in.mk' });
    const c = new CountingByteStore(inner);
    expect(c.name).toBe('in.mk');
    expect(c.writable).toBe(true);
    c.read(0, 2);
    c.read(1, 3);
    expect([c.reads, c.bytesRead]).toEqual([2, 5]);
    c.write(4, hex('05'));
    c.truncate(5);
    c.sync();
    expect(c.size()).toBe(5);
    expect([c.reads, c.bytesRead]).toEqual([2, 5]);
    c.reset();
    expect([c.reads, c.bytesRead]).toEqual([0, 0]);
    c.close();
    expectMkError(() => inner.size(), 'IO', 'in.mk is closed');
  });
});

describe('ColumnCache', () => {
  it('evicts least recently used entries past the budget', () => {
    const c = new ColumnCache(10);
    c.set('a', 'A', 4);
    c.set('b', 'B', 4);
    expect(c.get('a')).toBe('A'); // a is now the newest
    c.set('c', 'C', 4); // 12 > 10: evict b
    expect(c.get('b')).toBeUndefined();
    expect(c.get('a')).toBe('A');
    expect(c.get('c')).toBe('C');
    expect(c.size).toBe(8);
    expect(c.hits).toBe(3);
    expect(c.misses).toBe(1);
  });

  it('keeps a single entry larger than the budget; replacing an entry updates the size', () => {
    const c = new ColumnCache(10);
    c.set('a', 1, 4);
    c.set('big', 2, 50);
    expect(c.get('a')).toBeUndefined();
    expect(c.get('big')).toBe(2);
    expect(c.size).toBe(50);
    c.set('big', 3, 5);
    expect(c.size).toBe(5);
    c.delete('big');
    c.delete('none');
    expect(c.size).toBe(0);
    c.set('x', 1, 1);
    c.clear();
    expect(c.size).toBe(0);
    expect(c.get('x')).toBeUndefined();
  });
});
