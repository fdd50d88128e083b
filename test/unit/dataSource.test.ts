/** Column references against the data region (format §15): bounds, limits, aside ids, caching. */
import { describe, expect, it } from 'vitest';
import { CountingByteStore, MemoryByteStore } from '../../engine/core/base/byteStore.js';
import { ColumnCache } from '../../engine/core/read/cache.js';
import { DataSource, DEFAULT_LIMITS, type DiffResolver } from '../../engine/core/read/dataSource.js';
import { concat, expectMkError, hex } from '../helpers/bytes.js';

function source(options: { base?: number; dataBytes?: number; old?: boolean; aside?: DiffResolver; maxColumnBytes?: number } = {}) {
  const base = options.base ?? 0;
  const body = new Uint8Array(8 + (options.dataBytes ?? 32) + (options.old ? 0 : 16)).map((_, i) => i & 0xff);
  const bytes = concat(new Uint8Array(base), body);
  const store = new CountingByteStore(new MemoryByteStore(bytes, { writable: false, name: 'ds.mk' }));
  const src = new DataSource(store, { base, end: bytes.length, littleEndian: true, oldFormat: options.old ?? false }, new ColumnCache(1 << 20),
    { ...DEFAULT_LIMITS, maxColumnBytes: options.maxColumnBytes ?? DEFAULT_LIMITS.maxColumnBytes }, options.aside ?? null, 't:');
  return { src, store };
}

describe('DataSource', () => {
  it('the data region ends before the tails (new format) or at the end (old format)', () => {
    expect(source({ dataBytes: 32 }).src.dataLimit).toBe(40);
    expect(source({ dataBytes: 32, old: true }).src.dataLimit).toBe(40);
    expect(source({ base: 100 }).src.base).toBe(100);
  });

  it('reads a column relative to the base, once (cached)', () => {
    const { src, store } = source({ base: 100 });
    const col = src.column({ size: 4, pos: 8 }, 'data column', 'a.x');
    expect(Array.from(col)).toEqual([8, 9, 10, 11]);
    expect(store.reads).toBe(1);
    expect(src.column({ size: 4, pos: 8 }, 'data column', 'a.x')).toBe(col);
    expect(store.reads).toBe(1);
    expect(src.column({ size: 0, pos: 0 }, 'data column', 'a.x').length).toBe(0);
    expect(src.absolute(8)).toBe(108);
    expect(src.absolute(-3)).toBe(-1);
  });

  it('BAD_OFFSET: columns in the header, past the data, or into the tails', () => {
    const { src } = source({ base: 100, dataBytes: 32 });
    let e = expectMkError(() => src.column({ size: 4, pos: 4 }, 'data column', 'a.x'), 'BAD_OFFSET', 'expected data column of a.x inside the data (8..40), but it is at 4+4');
    expect(e.offset).toBe(104);
    expect(e.path).toBe('a.x');
    e = expectMkError(() => src.check({ size: 9, pos: 32 }, 'sizes column', 'a.s'), 'BAD_OFFSET', 'expected sizes column of a.s inside the data (8..40), but it is at 32+9');
    expect(e.offset).toBe(132);
    expectMkError(() => src.check({ size: 1, pos: 0 }, 'column', 'v'), 'BAD_OFFSET', 'expected column of v inside the data (8..40), but it is at 0+1');
    expect(() => src.check({ size: 32, pos: 8 }, 'column', 'v')).not.toThrow();
  });

  it('LIMIT_EXCEEDED: a column larger than maxColumnBytes', () => {
    const { src } = source({ maxColumnBytes: 16 });
    expectMkError(() => src.check({ size: 17, pos: 8 }, 'data column', 'a.x'), 'LIMIT_EXCEEDED', 'expected data column of a.x to be at most 16 bytes, but it claims 17');
  });

  it('ASIDE_MISSING / ASIDE_MISMATCH: negative positions', () => {
    const { src } = source();
    expectMkError(() => src.check({ size: 4, pos: ~2 }, 'column', 'a'), 'ASIDE_MISSING',
      'expected column of a in the main file, but it refers to aside diff 2 and no aside is attached (open the file with its aside .mka)');
    const aside: DiffResolver = { count: 2, assemble: (id, size) => new Uint8Array(size).fill(id + 1) };
    const withAside = source({ aside }).src;
    expectMkError(() => withAside.check({ size: 4, pos: ~2 }, 'column', 'a'), 'ASIDE_MISMATCH', 'expected aside diff 2 for column of a, but the aside holds only 2 diffs');
    expect(Array.from(withAside.column({ size: 3, pos: ~1 }, 'column', 'a'))).toEqual([2, 2, 2]);
  });

  it('raw(): base bytes of an aside diff must lie in the main file', () => {
    const { src } = source({ dataBytes: 8 });
    expect(Array.from(src.raw(8, 4, 'base', 'a'))).toEqual([8, 9, 10, 11]);
    const e = expectMkError(() => src.raw(30, 4, 'base of aside diff 0', 'a'), 'ASIDE_MISMATCH', 'expected base of aside diff 0 of a at 30+4 inside the main file (32 bytes of data)');
    expect(e.offset).toBe(30);
    expectMkError(() => src.raw(2, 4, 'base', 'a'), 'ASIDE_MISMATCH', 'expected base of a at 2+4 inside the main file (32 bytes of data)');
  });

  it('rowArray: per-row arrays are bounded by maxColumnBytes', () => {
    const { src } = source({ maxColumnBytes: 400 });
    expect(src.rowArray(100, 'int column', 'a.x').length).toBe(100);
    const e = expectMkError(() => src.rowArray(101, 'int column', 'a.x'), 'LIMIT_EXCEEDED', 'expected the decoded int column of a.x to be at most 400 bytes, but its 101 rows need 404');
    expect(e.path).toBe('a.x');
  });

  it('rowArray: an allocation the runtime refuses becomes LIMIT_EXCEEDED, not a RangeError', () => {
    const { src } = source({ maxColumnBytes: Number.MAX_SAFE_INTEGER });
    const e = expectMkError(() => src.rowArray(2 ** 40, 'item offsets', 'a.s'), 'LIMIT_EXCEEDED', 'expected memory for the decoded item offsets of a.s (4398046511104 bytes), but the allocation failed');
    expect(e.cause).toBeInstanceOf(RangeError);
  });

  it('claimSubviewColumn: one owner per subview column', () => {
    const { src } = source();
    src.claimSubviewColumn({ size: 4, pos: 8 }, 'a.v');
    src.claimSubviewColumn({ size: 4, pos: 8 }, 'a.v');
    src.claimSubviewColumn({ size: 0, pos: 0 }, 'b.v');
    src.claimSubviewColumn({ size: 0, pos: 0 }, 'c.v');
    const e = expectMkError(() => src.claimSubviewColumn({ size: 4, pos: 8 }, 'a[1].w'), 'BAD_WALK', 'expected the subview column at 8+4 to belong to one view (a.v), but a[1].w refers to it too');
    expect(e.offset).toBe(8);
  });

  it('derived values are cached per column and kind', () => {
    const { src } = source();
    let made = 0;
    const make = () => ({ value: ++made, bytes: 4 });
    expect(src.derived('i3:', { size: 4, pos: 8 }, make)).toBe(1);
    expect(src.derived('i3:', { size: 4, pos: 8 }, make)).toBe(1);
    expect(src.derived('b3:', { size: 4, pos: 8 }, make)).toBe(2);
  });

  it('TRUNCATED from the store surfaces unchanged', () => {
    const store = new MemoryByteStore(hex('4a 4c 1a 00'), { writable: false, name: 'short.mk' });
    const src = new DataSource(store, { base: 0, end: 64, littleEndian: true, oldFormat: true }, new ColumnCache(100), DEFAULT_LIMITS, null, 'x:');
    expectMkError(() => src.column({ size: 8, pos: 8 }, 'column', 'a'), 'TRUNCATED', 'expected 8 bytes at 8, but short.mk has only 4 bytes');
  });
});
