/**
 * The writer's append fast path (WritableView.append -> Seq.appendRow -> Handler.appendFast) must leave
 * exactly the state of the general path (insert of an empty row, then one set per value): the same
 * random sessions run once with append and once with insert(rowCount, 1, values), and every commit
 * writes the same bytes. Values cross every int width, the memo thresholds (short, >100 bytes on
 * big views, >10,000 bytes), NaN/-0, UTF-8, and rows land in views with a subview property (whose
 * handler takes the general path) and in columns reloaded from the file after a reopen.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MemoryByteStore } from '../../engine/core/base/byteStore.js';
import { WritableStorage } from '../../engine/core/write/writableStorage.js';
import type { WritableView, RowValues } from '../../engine/core/write/writableView.js';

const RUNS = Number(process.env.MK_PROPERTY_RUNS ?? 200);
const LAYOUTS = ['t[i:I,l:L,f:F,d:D,s:S,b:B]', 't[s:S,i:I,sub[x:I],b:B]', 't[i:I]', 't[s:S]'];

const valueOf: Record<string, fc.Arbitrary<unknown>> = {
  i: fc.oneof(fc.constantFrom(0, 1, 2, 3, 7, 15, 16, 127, -1, -128, 255, 32767, -32769, 2147483647, -2147483648), fc.integer()),
  l: fc.bigInt({ min: -(1n << 63n), max: (1n << 63n) - 1n }),
  f: fc.oneof(fc.double({ noNaN: true }).map(Math.fround), fc.constantFrom(-0, Infinity)),
  d: fc.oneof(fc.double(), fc.constantFrom(0, -0, NaN, -Infinity)),
  s: fc.oneof(fc.constant(''), fc.string({ maxLength: 20 }).map((s) => s.replaceAll('\0', '')), fc.string({ unit: 'grapheme', maxLength: 6 }), fc.nat(3).map((n) => 'y'.repeat([99, 150, 10_000, 10_005][n] as number))),
  b: fc.oneof(fc.uint8Array({ maxLength: 24 }), fc.nat(2).map((n) => new Uint8Array([120, 9_999, 10_001][n] as number).fill(n + 1))),
};

type Step = { kind: 'append'; row: Record<string, unknown> } | { kind: 'commit' } | { kind: 'reopen'; mode: 'readwrite' | 'extend' };

const rowArb = fc.subarray(Object.keys(valueOf)).chain((keys) => fc.tuple(...keys.map((k) => (valueOf[k] as fc.Arbitrary<unknown>).map((v) => [k, v] as const)))).map((kv) => Object.fromEntries(kv));
const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { weight: 12, arbitrary: rowArb.map((row) => ({ kind: 'append' as const, row })) },
  { weight: 2, arbitrary: fc.constant({ kind: 'commit' as const }) },
  { weight: 1, arbitrary: fc.constantFrom('readwrite' as const, 'extend' as const).map((mode) => ({ kind: 'reopen' as const, mode })) },
);

/** The row restricted to the layout's properties (a subview's rows are never given). */
function fit(view: WritableView, row: Record<string, unknown>): RowValues {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row)) if (view.propertyIndex(k) >= 0 && view.typeOf(k) !== 'V') out[k] = v;
  return out;
}

function run(layout: string, steps: readonly Step[], bulk: number, fast: boolean): Uint8Array[] {
  let store = new MemoryByteStore();
  let db = WritableStorage.open(store, { durable: false });
  let view = db.getAs(layout) as WritableView;
  const add = (row: RowValues): void => {
    if (fast) view.append(row);
    else view.insert(view.rowCount, 1, row);
  };
  // a bulk of rows first, so the memo threshold of >100-byte items depends on the row count
  for (let i = 0; i < bulk; i++) add(fit(view, { i: i * 37, s: `row ${i}` }));
  const commits: Uint8Array[] = [];
  for (const step of steps) {
    if (step.kind === 'append') add(fit(view, step.row));
    else if (step.kind === 'commit') {
      db.commit();
      commits.push(store.bytes());
    } else {
      db.commit();
      commits.push(store.bytes());
      db.close();
      store = new MemoryByteStore(store.bytes());
      db = WritableStorage.open(store, { mode: step.mode, durable: false });
      view = db.view('t');
    }
  }
  db.commit();
  commits.push(store.bytes());
  return commits;
}

describe('append fast path = insert + set', () => {
  it(`every commit writes the same bytes either way (${RUNS} runs)`, () => {
    fc.assert(
      fc.property(fc.constantFrom(...LAYOUTS), fc.constantFrom(0, 3, 12_000), fc.array(stepArb, { maxLength: 40 }), (layout, bulk, steps) => {
        const a = run(layout, steps, bulk, true);
        const b = run(layout, steps, bulk, false);
        expect(a.length).toBe(b.length);
        for (let k = 0; k < a.length; k++) expect(Buffer.compare(a[k] as Uint8Array, b[k] as Uint8Array), `commit ${k}`).toBe(0);
      }),
      { numRuns: RUNS },
    );
    // ~40 ms a run (sessions on a 12,000-row view included): `npm run test:property` runs 5,000
  }, 60_000 + RUNS * 150);
});
