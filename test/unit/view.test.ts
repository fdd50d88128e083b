/**
 * Views and subviews: nesting and `[^]` recursion (nest.mk, §5.7), and the hostile shapes of §15 —
 * subview cycles, nesting past the depth limit, subview columns shared by several views, and
 * width-0 columns claiming 2^31-1 rows.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dumpToString } from '../../engine/core/analysis/dump.js';
import { computeStats } from '../../engine/core/analysis/stats.js';
import { expectMkError, FileBuilder, openBytes, rootWalk, walk } from '../helpers/bytes.js';
import { CORPUS_DIR } from '../helpers/corpus.js';
import { tinyFile } from '../helpers/tinyWriter.js';

const NEST = new Uint8Array(readFileSync(join(CORPUS_DIR, 'recursive-subview', 'data.mk')));
const dump = (bytes: Uint8Array, limits = {}) => dumpToString(openBytes(bytes, { limits }), { main: 'x.mk', mainSize: bytes.length });

/** `r[self[^]]` where the column of r's only row refers to itself (a one-step cycle). */
function selfCycle(): Uint8Array {
  const b = new FileBuilder();
  const x = b.next;
  const col = walk(0, 1, 4, x); // 80 81 84 <x>: 1 row whose `self` is this very column
  b.add(col);
  const top = walk(0, 1, col.length, x);
  const topPos = b.add(top);
  return b.finish(rootWalk('r[self[^]]', top.length, topPos));
}

/** `r[self[^]]` nested `levels` deep through distinct columns. */
function chain(levels: number): Uint8Array {
  const b = new FileBuilder();
  let prev = walk(0, 0);
  let prevPos = b.add(prev);
  for (let i = 0; i < levels; i++) {
    const c = walk(0, 1, prev.length, prevPos);
    prevPos = b.add(c);
    prev = c;
  }
  return b.finish(rootWalk('r[self[^]]', prev.length, prevPos));
}

/** Every level's two rows refer to the same child column: 2^levels paths through `levels` columns. */
function sharedFanOut(levels: number): Uint8Array {
  const b = new FileBuilder();
  let prev = walk(0, 0, 0, 0);
  let prevPos = b.add(prev);
  for (let i = 0; i < levels; i++) {
    const row = walk(0, 2, prev.length, prevPos);
    const c = walk(row, row);
    prevPos = b.add(c);
    prev = c;
  }
  const top = walk(0, 2, prev.length, prevPos);
  const topPos = b.add(top);
  return b.finish(rootWalk('r[self[^]]', top.length, topPos));
}

/** A view `t` whose column claims `rows` rows with the given column groups. */
function claimRows(layout: string, rows: number, ...groups: number[]): Uint8Array {
  const b = new FileBuilder();
  const col = walk(0, rows, ...groups);
  const pos = b.add(col);
  return b.finish(rootWalk(layout, col.length, pos));
}

describe('nesting and recursion (nest.mk, §5.7)', () => {
  it('n[name:S,kids[k:I,deep[z:S]]]: subview sizes, values and paths', () => {
    const n = openBytes(NEST).view('n');
    expect(n.rowCount).toBe(2);
    expect([n.getViewSize(0, 'kids'), n.getViewSize(1, 'kids')]).toEqual([0, 2]);
    const kids = n.getView(1, 'kids');
    expect(kids.path).toBe('n[1].kids');
    expect(Array.from(kids.ints('k'))).toEqual([5, 6]);
    const deep = kids.getView(1, 'deep');
    expect(deep.path).toBe('n[1].kids[1].deep');
    expect(deep.getString(0, 'z')).toBe('zz');
    expect(kids.getView(0, 'deep').rowCount).toBe(0);
    expect(n.getView(0, 'kids').rowCount).toBe(0);
  });

  it('r[data:S,self[^]]: three levels through the recursive subview', () => {
    const r = openBytes(NEST).view('r');
    expect(r.description).toBe('data:S,self[^]');
    const child = r.getView(0, 'self');
    const grandchild = child.getView(0, 'self');
    expect([r.getString(0, 'data'), child.getString(0, 'data'), grandchild.getString(0, 'data')]).toEqual(['top', 'child', 'grandchild']);
    expect(grandchild.getViewSize(0, 'self')).toBe(0);
    expect(grandchild.fields).toBe(r.fields);
  });

  it('stats visit every subview instance (column counts per schema path)', () => {
    const props = computeStats(openBytes(NEST)).properties;
    // recursion unrolls into schema paths: "top\0" + 6 sizes bytes, "child\0" + 6, "grandchild\0" + 6
    expect(props.find((p) => p.path === 'r.data')).toMatchObject({ columns: 2, bytes: 10 });
    expect(props.find((p) => p.path === 'r.self.data')).toMatchObject({ columns: 2, bytes: 12 });
    expect(props.find((p) => p.path === 'r.self.self.data')).toMatchObject({ columns: 2, bytes: 17 });
    expect(props.find((p) => p.path === 'r.self.self.self')).toMatchObject({ type: 'V', columns: 1, bytes: 2 });
  });

  it('a subview with rows but an empty column is refused (BAD_WALK)', () => {
    const f = claimRows('t[v[x:I]]', 2, 0);
    const e = expectMkError(() => openBytes(f).view('t').getView(0, 'v'), 'BAD_WALK', 'expected a subview column for the 2 rows of t.v, but it is empty');
    expect(e.path).toBe('t.v');
  });
});

describe('hostile subview shapes (§15)', () => {
  it('CYCLE: a subview column that contains a walk referring to itself', () => {
    const e = expectMkError(() => dump(selfCycle()), 'CYCLE', 'expected subview column r[0].self.self to differ from its ancestors, but it is the column at 8+4 again');
    expect(e.offset).toBe(8);
    expectMkError(() => computeStats(openBytes(selfCycle())), 'CYCLE', /^expected subview column r\[0\]\.self\.self to differ from its ancestors/);
  });

  it('LIMIT_EXCEEDED: 100 levels of distinct subview columns stop at the depth limit (no stack overflow)', () => {
    expectMkError(() => dump(chain(100)), 'LIMIT_EXCEEDED', /^expected subviews nested at most 64 deep, but r(\[0\]\.self){63}\.self is deeper$/);
    expect(JSON.parse(dump(chain(10))).views[0].name).toBe('r');
    expectMkError(() => dump(chain(10), { maxDepth: 5 }), 'LIMIT_EXCEEDED', /^expected subviews nested at most 5 deep, but r(\[0\]\.self){4}\.self is deeper$/);
  });

  it('regression (stack overflow under a huge maxDepth): the depth limit is capped at 1000, where every reader path still ends in LIMIT_EXCEEDED', () => {
    const f = chain(1100);
    expectMkError(() => dump(f, { maxDepth: 1000 }), 'LIMIT_EXCEEDED', /^expected subviews nested at most 1000 deep, but r(\[0\]\.self){999}\.self is deeper$/);
    expectMkError(() => computeStats(openBytes(f, { limits: { maxDepth: 1000 } })), 'LIMIT_EXCEEDED', /^expected subviews nested at most 1000 deep/);
    expect(() => openBytes(f, { limits: { maxDepth: 1001 } })).toThrow(RangeError);
    expect(() => openBytes(f, { limits: { maxDepth: 0 } })).toThrow(RangeError);
  }, 20_000);

  it('regression (shared subview columns): two rows referring to one child column are refused instead of an exponential dump', () => {
    const e = expectMkError(() => dump(sharedFanOut(40)), 'BAD_WALK', /^expected the subview column at 8\+4 to belong to one view \(r(\[0\]\.self){40}\.self\), but r(\[0\]\.self){39}\[1\]\.self\.self refers to it too$/);
    expect(e.offset).toBe(8);
  });

  it('regression (width-0 columns claiming 2^31-1 rows): cells answer 0 without a per-row allocation', () => {
    const t = openBytes(claimRows('t[x:I,f:F,s:S,b:B]', 0x7fffffff, 0, 0, 0, 0, 0, 0)).view('t');
    expect(t.rowCount).toBe(0x7fffffff);
    expect(t.getInt(0x7ffffffe, 'x')).toBe(0);
    expect(t.getFloat(5, 'f')).toBe(0);
    expect(t.getString(123456789, 's')).toBe('');
    expect(t.getBytes(0x7ffffffe, 'b').length).toBe(0);
    expect(t.getSize(7, 's')).toBe(0);
    expect(computeStats(openBytes(claimRows('t[x:I,s:S]', 0x7fffffff, 0, 0, 0))).views).toEqual([{ name: 't', layout: 't[x:I,s:S]', rows: 0x7fffffff }]);
  });

  it('regression (width-0 columns claiming 2^31-1 rows): whole-column decoding is LIMIT_EXCEEDED, not a RangeError', () => {
    const t = openBytes(claimRows('t[x:I]', 0x7fffffff, 0)).view('t');
    const e = expectMkError(() => t.ints('x'), 'LIMIT_EXCEEDED', 'expected the decoded int column of t.x to be at most 2147483647 bytes, but its 2147483647 rows need 8589934588');
    expect(e.path).toBe('t.x');
    const small = openBytes(claimRows('t[x:I]', 1000, 0), { limits: { maxColumnBytes: 1000 } }).view('t');
    expectMkError(() => small.ints('x'), 'LIMIT_EXCEEDED', 'expected the decoded int column of t.x to be at most 1000 bytes, but its 1000 rows need 4000');
  });

  it('regression (width-0 columns claiming 2^31-1 rows): S item offsets are bounded too', () => {
    // an S column with a memo walk forces the offsets array
    const b = new FileBuilder();
    const memo = b.add(new TextEncoder().encode('m\0'));
    const memoWalk = walk(0, 2, memo);
    const mw = b.add(memoWalk);
    const col = walk(0, 0x7fffffff, 0, memoWalk.length, mw);
    const pos = b.add(col);
    const f = b.finish(rootWalk('t[s:S]', col.length, pos));
    expectMkError(() => openBytes(f).view('t').getString(0, 's'), 'LIMIT_EXCEEDED', 'expected the decoded item offsets of t.s to be at most 2147483647 bytes, but its 2147483648 rows need 8589934592');
  });

  it('LIMIT_EXCEEDED: a top-level view claiming more rows than maxRows', () => {
    expectMkError(() => openBytes(claimRows('t[x:I]', 5000, 0), { limits: { maxRows: 4999 } }).view('t'), 'LIMIT_EXCEEDED', 'expected at most 4999 rows in a subview, but found 5000 at 9');
  });

  it('a file whose views all have rows keeps working after the checks (tiny file round trip)', () => {
    const f = tinyFile('a[x:I,v[y:S]]', { a: [{ x: 1, v: [{ y: 'p' }, { y: 'q' }] }, { x: 2, v: [{ y: 'r' }] }] });
    expect(JSON.parse(dump(f)).views[0].rows).toEqual([{ x: 1, v: [{ y: 'p' }, { y: 'q' }] }, { x: 2, v: [{ y: 'r' }] }]);
    // visiting twice is fine: the same view claims its columns again
    expect(JSON.parse(dump(f)).views[0].rows.length).toBe(2);
    const s = openBytes(f);
    expect(s.view('a').getView(0, 'v').getString(1, 'y')).toBe('q');
    expect(s.view('a').getView(0, 'v').getString(1, 'y')).toBe('q');
  });
});
