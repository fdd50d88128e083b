/** The generation chain of commit-extend files (format §9.3) on c2.mk and on damaged copies. */
import { describe, expect, it } from 'vitest';
import { lastIntactEnd, tailsAt, walkChain } from '../../engine/core/read/chain.js';
import type { ReadAt } from '../../engine/core/read/header.js';
import { concat, hex } from '../helpers/bytes.js';
import { C2, OLD1, SK1, T1 } from '../helpers/docVectors.js';

const reader = (b: Uint8Array): ReadAt => (pos, len) => (pos < 0 || pos + len > b.length ? null : b.slice(pos, pos + len));

describe('generation chain', () => {
  it('c2.mk: 0 -> 41 -> 85 -> 137, every generation intact, with its root walk', () => {
    expect(walkChain(reader(C2), 0, C2.length)).toEqual([
      { end: 41, rootPos: 13, rootLen: 12, intact: true },
      { end: 85, rootPos: 57, rootLen: 12, intact: true },
      { end: 137, rootPos: 109, rootLen: 12, intact: true },
    ]);
    expect(lastIntactEnd(reader(C2), 0, C2.length)).toBe(137);
  });

  it('the limit cuts the chain', () => {
    expect(walkChain(reader(C2), 0, 100).map((g) => g.end)).toEqual([41, 85]);
    expect(lastIntactEnd(reader(C2), 0, 100)).toBe(85);
    expect(walkChain(reader(C2), 0, 40)).toEqual([]);
    expect(lastIntactEnd(reader(C2), 0, 40)).toBe(-1);
  });

  it('a damaged commit tail makes a generation not intact; recovery falls back to the one before', () => {
    const f = C2.slice();
    f[129] = 0; // commit tail of generation 3
    const chain = walkChain(reader(f), 0, f.length);
    expect(chain.map((g) => g.intact)).toEqual([true, true, false]);
    expect(chain[2]).toEqual({ end: 137, rootPos: -1, rootLen: -1, intact: false });
    expect(lastIntactEnd(reader(f), 0, f.length)).toBe(85);
  });

  it('a mode-1 file is one generation; a starkit chain starts at its base', () => {
    expect(walkChain(reader(T1), 0, T1.length)).toEqual([{ end: 61, rootPos: 30, rootLen: 15, intact: true }]);
    expect(walkChain(reader(SK1), 100, SK1.length)).toEqual([{ end: 161, rootPos: 30, rootLen: 15, intact: true }]);
  });

  it('no chain without a new-format header', () => {
    expect(walkChain(reader(OLD1), 0, OLD1.length)).toEqual([]);
    expect(walkChain(reader(hex('00 11 22 33 44 55 66 77')), 0, 8)).toEqual([]);
    expect(walkChain(reader(hex('4a 4c')), 0, 2)).toEqual([]);
  });

  it('a generation mark with a bogus length ends the chain', () => {
    const f = concat(T1, hex('4a 4c 0a 00 00 00 00 04'));
    expect(walkChain(reader(f), 0, f.length).map((g) => g.end)).toEqual([61]);
  });

  it('maxEntries bounds the walk', () => {
    expect(walkChain(reader(C2), 0, C2.length, 2).map((g) => g.end)).toEqual([41, 85]);
  });
});

describe('tailsAt', () => {
  it('accepts only a skip tail pointing back to the base followed by a commit tail inside the data', () => {
    expect(tailsAt(reader(T1), 0, 61)).toEqual({ rootPos: 30, rootLen: 15 });
    expect(tailsAt(reader(SK1), 100, 161)).toEqual({ rootPos: 30, rootLen: 15 });
    expect(tailsAt(reader(SK1), 0, 161)).toBeNull();
    expect(tailsAt(reader(T1), 0, 60)).toBeNull();
    expect(tailsAt(reader(T1), 0, 20)).toBeNull();
    const bad = T1.slice();
    bad[60] = 50; // root walk past the tails
    expect(tailsAt(reader(bad), 0, 61)).toBeNull();
  });
});
