/**
 * Property tests of the delta encoder (engine/core/aside/diffEncoder.ts) and the byte maps that feed it:
 * random columns of every type and width (ints of 1-32 bits, 64-bit L/D, S/B data) go through random
 * edit sequences — appends, in-place sets, inserts, deletes, width changes — and the chunks planned
 * for the result, applied to the main file by the reader's applyDiff (c4_Differ::ApplyDiff), give
 * exactly the new column. The main file around the base column is random, sometimes ending right
 * after it, so windows that would run past the end are exercised. Runs: MK_PROPERTY_RUNS.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyDiff, type DiffChunk } from '../../engine/core/aside/asideDiffs.js';
import { MemoryByteStore } from '../../engine/core/base/byteStore.js';
import { ColumnCache } from '../../engine/core/read/cache.js';
import { encodeDoubles, encodeInts, encodeLongs, type IntWidth } from '../../engine/core/read/columns/ints.js';
import { DataSource, DEFAULT_LIMITS } from '../../engine/core/read/dataSource.js';
import { ByteMap, FRESH, mapFromChunks, type Segment } from '../../engine/core/aside/bytePieces.js';
import { layoutChunks, MEMO_MIN, MERGE_BUDGET } from '../../engine/core/aside/chunkLayout.js';
import { refineSegments } from '../../engine/core/aside/byteMatch.js';
import { concat } from '../helpers/bytes.js';
import { CHUNK_COST, encodeDiff, MIN_ORIGIN, planDelta, type DeltaPlan } from '../../engine/core/aside/diffEncoder.js';

const RUNS = Number(process.env.MK_PROPERTY_RUNS ?? 200);

/** A main file: `lead` random bytes after the 8-byte start, the base column, then `trail` random bytes. */
function mainAround(base: Uint8Array, lead: Uint8Array, trail: Uint8Array): { bytes: Uint8Array; pos: number } {
  const bytes = new Uint8Array(MIN_ORIGIN + lead.length + base.length + trail.length);
  bytes.set(lead, MIN_ORIGIN);
  bytes.set(base, MIN_ORIGIN + lead.length);
  bytes.set(trail, MIN_ORIGIN + lead.length + base.length);
  return { bytes, pos: MIN_ORIGIN + lead.length };
}

function source(bytes: Uint8Array): DataSource {
  return new DataSource(new MemoryByteStore(bytes, { writable: false }), { base: 0, end: bytes.length, littleEndian: true, oldFormat: false }, new ColumnCache(1 << 20), DEFAULT_LIMITS, null, 'p:');
}

function apply(main: Uint8Array, plan: DeltaPlan, size: number): Uint8Array {
  return applyDiff(0, plan.origin, plan.chunks, size, source(main), 'column', 'aside');
}

function checkPlan(plan: DeltaPlan, main: Uint8Array, target: Uint8Array): void {
  expect(Array.from(apply(main, plan, target.length))).toEqual(Array.from(target));
  // Grows and shrinks balance: the column ends at the size the walk references.
  expect(plan.chunks.reduce((n, c) => n + c.resize, 0)).toBe(0);
  expect(plan.cost).toBeLessThanOrEqual(CHUNK_COST + target.length);
  if (!plan.whole) {
    expect(plan.origin).toBeGreaterThanOrEqual(MIN_ORIGIN);
    expect(plan.origin + target.length).toBeLessThanOrEqual(main.length);
  }
}

// ---- columns of every type and width, edited at the value level -------------------------------

type Kind = { type: 'int'; width: IntWidth } | { type: 'long' } | { type: 'double' } | { type: 'bytes' };

const kindArb: fc.Arbitrary<Kind> = fc.oneof(
  fc.constantFrom<IntWidth>(1, 2, 4, 8, 16, 32).map((width) => ({ type: 'int' as const, width })),
  fc.constant({ type: 'long' as const }),
  fc.constant({ type: 'double' as const }),
  fc.constant({ type: 'bytes' as const }),
);

type Edit =
  | { op: 'append'; values: number[] }
  | { op: 'set'; at: number; value: number }
  | { op: 'insert'; at: number; values: number[] }
  | { op: 'delete'; at: number; count: number }
  | { op: 'widen' };

const editArb: fc.Arbitrary<Edit> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ op: fc.constant('append' as const), values: fc.array(fc.integer({ min: -100000, max: 100000 }), { minLength: 1, maxLength: 5 }) }) },
  { weight: 4, arbitrary: fc.record({ op: fc.constant('set' as const), at: fc.nat(), value: fc.integer({ min: -100000, max: 100000 }) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('insert' as const), at: fc.nat(), values: fc.array(fc.integer({ min: -1000, max: 1000 }), { minLength: 1, maxLength: 4 }) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('delete' as const), at: fc.nat(), count: fc.integer({ min: 1, max: 4 }) }) },
  { weight: 1, arbitrary: fc.constant({ op: 'widen' as const }) },
);

function clampValue(kind: Kind, width: IntWidth, v: number): number {
  if (kind.type !== 'int' || width >= 32) return v;
  if (width >= 8) {
    const half = 2 ** (width - 1);
    return ((((v + half) % (2 * half)) + 2 * half) % (2 * half)) - half;
  }
  return Math.abs(v) % 2 ** width;
}

function encodeColumn(kind: Kind, width: IntWidth, values: readonly number[]): Uint8Array {
  switch (kind.type) {
    case 'int': return encodeInts(values.map((v) => clampValue(kind, width, v)), values.length, width, true);
    case 'long': return encodeLongs(values.map((v) => BigInt(v) * 1000000007n), values.length, true);
    case 'double': return encodeDoubles(values.map((v) => v / 7), values.length, true);
    case 'bytes': {
      // S/B data: item i is a few bytes derived from its value, so edits shift the data unevenly.
      return concat(...values.map((v) => Uint8Array.from({ length: Math.abs(v) % 23 }, (_, k) => (v * 31 + k * 17) & 0xff)));
    }
  }
}

function runEdits(values: number[], edits: readonly Edit[], kind: Kind, width: IntWidth): { values: number[]; width: IntWidth } {
  let w = width;
  const v = values.slice();
  for (const e of edits) {
    switch (e.op) {
      case 'append': v.push(...e.values); break;
      case 'set': if (v.length > 0) v[e.at % v.length] = e.value; break;
      case 'insert': v.splice(e.at % (v.length + 1), 0, ...e.values); break;
      case 'delete': if (v.length > 0) v.splice(e.at % v.length, e.count); break;
      case 'widen': if (kind.type === 'int' && w < 32) w = (w * 2) as IntWidth; break;
    }
  }
  return { values: v, width: w };
}

describe('diff encoder: (base column, new column) -> chunks', () => {
  it('applying the chunks to the main file gives the new column, for every type, width and edit', () => {
    fc.assert(
      fc.property(
        kindArb,
        fc.array(fc.integer({ min: -100000, max: 100000 }), { minLength: 1, maxLength: 300 }),
        fc.array(editArb, { maxLength: 12 }),
        fc.uint8Array({ maxLength: 64 }),
        fc.oneof(fc.constant(new Uint8Array(0)), fc.uint8Array({ maxLength: 200 })),
        (kind, values, edits, lead, trail) => {
          const width = kind.type === 'int' ? kind.width : 32;
          const base = encodeColumn(kind, width, values);
          const next = runEdits(values, edits, kind, width);
          const target = encodeColumn(kind, next.width, next.values);
          if (base.length === 0 || target.length === 0) return;
          const main = mainAround(base, lead, trail);
          const plan = encodeDiff(base, target, { basePos: main.pos, limit: main.bytes.length });
          checkPlan(plan, main.bytes, target);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('an append is one chunk after the kept column when the window fits, and costs what it adds', () => {
    const base = Uint8Array.from({ length: 4000 }, (_, i) => i & 0xff);
    const target = new Uint8Array(4008);
    target.set(base);
    target.set([1, 2, 3, 4, 5, 6, 7, 8], 4000);
    const main = mainAround(base, new Uint8Array(0), new Uint8Array(100));
    const plan = encodeDiff(base, target, { basePos: main.pos, limit: main.bytes.length });
    expect(plan.whole).toBe(false);
    expect(plan.chunks.map((c) => [c.keep, c.resize, c.bytes.length])).toEqual([[4000, 0, 8]]);
    checkPlan(plan, main.bytes, target);
    // The base column ends the main file: the window moves back and the new bytes are inserted.
    const tight = mainAround(base, new Uint8Array(50), new Uint8Array(0));
    const moved = encodeDiff(base, target, { basePos: tight.pos, limit: tight.bytes.length });
    expect(moved.whole).toBe(false);
    expect(moved.origin).toBe(tight.pos - 8);
    expect(moved.chunks.map((c) => [c.keep, c.resize, c.bytes.length])).toEqual([[0, -8, 0], [4000, 8, 8]]);
    checkPlan(moved, tight.bytes, target);
  });

  it('a width change falls back to one whole chunk with no base', () => {
    const values = Array.from({ length: 500 }, (_, i) => i % 100);
    const base = encodeInts(values, 500, 8, true);
    const target = encodeInts([...values, 40000], 501, 32, true);
    const main = mainAround(base, new Uint8Array(0), new Uint8Array(3000));
    const plan = encodeDiff(base, target, { basePos: main.pos, limit: main.bytes.length });
    expect(plan.whole).toBe(true);
    expect(plan.origin).toBe(0);
    expect(plan.chunks).toHaveLength(1);
    checkPlan(plan, main.bytes, target);
  });

  it('no usable window (column as large as the main file allows): whole', () => {
    const base = new Uint8Array(100).fill(3);
    const target = new Uint8Array(101).fill(3);
    const main = mainAround(base, new Uint8Array(0), new Uint8Array(0));
    const plan = encodeDiff(base, target, { basePos: main.pos, limit: main.bytes.length });
    expect(plan.whole).toBe(true);
    checkPlan(plan, main.bytes, target);
  });
});

// ---- byte maps kept by edits, then planned ------------------------------------------------------

type RawEdit = { at: number; remove: number; insert: Uint8Array };
const rawEditArb: fc.Arbitrary<RawEdit> = fc.record({ at: fc.nat(), remove: fc.nat(40), insert: fc.uint8Array({ maxLength: 40 }) });

/** `bytes` with `e` applied (its position and removal clamped to the bytes), and where it landed. */
function applyEdit(bytes: Uint8Array, e: RawEdit): { bytes: Uint8Array; at: number; remove: number } {
  const at = e.at % (bytes.length + 1);
  const remove = Math.min(e.remove, bytes.length - at);
  return { bytes: concat(bytes.subarray(0, at), e.insert, bytes.subarray(at + remove)), at, remove };
}

function materialize(segments: readonly Segment[], main: Uint8Array, fresh: Uint8Array): Uint8Array {
  const out = new Uint8Array(fresh.length);
  let t = 0;
  for (const s of segments) {
    out.set(s.src === FRESH ? fresh.subarray(t, t + s.len) : main.subarray(s.src, s.src + s.len), t);
    t += s.len;
  }
  return out;
}

describe('byte maps', () => {
  it('track edits exactly, and plan into chunks that rebuild the column', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 400 }), fc.array(rawEditArb, { maxLength: 20 }), fc.uint8Array({ maxLength: 100 }), (base, edits, trail) => {
        const main = mainAround(base, new Uint8Array(0), trail);
        const map = ByteMap.base(main.pos, base.length);
        let bytes: Uint8Array = base.slice();
        for (const e of edits) {
          const edited = applyEdit(bytes, e);
          bytes = edited.bytes;
          expect(map.replace(edited.at, edited.remove, e.insert.length)).toBe(true);
        }
        expect(map.length).toBe(bytes.length);
        expect(Array.from(materialize(map.segments, main.bytes, bytes))).toEqual(Array.from(bytes));
        if (bytes.length === 0) return;
        const plan = planDelta({ segments: map.segments, size: bytes.length, read: (a, b) => bytes.slice(a, b), limit: main.bytes.length });
        checkPlan(plan, main.bytes, bytes);
        // Read back as a map (what a reopened writer starts from), the plan describes the same bytes.
        const back = mapFromChunks(plan.origin, bytes.length, plan.chunks);
        expect(back).not.toBeNull();
        expect(Array.from(materialize((back as ByteMap).segments, main.bytes, bytes))).toEqual(Array.from(bytes));
      }),
      { numRuns: RUNS },
    );
  });

  it('mapFromChunks follows ApplyDiff on any valid chunk list', () => {
    const chunkArb = fc.record({ keep: fc.nat(20), resize: fc.integer({ min: -20, max: 20 }), bytes: fc.uint8Array({ maxLength: 20 }) });
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 200 }), fc.array(chunkArb, { maxLength: 8 }), (base, chunks: DiffChunk[]) => {
        const main = mainAround(base, new Uint8Array(0), new Uint8Array(300));
        let content: Uint8Array;
        try {
          content = applyDiff(0, main.pos, chunks, base.length, source(main.bytes), 'c', 'a');
        } catch {
          return; // not a valid diff for this size
        }
        const map = mapFromChunks(main.pos, base.length, chunks);
        expect(map).not.toBeNull();
        // Base segments really are main-file bytes; fresh ones are whatever the chunks wrote.
        expect(Array.from(materialize((map as ByteMap).segments, main.bytes, content))).toEqual(Array.from(content));
      }),
      { numRuns: RUNS },
    );
  });
});

// ---- the stored layout of chunks ----------------------------------------------------------------

describe('chunk layout', () => {
  it('splits and reuses blocks without changing what the chunks build, commit after commit', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 1, maxLength: 3000 }),
        fc.array(fc.array(rawEditArb, { maxLength: 4 }), { minLength: 1, maxLength: 6 }),
        fc.array(fc.uint8Array({ minLength: 1, maxLength: 150 }), { minLength: 1, maxLength: 6 }),
        fc.uint8Array({ maxLength: 300 }),
        (base, editRounds, appends, trail) => {
          const main = mainAround(base, new Uint8Array(0), trail);
          let bytes: Uint8Array = base.slice();
          let previous: DiffChunk[] = [];
          editRounds.forEach((edits, round) => {
            for (const e of edits) bytes = applyEdit(bytes, e).bytes;
            bytes = concat(bytes, appends[round % appends.length] as Uint8Array);
            const plan = encodeDiff(base, bytes, { basePos: main.pos, limit: main.bytes.length });
            const budget = { left: MERGE_BUDGET };
            const stored = layoutChunks(plan.chunks, previous, budget);
            expect(budget.left).toBeGreaterThanOrEqual(0);
            const got = applyDiff(0, plan.origin, stored, bytes.length, source(main.bytes), 'c', 'a');
            expect(Array.from(got)).toEqual(Array.from(bytes));
            previous = stored;
          });
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('appending keeps the stored blocks: only new bytes, a bounded merge and the tail are new', () => {
    const base = Uint8Array.from({ length: 50_000 }, (_, i) => (i * 7) & 0xff);
    const main = mainAround(base, new Uint8Array(0), new Uint8Array(30_000));
    const src = source(main.bytes);
    const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
    let bytes = base;
    let previous: DiffChunk[] = [];
    let worst = 0;
    for (let k = 0; k < 1000; k++) {
      const grown = new Uint8Array(bytes.length + 21);
      grown.set(bytes);
      grown.fill(k & 0xff, bytes.length);
      bytes = grown;
      const plan = encodeDiff(base, bytes, { basePos: main.pos, limit: main.bytes.length });
      const stored = layoutChunks(plan.chunks, previous, { left: MERGE_BUDGET });
      const kept = new Set(previous.map((c) => hex(c.bytes)));
      // Bytes this commit writes: blocks the previous commit did not hold.
      const written = stored.filter((c) => !kept.has(hex(c.bytes))).reduce((n, c) => n + c.bytes.length, 0);
      worst = Math.max(worst, written);
      if (k % 50 === 0) expect(Buffer.from(applyDiff(0, plan.origin, stored, bytes.length, src, 'c', 'a')).equals(Buffer.from(bytes))).toBe(true);
      previous = stored;
    }
    const last = encodeDiff(base, bytes, { basePos: main.pos, limit: main.bytes.length });
    expect(Buffer.from(applyDiff(0, last.origin, previous, bytes.length, src, 'c', 'a')).equals(Buffer.from(bytes))).toBe(true);
    // 21 new bytes, the inline tail (< MEMO_MIN) and at most one merge budget per commit.
    expect(worst).toBeLessThanOrEqual(MERGE_BUDGET + MEMO_MIN + 21);
    // Few chunks for 21,000 appended bytes: merged blocks, not one per commit.
    expect(previous.length).toBeLessThan(40);
  });
});

describe('refining a column read back whole', () => {
  it('finds the bytes that still equal the main file, around edits that change lengths', () => {
    fc.assert(
      fc.property(fc.integer({ min: 5000, max: 40000 }), fc.array(rawEditArb, { maxLength: 8 }), fc.integer({ min: 0, max: 0xffffffff }), (n, edits, seed) => {
        let x = seed >>> 0 || 1;
        const base = Uint8Array.from({ length: n }, () => {
          x ^= x << 13;
          x ^= x >>> 17;
          x ^= x << 5;
          return x & 0xff;
        });
        const main = mainAround(base, new Uint8Array(0), new Uint8Array(5000));
        let bytes: Uint8Array = base.slice();
        let changed = 0;
        for (const e of edits) {
          bytes = applyEdit(bytes, e).bytes;
          changed += e.insert.length + 200;
        }
        // A whole-column diff based at the column's old position: all fresh, then refined.
        const segs = refineSegments([{ src: FRESH, len: bytes.length }], main.pos, (a, b) => bytes.subarray(a, b), (p, l) => main.bytes.slice(p, p + l), main.bytes.length);
        expect(Array.from(materialize(segs, main.bytes, bytes))).toEqual(Array.from(bytes));
        const fresh = segs.filter((sg) => sg.src === FRESH).reduce((a, sg) => a + sg.len, 0);
        // Random bytes: only the edits (and the probe distance around each) stay fresh.
        expect(fresh).toBeLessThanOrEqual(changed);
      }),
      { numRuns: Math.max(20, Math.floor(RUNS / 10)) },
    );
  });
});
