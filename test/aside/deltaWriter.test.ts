/**
 * The delta aside writer in small, exact cases: what one commit stores (one chunk after the kept base
 * for an append), how diff ids are reused across commits and sessions while the root walk stays the
 * last diff, the whole-column fallback when an int column widens, and that committing an empty aside
 * first does not lose later diffs (whole and delta alike).
 */
import { describe, expect, it } from 'vitest';
import { MemoryByteStore } from '../../engine/core/base/byteStore.js';
import { Storage } from '../../engine/core/read/storage.js';
import { WritableStorage, type AsideDiffMode } from '../../engine/core/write/writableStorage.js';

function mainFile(rows: number): Uint8Array {
  const store = new MemoryByteStore();
  const s = WritableStorage.open(store, { mode: 'readwrite', durable: false });
  const v = s.getAs('t[n:I,s:S]');
  for (let i = 0; i < rows; i++) v?.append({ n: 1000 + i, s: `row ${i}` });
  s.commit();
  return store.bytes();
}

interface Session {
  db: WritableStorage;
  dba: WritableStorage;
  aside: MemoryByteStore;
}

function session(main: Uint8Array, aside: Uint8Array, asideDiffs: AsideDiffMode = 'delta'): Session {
  const store = new MemoryByteStore(aside);
  const dba = WritableStorage.open(store, { mode: 'extend', durable: false });
  const db = WritableStorage.open(new MemoryByteStore(main, { writable: false }), { mode: 'read', asideDiffs, verifyAsideDiffs: true });
  db.setAside(dba);
  return { db, dba, aside: store };
}

function read(main: Uint8Array, aside: Uint8Array): Storage {
  return Storage.open(new MemoryByteStore(main, { writable: false }), { aside: Storage.open(new MemoryByteStore(aside, { writable: false })) });
}

function diffs(aside: Uint8Array): { origin: number; chunks: [number, number, number][] }[] {
  const c = Storage.open(new MemoryByteStore(aside, { writable: false })).view('_C');
  return Array.from({ length: c.rowCount }, (_, r) => {
    const d = c.getView(r, '_D');
    return { origin: c.getInt(r, '_O'), chunks: Array.from({ length: d.rowCount }, (_, k) => [d.getInt(k, '_K'), d.getInt(k, '_R'), d.getBytes(k, '_B').length] as [number, number, number]) };
  });
}

describe('delta aside writer', () => {
  const main = mainFile(2000);

  it('an appended row is one chunk per column after its kept base, and ids stay put across commits and sessions', () => {
    let s = session(main, new Uint8Array(0));
    s.db.view('t').append({ n: 7, s: 'new' });
    s.db.commit();
    s.dba.commit();
    const first = diffs(s.aside.bytes());
    // n (16-bit: 4000 bytes kept, 2 new), s data ("row 0\0".."row 1999\0": 16,890 kept, "new\0"), s sizes
    // (4-bit: 1000 bytes kept, 1 new), then whole: t's subview column (17 bytes) and the root walk.
    expect(first.map((d) => d.chunks.map((c) => c.slice(0, 2)))).toEqual([[[4000, 0]], [[16890, 0]], [[1000, 0]], [[0, 0]], [[0, 0]]]);
    expect(first.map((d) => d.chunks[0]?.[2])).toEqual([2, 4, 1, 17, first[4]?.chunks[0]?.[2]]);
    expect(first.slice(0, 3).every((d) => d.origin > 0)).toBe(true);
    expect(first.slice(3).every((d) => d.origin === 0)).toBe(true);

    s.db.view('t').append({ n: 8, s: 'newer' });
    s.db.commit();
    s.dba.commit();
    expect(diffs(s.aside.bytes()).length).toBe(5);

    // A new session reads the diffs back and keeps using them.
    s = session(main, s.aside.bytes());
    s.db.view('t').append({ n: 9, s: 'newest' });
    s.db.view('t').set(3, { n: -3 });
    s.db.commit();
    s.dba.commit();
    const after = diffs(s.aside.bytes());
    expect(after.length).toBe(5);
    expect(after[0]?.chunks).toEqual([[6, 0, 2], [3992, 0, 6]]);
    const r = read(main, s.aside.bytes());
    const t = r.view('t');
    expect(t.rowCount).toBe(2003);
    expect([t.getInt(3, 'n'), t.getInt(2000, 'n'), t.getString(2001, 's'), t.getString(2002, 's')]).toEqual([-3, 7, 'newer', 'newest']);
    // The last diff is the root walk the readers use.
    expect(after[4]?.chunks.length).toBe(1);
  });

  it('a column whose int width grows is stored whole, without a base', () => {
    const s = session(main, new Uint8Array(0));
    s.db.view('t').append({ n: 100000 });
    s.db.commit();
    s.dba.commit();
    const d = diffs(s.aside.bytes());
    // No base; the bytes may be split into blocks the next commits can keep.
    expect(d[0]?.origin).toBe(0);
    expect(d[0]?.chunks.every(([k, r]) => k === 0 && r === 0)).toBe(true);
    expect(d[0]?.chunks.reduce((n, c) => n + c[2], 0)).toBe(2001 * 4);
    expect(read(main, s.aside.bytes()).view('t').getInt(2000, 'n')).toBe(100000);
  });

  for (const mode of ['whole', 'delta'] as const) {
    it(`regression (diffs lost after committing an empty aside): ${mode}`, () => {
      const s = session(main, new Uint8Array(0), mode);
      expect(s.dba.commit()).toBe(true); // the aside with an empty _C view
      s.db.view('t').append({ n: 5, s: 'after the empty commit' });
      s.db.commit();
      s.dba.commit();
      const t = read(main, s.aside.bytes()).view('t');
      expect(t.rowCount).toBe(2001);
      expect(t.getString(2000, 's')).toBe('after the empty commit');
    });
  }
});
